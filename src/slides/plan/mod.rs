//! The account plan: one deck per client account.
//!
//! Same machinery as the review: each module builds its slides from the portfolio, the
//! portfolio's figures and `Ctx::account`; `PLAN` lists them in deck order.

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
pub const PLAN: &[SlideKind] = &[
    SlideKind { id: "plan_title", build: title::build },
    SlideKind { id: "snapshot", build: snapshot::build },
    SlideKind { id: "plan_scoring", build: scoring::build },
    SlideKind { id: "decisions", build: decisions::build },
    SlideKind { id: "plan_divisions", build: divisions::build },
    SlideKind { id: "opportunities", build: opportunities::build },
    SlideKind { id: "plan_timeline", build: timeline::build },
    SlideKind { id: "plan_team", build: team::build },
    SlideKind { id: "actions", build: actions::build },
];

/// The plan's account (index and data); plans always have one.
fn account<'a>(c: &Ctx<'a>) -> (usize, &'a Account) {
    let i = c.account.unwrap_or(0);
    (i, &c.p.accounts[i])
}
