//! Scoring detail: the account's factor scores against the portfolio average.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::model::OrderedMap;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, link};

/// The `plan_scoring` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "plan_scoring", templates: &["plan/scoring.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (i, a) = account(c);
    let (Some(scores), Some(row)) = (&a.scores, c.f.scoring.of(i)) else { return Ok(vec![]) };
    let f = &c.fmt;
    let set = &c.p.settings.scoring;
    let scored: Vec<&crate::model::Scores> = c.p.accounts.iter().filter_map(|x| x.scores.as_ref()).collect();
    let average = |group: fn(&crate::model::Scores) -> &OrderedMap<i64>, k: &str| {
        let sum: f64 = scored.iter().filter_map(|s| group(s).get(k)).map(|v| *v as f64).sum();
        sum / count_f64(scored.len()).max(1.0)
    };
    let table = |weights: &OrderedMap<f64>, group: fn(&crate::model::Scores) -> &OrderedMap<i64>| -> Vec<Value> {
        weights
            .iter()
            .map(|(k, w)| {
                let own = group(scores).get(k).copied().unwrap_or(0);
                let avg = average(group, k);
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

/// Scoring detail: each factor's weight, the account's score, the portfolio average.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let p = c.p;
    let s = &p.settings.scoring;
    let Some(scores) = &a.scores else { return Ok(()) };
    let cols = vec![
        Col::new(c.t("col.factor"), CellFmt::Text),
        Col::new(c.t("col.weight"), CellFmt::Percent),
        Col::new(a.name.clone(), CellFmt::Integer),
        Col::new(c.t("col.average"), CellFmt::Decimal),
        Col::new(c.t("col.delta"), CellFmt::Decimal),
    ];
    for (group, weights, own, prefix) in
        [("growth", &s.growth, &scores.growth, l::GROWTH), ("harmony", &s.harmony, &scores.harmony, l::HARMONY)]
    {
        let first = m.begin(&c.t(&format!("scoring.{group}")), cols.clone())?;
        for (k, (factor, w)) in weights.iter().enumerate() {
            let row = first + u32::try_from(k).unwrap_or(0);
            let score = own.get(factor).copied().unwrap_or(0) as f64;
            let scored: Vec<f64> = p
                .accounts
                .iter()
                .filter_map(|x| factor_score(x.scores.as_ref()?, group, factor))
                .map(|v| v as f64)
                .collect();
            let avg = if scored.is_empty() { 0.0 } else { scored.iter().sum::<f64>() / count_f64(scored.len()) };
            m.row(vec![
                V::text(c.loc.messages_or(&format!("factor.{factor}"), factor)),
                link(m.refs.key(l::SETTINGS, &format!("scoring.{group}.{factor}")), *w),
                link(m.refs.account(&a.id, &format!("{prefix}{factor}")), score),
                V::Num(avg),
                V::F(format!("{}-{}", Mirror::at(2, row), Mirror::at(3, row)), score - avg),
            ])?;
        }
        let at = m.end()?;
        let total = crate::figures::scoring::weighted(weights, own);
        m.row(vec![
            V::text(c.t(&format!("col.{group}"))),
            V::Empty,
            V::As(
                CellFmt::Decimal,
                Box::new(V::F(format!("SUMPRODUCT({},{})", Mirror::span(1, at), Mirror::span(2, at)), total)),
            ),
        ])?;
    }
    Ok(())
}

fn factor_score(s: &crate::model::Scores, group: &str, factor: &str) -> Option<i64> {
    let map = if group == "growth" { &s.growth } else { &s.harmony };
    map.get(factor).copied()
}
