//! Division map of one client: its divisions × the seller's offerings.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::figures::count_f64;
use crate::model::CellStatus;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V};

/// The `plan_divisions` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "plan_divisions", templates: &["review/divisions.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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
    let most = whitespace.iter().copied().max().unwrap_or(0);
    // Every offering tied for the largest gap is named.
    let tied: Vec<String> =
        whitespace.iter().enumerate().filter(|(_, n)| **n == most).map(|(k, _)| offerings[k].name.clone()).collect();
    let title = if total == 0 {
        c.t("divisions.title_none")
    } else {
        c.tn(
            "plan_divisions.title",
            total,
            &[
                ("divisions", &c.units("divisions", a.divisions.len())),
                ("offering", &f.list(&tied)),
                ("k", &f.count(most)),
            ],
        )
    };
    let status = |s: CellStatus| crate::slides::review::divisions::cell(c, s);
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

/// Division map of the account: its divisions × offerings.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.division"), CellFmt::Text)];
    cols.extend(p.offerings.iter().map(|o| Col::new(o.name.clone(), CellFmt::Text)));
    let rows = a
        .divisions
        .iter()
        .map(|d| {
            let mut row = vec![V::text(&d.name)];
            row.extend(p.offerings.iter().map(|o| {
                let s = d.offerings.get(&o.id).copied().unwrap_or(crate::model::CellStatus::Whitespace);
                V::text(c.t(&format!("status.{}", s.key())))
            }));
            row
        })
        .collect();
    let at = m.table(&c.t("kicker.divisions"), cols, rows)?;
    let ws = crate::workbook::lit(&c.t("status.whitespace"));
    let mut total = vec![V::text(c.t("divisions.whitespace"))];
    total.extend(p.offerings.iter().enumerate().map(|(k, o)| {
        let n = a
            .divisions
            .iter()
            .filter(|d| d.offerings.get(&o.id).is_none_or(|s| *s == crate::model::CellStatus::Whitespace))
            .count();
        V::As(CellFmt::Integer, Box::new(V::F(format!("COUNTIF({},{ws})", Mirror::span(k + 1, at)), count_f64(n))))
    }));
    m.row(total)?;
    Ok(())
}
