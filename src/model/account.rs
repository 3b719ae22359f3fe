//! One client account and what hangs off it, except its people (`stakeholders`) and the
//! milestones and RACI it shares with the program (`program`).

use serde::{Deserialize, Serialize};

use super::keyed::keyed;
use super::{Date, Influence, Milestone, OrderedMap, Raci, Stakeholder};

/// One client account.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Account {
    /// Unique id, `[a-z0-9-]`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Industry.
    #[serde(default)]
    pub industry: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// Team member id of the owner.
    #[serde(default)]
    pub owner: Option<String>,
    /// Revenue per fiscal year.
    pub revenue: OrderedMap<f64>,
    /// Current MRR per plan id.
    #[serde(default)]
    pub mrr: OrderedMap<f64>,
    /// Earlier periods' MRR, oldest first.
    #[serde(default)]
    pub mrr_history: Vec<MrrSnapshot>,
    /// Profit margin as a fraction of revenue.
    #[serde(default)]
    pub margin: Option<f64>,
    /// Onboarding state.
    #[serde(default)]
    pub onboarding: Option<Onboarding>,
    /// Engagement and churn risk.
    #[serde(default)]
    pub health: Option<Health>,
    /// Next renewal.
    #[serde(default)]
    pub renewal_date: Option<Date>,
    /// Growth and harmony factor scores.
    #[serde(default)]
    pub scores: Option<Scores>,
    /// The client's divisions × offerings.
    #[serde(default)]
    pub divisions: Vec<Division>,
    /// The client's people.
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    /// Non-hierarchical influence between stakeholders.
    #[serde(default)]
    pub influences: Vec<Influence>,
    /// Upsell and cross-sell opportunities.
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// The account's milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Next actions.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Activity → member id → R/A/C/I.
    #[serde(default)]
    pub raci: OrderedMap<OrderedMap<Raci>>,
}

impl Account {
    /// Revenue in `year`, zero when not given.
    pub fn revenue_in(&self, year: &str) -> f64 {
        self.revenue.get(year).copied().unwrap_or(0.0)
    }

    /// Current MRR over all plans.
    pub fn mrr_total(&self) -> f64 {
        self.mrr.values().sum()
    }
}

/// MRR per plan in an earlier period.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MrrSnapshot {
    /// Period label, e.g. `FY2026 Q1`.
    pub period: String,
    /// MRR per plan id.
    #[serde(flatten)]
    pub plans: std::collections::BTreeMap<String, f64>,
}

/// Onboarding state of an account.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Onboarding {
    /// Where onboarding stands.
    #[serde(default)]
    pub status: Option<OnboardingStatus>,
    /// Latest satisfaction survey score (1–10).
    #[serde(default)]
    pub satisfaction: Option<f64>,
}

/// Onboarding status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OnboardingStatus {
    /// Not started.
    NotStarted,
    /// Under way.
    InProgress,
    /// Done.
    Complete,
    /// Stuck.
    Blocked,
}

keyed!(OnboardingStatus {
    NotStarted => "not_started",
    InProgress => "in_progress",
    Complete => "complete",
    Blocked => "blocked",
});

impl OnboardingStatus {
    /// Every status, in display order (not the file order of `Keyed::VARIANTS`).
    pub const ALL: [Self; 4] = [Self::NotStarted, Self::InProgress, Self::Blocked, Self::Complete];
}

/// Health signals of an account.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Health {
    /// Engagement, 0..1.
    #[serde(default)]
    pub engagement: Option<f64>,
    /// Churn risk level.
    #[serde(default)]
    pub churn_risk: Option<Level>,
    /// When the account entered the risk queue.
    #[serde(default)]
    pub flagged_on: Option<Date>,
    /// Probability of churn, 0..1; weights MRR at risk.
    #[serde(default)]
    pub churn_probability: Option<f64>,
}

/// Low / medium / high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

keyed!(Level {
    Low => "low",
    Medium => "medium",
    High => "high",
});

/// Factor scores of an account.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Scores {
    /// Growth-potential factor → score.
    #[serde(default)]
    pub growth: OrderedMap<i64>,
    /// Harmony factor → score.
    #[serde(default)]
    pub harmony: OrderedMap<i64>,
}

/// A client division and the status of each offering in it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Division {
    /// Division name.
    pub name: String,
    /// Offering id → status.
    #[serde(default)]
    pub offerings: OrderedMap<CellStatus>,
}

/// Status of an offering in a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CellStatus {
    /// Not sold yet: the cross-sell opportunity.
    Whitespace,
    /// Proposed.
    Pitched,
    /// Trial.
    Pilot,
    /// In use.
    Active,
}

keyed!(CellStatus {
    Whitespace => "whitespace",
    Pitched => "pitched",
    Pilot => "pilot",
    Active => "active",
});

/// An upsell or cross-sell opportunity.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Opportunity {
    /// Offering id.
    #[serde(default)]
    pub offering: Option<String>,
    /// Name.
    pub name: String,
    /// Expected value.
    #[serde(default)]
    pub value: Option<f64>,
    /// Sales stage.
    #[serde(default)]
    pub stage: Option<String>,
    /// Expected close date.
    #[serde(default)]
    pub close: Option<Date>,
}

/// A next action.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Action {
    /// What to do.
    pub action: String,
    /// Team member id.
    #[serde(default)]
    pub owner: Option<String>,
    /// Due date.
    #[serde(default)]
    pub due: Option<Date>,
    /// Status (free text: open, done, …).
    #[serde(default)]
    pub status: Option<String>,
}
