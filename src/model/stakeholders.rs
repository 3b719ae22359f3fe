//! The client's people and the influence between them (the org chart).

use serde::{Deserialize, Serialize};

use super::keyed::keyed;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

keyed!(Relationship {
    Positive => "positive",
    Neutral => "neutral",
    Negative => "negative",
    Unknown => "unknown",
});

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
