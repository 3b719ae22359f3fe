//! The account plan: one deck per client account, `PLAN` in deck order.
//!
//! Same machinery as the review: each kind builds its slides from the portfolio, the
//! portfolio's figures and `Ctx::account`.

mod actions;
mod decisions;
mod divisions;
mod opportunities;
mod scoring;
mod snapshot;
mod team;
mod timeline;
mod title;

use super::{Ctx, SlideKind};
use crate::model::Account;

/// The account plan, in deck order.
pub static PLAN: &[&SlideKind] = &[
    &title::KIND,
    &snapshot::KIND,
    &scoring::KIND,
    &decisions::KIND,
    &divisions::KIND,
    &opportunities::KIND,
    &timeline::KIND,
    &team::KIND,
    &actions::KIND,
];

/// The plan's account (index and data); plans always have one.
fn account<'a>(c: &Ctx<'a>) -> (usize, &'a Account) {
    c.plan_account()
}
