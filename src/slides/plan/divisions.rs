//! Division map of one client: its divisions × the seller's offerings.

use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::model::CellStatus;
use crate::slides::{Ctx, Slide};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    if a.divisions.is_empty() || c.p.offerings.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let offerings: Vec<_> = c.p.offerings.iter().take(7).collect();
    let cell = |d: &crate::model::Division, id: &str| d.offerings.get(id).copied().unwrap_or(CellStatus::Whitespace);
    let whitespace: Vec<usize> = offerings
        .iter()
        .map(|o| a.divisions.iter().filter(|d| cell(d, &o.id) == CellStatus::Whitespace).count())
        .collect();
    let total: usize = whitespace.iter().sum();
    let (best, most) =
        whitespace.iter().enumerate().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(&x.0))).map_or((0, 0), |(k, n)| (k, *n));
    let title = if total == 0 {
        c.t("divisions.title_none")
    } else {
        c.tn(
            "plan_divisions.title",
            total,
            &[
                ("divisions", &c.units("divisions", a.divisions.len())),
                ("offering", &offerings[best].name),
                ("k", &f.count(most)),
            ],
        )
    };
    let status = |s: CellStatus| {
        json!({ "label": c.t(&format!("status.{}", s.key())), "tone": match s {
        CellStatus::Active => "primary", CellStatus::Pilot => "accent", CellStatus::Pitched => "neutral", CellStatus::Whitespace => "light" } })
    };
    let mut headers = vec![c.t("col.division")];
    headers.extend(offerings.iter().map(|o| o.name.clone()));
    let rows: Vec<Value> = a.divisions.iter().take(15).map(|d| json!({ "name": d.name, "cells": offerings.iter().map(|o| status(cell(d, &o.id))).collect::<Vec<_>>() })).collect();
    let totals: Vec<String> =
        std::iter::once(c.t("divisions.whitespace")).chain(whitespace.iter().map(|n| f.count(*n))).collect();
    let legend: Vec<Value> = [CellStatus::Active, CellStatus::Pilot, CellStatus::Pitched, CellStatus::Whitespace]
        .iter()
        .map(|s| status(*s))
        .collect();
    let mut s = Slide::new(
        "review/divisions.typ",
        c.t("kicker.divisions"),
        title,
        json!({ "headers": headers, "rows": rows, "totals": totals, "legend": legend }),
    );
    if a.divisions.len() > 15 {
        s.note(c.tr("note.top_rows", &[("n", "15"), ("total", &f.count(a.divisions.len()))]));
    }
    Ok(vec![s])
}
