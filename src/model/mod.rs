//! The portfolio: what one input file (YAML or Excel) holds, as `../shared/INPUT.md` fixes it.
//!
//! These types mirror the file one to one; derived figures live in `figures`. Every struct
//! serialises all of its fields (no `skip_serializing_if`) because the loader reads the
//! serialised key names back to suggest a correction for a misspelt key.

mod date;
mod ordered;
pub mod validate;

use serde::{Deserialize, Deserializer, Serialize};

pub use date::Date;
pub use ordered::OrderedMap;

/// One portfolio file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Portfolio {
    /// The selling company.
    pub seller: Seller,
    /// ISO 4217 code of every money figure.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The reporting period printed on the decks (`FY2026 Q2`).
    #[serde(default)]
    pub period: Option<String>,
    /// "Today" for timelines, queue ages and renewals; also the document date.
    #[serde(default)]
    pub report_date: Option<Date>,
    /// Fiscal years, oldest first; revenue is keyed by these.
    pub fiscal_years: Vec<String>,
    /// Who prepared the deck (title slide); defaults to the seller's division.
    #[serde(default)]
    pub prepared_by: Option<String>,
    /// The confidentiality line of every footer; defaults to the catalogue's "Confidential".
    #[serde(default)]
    pub confidentiality: Option<String>,
    /// Thresholds and weights of the analyses.
    #[serde(default)]
    pub settings: Settings,
    /// Subscription plans MRR is split across.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// The seller's offerings (columns of the division map).
    #[serde(default)]
    pub offerings: Vec<Offering>,
    /// The account team.
    #[serde(default)]
    pub team: Vec<Member>,
    /// The accounts.
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The KAM program itself.
    #[serde(default)]
    pub program: Program,
}

fn default_currency() -> String {
    "USD".into()
}

/// The selling company.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Seller {
    /// Company name.
    pub name: String,
    /// Division presenting the deck.
    #[serde(default)]
    pub division: Option<String>,
}

/// Analysis settings; every key is optional.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Cumulative revenue share that defines the Pareto vital few.
    pub pareto_cut: f64,
    /// ABC tier thresholds.
    pub abc: AbcSettings,
    /// Engagement below this marks an account endangered.
    pub engagement_threshold: f64,
    /// Satisfaction target on the 1–10 survey scale.
    pub satisfaction_target: f64,
    /// Scoring matrix configuration.
    pub scoring: ScoringSettings,
    /// Profit matrix thresholds.
    pub profit_matrix: ProfitMatrixSettings,
    /// Which field orders the accounts-at-risk list.
    pub risk_rank: RiskRank,
    /// Rows of the appendix account table before it points to the workbook.
    pub appendix_rows: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            pareto_cut: 0.8,
            abc: AbcSettings::default(),
            engagement_threshold: 0.4,
            satisfaction_target: 8.0,
            scoring: ScoringSettings::default(),
            profit_matrix: ProfitMatrixSettings::default(),
            risk_rank: RiskRank::Importance,
            appendix_rows: 200,
        }
    }
}

/// ABC thresholds on the cumulative revenue share before an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AbcSettings {
    /// Tier A while the share before the account is below this.
    pub a: f64,
    /// Tier B while below this; C after.
    pub b: f64,
}

impl Default for AbcSettings {
    fn default() -> Self {
        Self { a: 0.8, b: 0.95 }
    }
}

/// Scoring matrix: factor weights, scale and the growth/harmony mix.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringSettings {
    /// Scores run from 1 to this (5 or 10).
    pub scale: i64,
    /// g in total = g × growth + (1 − g) × harmony.
    pub growth_weight: f64,
    /// Growth-potential factors and their weights (sum 1).
    pub growth: OrderedMap<f64>,
    /// Harmony factors and their weights (sum 1).
    pub harmony: OrderedMap<f64>,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        let map = |pairs: &[(&str, f64)]| OrderedMap(pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect());
        Self {
            scale: 10,
            growth_weight: 0.5,
            growth: map(&[("revenue_growth", 0.4), ("share_of_wallet", 0.3), ("upsell_potential", 0.3)]),
            harmony: map(&[("strategic_fit", 0.3), ("culture", 0.2), ("vision", 0.2), ("strategy", 0.3)]),
        }
    }
}

/// Profit matrix thresholds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfitMatrixSettings {
    /// Revenue threshold: the median of the plotted accounts, or a number.
    pub revenue_split: Split,
    /// Margin threshold: the median, or a fraction.
    pub margin_split: Split,
}

/// A threshold that is either the portfolio's median or a fixed number.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Split {
    /// The median of the values it splits.
    #[default]
    Median,
    /// A fixed threshold.
    Value(f64),
}

impl Serialize for Split {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Split::Median => s.serialize_str("median"),
            Split::Value(v) => s.serialize_f64(*v),
        }
    }
}

impl<'de> Deserialize<'de> for Split {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Split;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`median` or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Split, E> {
                match v {
                    "median" => Ok(Split::Median),
                    _ => v
                        .parse()
                        .map(Split::Value)
                        .map_err(|_| E::custom(format!("\"{v}\" is not `median` or a number"))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Split, E> {
                Ok(Split::Value(v))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Split, E> {
                Ok(Split::Value(v as f64))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Split, E> {
                Ok(Split::Value(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

/// The field that orders the accounts-at-risk list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskRank {
    /// Tier first (A before B before C), then MRR.
    Importance,
    /// MRR at risk, largest first.
    Mrr,
    /// Days in the risk queue, longest first.
    QueueAge,
    /// Churn probability, highest first.
    Probability,
}

/// A subscription plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// Id used as a key in `mrr`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The plan the team upsells to.
    #[serde(default)]
    pub upsell: bool,
}

/// One of the seller's offerings or divisions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Offering {
    /// Id used in division maps and opportunities.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A member of the account team.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// Id referenced as owner and in RACI rows.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Role in the team.
    #[serde(default)]
    pub role: Option<String>,
    /// Contact address.
    #[serde(default)]
    pub email: Option<String>,
}

/// One client account.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// MRR per plan in an earlier period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MrrSnapshot {
    /// Period label, e.g. `FY2026 Q1`.
    pub period: String,
    /// MRR per plan id.
    #[serde(flatten)]
    pub plans: std::collections::BTreeMap<String, f64>,
}

/// Onboarding state of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Onboarding {
    /// Where onboarding stands.
    #[serde(default)]
    pub status: Option<OnboardingStatus>,
    /// Latest satisfaction survey score (1–10).
    #[serde(default)]
    pub satisfaction: Option<f64>,
}

/// Onboarding status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl OnboardingStatus {
    /// Every status, in display order.
    pub const ALL: [Self; 4] = [Self::NotStarted, Self::InProgress, Self::Blocked, Self::Complete];

    /// The key used in files and message catalogues.
    pub fn key(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Complete => "complete",
            Self::Blocked => "blocked",
        }
    }
}

/// Health signals of an account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// Factor scores of an account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scores {
    /// Growth-potential factor → score.
    #[serde(default)]
    pub growth: OrderedMap<i64>,
    /// Harmony factor → score.
    #[serde(default)]
    pub harmony: OrderedMap<i64>,
}

/// A client division and the status of each offering in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Division {
    /// Division name.
    pub name: String,
    /// Offering id → status.
    #[serde(default)]
    pub offerings: OrderedMap<CellStatus>,
}

/// Status of an offering in a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl CellStatus {
    /// The key used in files and message catalogues.
    pub fn key(self) -> &'static str {
        match self {
            Self::Whitespace => "whitespace",
            Self::Pitched => "pitched",
            Self::Pilot => "pilot",
            Self::Active => "active",
        }
    }
}

/// A person at (or advising) the client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stakeholder {
    /// Id within the account.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Stakeholder id of the manager.
    #[serde(default)]
    pub reports_to: Option<String>,
    /// Organisation, for external stakeholders.
    #[serde(default)]
    pub organization: Option<String>,
    /// Outside the client's org (a consultancy, a partner).
    #[serde(default)]
    pub external: bool,
    /// Decision power, 1 (low) to 5 (high).
    #[serde(default)]
    pub power: Option<i64>,
    /// Quality of the relationship.
    #[serde(default)]
    pub relationship: Option<Relationship>,
    /// One of the seller's key points of contact.
    #[serde(default)]
    pub key_contact: bool,
}

/// Relationship quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// Supportive.
    Positive,
    /// Undecided.
    Neutral,
    /// Opposed.
    Negative,
    /// Not known yet.
    Unknown,
}

/// A non-hierarchical influence between two stakeholders.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Influence {
    /// Stakeholder id of the influencer.
    pub from: String,
    /// Stakeholder id of the influenced.
    pub to: String,
    /// Direction of the influence.
    #[serde(default)]
    pub kind: Option<Relationship>,
    /// What the influence is about.
    #[serde(default)]
    pub note: Option<String>,
}

/// An upsell or cross-sell opportunity.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// A milestone on a timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Milestone {
    /// Name.
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Team member id responsible.
    #[serde(default)]
    pub owner: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<MilestoneStatus>,
}

/// Status of a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Finished.
    Done,
    /// Going to plan.
    OnTrack,
    /// May slip.
    AtRisk,
    /// Behind plan.
    Late,
}

impl MilestoneStatus {
    /// Every status, in legend order.
    pub const ALL: [Self; 4] = [Self::Done, Self::OnTrack, Self::AtRisk, Self::Late];

    /// The key used in files and message catalogues.
    pub fn key(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::Late => "late",
        }
    }
}

/// A next action.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// A RACI letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Raci {
    /// Responsible.
    R,
    /// Accountable.
    A,
    /// Consulted.
    C,
    /// Informed.
    I,
}

impl Raci {
    /// The letter.
    pub fn letter(self) -> &'static str {
        match self {
            Self::R => "R",
            Self::A => "A",
            Self::C => "C",
            Self::I => "I",
        }
    }
}

/// The KAM program (review deck).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Program {
    /// The program's charter.
    #[serde(default)]
    pub charter: Option<Charter>,
    /// Rollout milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Activity → member id → R/A/C/I.
    #[serde(default)]
    pub raci: OrderedMap<OrderedMap<Raci>>,
}

/// The KAM charter.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Charter {
    /// Mission statement.
    #[serde(default)]
    pub mission: Option<String>,
    /// Objectives with KPI targets.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// Which accounts qualify as key accounts.
    #[serde(default)]
    pub qualification: Option<String>,
    /// Roles and duties.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Governance cadence.
    #[serde(default)]
    pub governance: Vec<String>,
}

/// A charter objective.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Objective {
    /// Objective.
    pub name: String,
    /// KPI measuring it.
    #[serde(default)]
    pub kpi: Option<String>,
    /// Target value.
    #[serde(default)]
    pub target: Option<String>,
}

/// A role in the program.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    /// Role name.
    pub role: String,
    /// What it does.
    #[serde(default)]
    pub duty: Option<String>,
}

impl Portfolio {
    /// The portfolio reduced to account `i` and what it refers to: the input of a plan's workbook.
    pub fn only_account(&self, i: usize) -> Portfolio {
        Portfolio {
            seller: self.seller.clone(),
            currency: self.currency.clone(),
            period: self.period.clone(),
            report_date: self.report_date,
            fiscal_years: self.fiscal_years.clone(),
            prepared_by: self.prepared_by.clone(),
            confidentiality: self.confidentiality.clone(),
            settings: self.settings.clone(),
            plans: self.plans.clone(),
            offerings: self.offerings.clone(),
            team: self.team.clone(),
            accounts: vec![self.accounts[i].clone()],
            program: Program::default(),
        }
    }

    /// The latest fiscal year (validation guarantees there is one).
    pub fn latest_year(&self) -> &str {
        self.fiscal_years.last().map_or("", String::as_str)
    }

    /// The team member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.team.iter().find(|m| m.id == id)
    }
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
