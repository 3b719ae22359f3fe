//! The quarterly KAM review: one module per slide kind, `REVIEW` in deck order.

mod abc;
mod agenda;
mod appendix;
mod charter;
mod dashboard;
pub(crate) mod divisions;
mod next_steps;
mod pareto;
mod profit;
mod retention;
mod risk;
mod scoring;
mod summary;
pub(crate) mod team;
pub(crate) mod timeline;
pub(crate) mod title;

use super::SlideKind;

/// The quarterly KAM review, in deck order.
pub static REVIEW: &[&SlideKind] = &[
    &title::KIND,
    &summary::KIND,
    &agenda::KIND,
    &dashboard::KIND,
    &pareto::KIND,
    &abc::KIND,
    &scoring::KIND,
    &profit::KIND,
    &risk::KIND,
    &retention::KIND,
    &divisions::KIND,
    &team::KIND,
    &timeline::KIND,
    &charter::KIND,
    &next_steps::KIND,
    &appendix::KIND,
];
