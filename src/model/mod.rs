//! The portfolio: what one input file (YAML or Excel) holds, as the portfolio contract (INPUT.md) fixes it.
//!
//! These types mirror the file one to one; derived figures live in `figures`. Every struct
//! serialises all of its fields (no `skip_serializing_if`) because the loader reads the
//! serialised key names back to suggest a correction for a misspelt key.

mod account;
mod date;
mod deck_choices;
pub(crate) mod keyed;
mod limits;
mod names;
mod ordered;
mod portfolio;
mod program;
mod schema;
mod settings;
mod stakeholders;
mod suggest;
pub mod validate;

pub use account::{
    Account, Action, CellStatus, Division, Health, Level, MrrSnapshot, Onboarding, OnboardingStatus, Opportunity,
    Scores,
};
pub use date::Date;
pub use keyed::Keyed;
pub use ordered::OrderedMap;
pub use portfolio::{DeckOptions, Member, Offering, Plan, Portfolio, Seller};
pub use program::{Charter, Milestone, MilestoneStatus, Objective, Program, Raci, Role};
pub use schema::schema;
pub use settings::{AbcSettings, ProfitMatrixSettings, RiskRank, ScoringSettings, Settings, Split};
pub use stakeholders::{Influence, Relationship, Stakeholder};
