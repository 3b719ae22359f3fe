//! Scoring detail: the account's factor scores against the portfolio average.

use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::figures::count_f64;
use crate::model::OrderedMap;
use crate::slides::{Ctx, Slide};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (i, a) = account(c);
    let (Some(scores), Some(row)) = (&a.scores, c.f.scoring.of(i)) else { return Ok(vec![]) };
    let f = &c.fmt;
    let set = &c.p.settings.scoring;
    let scored: Vec<&crate::model::Scores> = c.p.accounts.iter().filter_map(|x| x.scores.as_ref()).collect();
    let average = |group: fn(&crate::model::Scores) -> &OrderedMap<i64>, k: &str| {
        #[allow(clippy::cast_precision_loss)]
        let sum: f64 = scored.iter().filter_map(|s| group(s).get(k)).map(|v| *v as f64).sum();
        sum / count_f64(scored.len()).max(1.0)
    };
    let table = |weights: &OrderedMap<f64>, group: fn(&crate::model::Scores) -> &OrderedMap<i64>| -> Vec<Value> {
        weights
            .iter()
            .map(|(k, w)| {
                let own = group(scores).get(k).copied().unwrap_or(0);
                let avg = average(group, k);
                #[allow(clippy::cast_precision_loss)]
                let delta = own as f64 - avg;
                json!({ "cells": [c.loc.messages_or(&format!("factor.{k}"), k), f.number(*w, 2), own.to_string(), f.number(avg, 1),
                    if delta >= 0.0 { format!("+{}", f.number(delta, 1)) } else { f.number(delta, 1) }], "above": delta >= 0.0 })
            })
            .collect()
    };
    let quadrant = c.t(&format!("quadrant.{}", row.quadrant.key()));
    let title = c.tr(
        "plan_scoring.title",
        &[
            ("name", &a.name),
            ("q", &quadrant),
            ("rank", &row.rank.to_string()),
            ("n", &f.count(c.f.scoring.rows.len())),
        ],
    );
    let headers = [c.t("col.factor"), c.t("col.weight"), a.name.clone(), c.t("col.average"), c.t("col.delta")];
    let s = Slide::new(
        "plan/scoring.typ",
        c.t("kicker.plan_scoring"),
        title,
        json!({
            "headers": headers,
            "growth_title": c.tr("plan_scoring.growth", &[("v", &f.number(row.growth, 2))]),
            "growth": table(&set.growth, |s| &s.growth),
            "harmony_title": c.tr("plan_scoring.harmony", &[("v", &f.number(row.harmony, 2))]),
            "harmony": table(&set.harmony, |s| &s.harmony),
            "quadrant": quadrant,
            "quadrant_text": c.t(&format!("quadrant.{}.text", row.quadrant.key())),
            "total": c.tr("plan_scoring.total", &[("v", &f.number(row.total, 2)), ("rank", &row.rank.to_string())]),
        }),
    );
    Ok(vec![s])
}
