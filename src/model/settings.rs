//! Thresholds and weights of the analyses (`settings:`); every key has a default.

use serde::{Deserialize, Deserializer, Serialize};

use super::OrderedMap;
use super::keyed::keyed;

/// Analysis settings; every key is optional.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
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

impl Split {
    /// How files write `Median` (split is not a `Keyed` enum: its other value is a number).
    pub const MEDIAN: &'static str = "median";
}

impl schemars::JsonSchema for Split {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Split".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "anyOf": [{ "const": Split::MEDIAN }, { "type": "number" }] })
    }
}

impl Serialize for Split {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Split::Median => s.serialize_str(Split::MEDIAN),
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
                    Split::MEDIAN => Ok(Split::Median),
                    _ => v
                        .parse()
                        .map(Split::Value)
                        .map_err(|_| E::custom(format!("\"{v}\" is not `median` or a number"))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Split, E> {
                Ok(Split::Value(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Split, E> {
                Ok(Split::Value(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Split, E> {
                Ok(Split::Value(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

/// The field that orders the accounts-at-risk list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

keyed!(RiskRank {
    Importance => "importance",
    Mrr => "mrr",
    QueueAge => "queue_age",
    Probability => "probability",
});
