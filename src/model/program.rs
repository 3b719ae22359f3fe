//! The KAM program (charter, rollout milestones, RACI), and the milestones and RACI letters
//! accounts use as well.

use serde::{Deserialize, Serialize};

use super::keyed::keyed;
use super::{Date, OrderedMap};

/// The KAM program (review deck).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Role {
    /// Role name.
    pub role: String,
    /// What it does.
    #[serde(default)]
    pub duty: Option<String>,
}

/// A milestone on a timeline.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

keyed!(MilestoneStatus {
    Done => "done",
    OnTrack => "on_track",
    AtRisk => "at_risk",
    Late => "late",
});

impl MilestoneStatus {
    /// Every status, in legend order.
    pub const ALL: [Self; 4] = [Self::Done, Self::OnTrack, Self::AtRisk, Self::Late];
}

/// A RACI letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

keyed!(Raci {
    R => "R",
    A => "A",
    C => "C",
    I => "I",
});

impl Raci {
    /// The letter (the key under the name the slides use).
    pub fn letter(self) -> &'static str {
        self.key()
    }
}
