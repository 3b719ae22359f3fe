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
use crate::workbook::mirrors::plan;

/// The account plan, in deck order.
pub const PLAN: &[SlideKind] = &[
    SlideKind { id: "plan_title", build: title::build, mirror: plan::title },
    SlideKind { id: "snapshot", build: snapshot::build, mirror: plan::snapshot },
    SlideKind { id: "plan_scoring", build: scoring::build, mirror: plan::scoring },
    SlideKind { id: "decisions", build: decisions::build, mirror: plan::decisions },
    SlideKind { id: "plan_divisions", build: divisions::build, mirror: plan::divisions },
    SlideKind { id: "opportunities", build: opportunities::build, mirror: plan::opportunities },
    SlideKind { id: "plan_timeline", build: timeline::build, mirror: plan::timeline },
    SlideKind { id: "plan_team", build: team::build, mirror: plan::team },
    SlideKind { id: "actions", build: actions::build, mirror: plan::actions },
];

/// The plan's account (index and data); plans always have one.
fn account<'a>(c: &Ctx<'a>) -> (usize, &'a Account) {
    let i = c.account.unwrap_or(0);
    (i, &c.p.accounts[i])
}
