//! Division map: key accounts × offerings; whitespace is the cross-sell opportunity.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::ChartError;
use crate::figures::count_f64;
use crate::model::CellStatus;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, lit};

/// The `divisions` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "divisions", templates: &["review/divisions.typ"], build, sheet, gaps };

/// Accounts (rows) shown at most: the status pills are compact, 15 rows fit.
const ROWS: usize = 15;

/// Offerings (columns) shown at most; the workbook holds all.
const MAX_COLUMNS: usize = 7;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let m = &c.f.divisions;
    if m.rows.is_empty() || c.p.offerings.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let total: usize = m.whitespace.iter().sum();
    let most = m.whitespace.iter().copied().max().unwrap_or(0);
    // Offerings tied for the largest gap are all named: naming one would pick at random.
    let tied: Vec<String> = m
        .whitespace
        .iter()
        .enumerate()
        .filter(|(_, n)| **n == most)
        .map(|(k, _)| c.p.offerings[k].name.clone())
        .collect();
    let title = if total == 0 {
        c.t("divisions.title_none")
    } else {
        c.tn("divisions.title", total, &[("offering", &f.list(&tied)), ("k", &f.count(most))])
    };
    let cols = c.p.offerings.len().min(MAX_COLUMNS);
    let mut headers = vec![c.t("col.account")];
    headers.extend(c.p.offerings.iter().take(cols).map(|o| o.name.clone()));
    let status = |s: CellStatus| cell(c, s);
    let rows: Vec<Value> = m
        .rows
        .iter()
        .take(ROWS)
        .map(|r| json!({ "name": c.name(r.account), "cells": r.cells.iter().take(cols).map(|s| status(*s)).collect::<Vec<_>>() }))
        .collect();
    let mut s = Slide::new("review/divisions.typ", c.t("kicker.divisions"), title, Value::Null);
    if m.rows.len() > ROWS {
        s.note(c.tr(
            "note.top_by_revenue",
            &[("n", &f.count(ROWS)), ("total", &f.count(m.rows.len())), ("year", c.year())],
        ));
    }
    if c.p.offerings.len() > cols {
        s.note(c.tn("note.more_columns", c.p.offerings.len() - cols, &[]));
    }
    if m.without_divisions > 0 {
        s.note(c.tn("note.no_divisions", m.without_divisions, &[]));
    }
    let legend: Vec<Value> = [CellStatus::Active, CellStatus::Pilot, CellStatus::Pitched, CellStatus::Whitespace]
        .iter()
        .map(|s| status(*s))
        .collect();
    let totals: Vec<String> = std::iter::once(c.t("divisions.whitespace"))
        .chain(m.whitespace.iter().take(cols).map(|n| f.count(*n)))
        .collect();
    s.data = json!({
        "headers": headers,
        "rows": rows,
        "totals": totals,
        "legend": legend,
    });
    Ok(vec![s])
}

/// Division map: key accounts × offerings, whitespace per offering.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let dm = &c.f.divisions;
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.account"), CellFmt::Text)];
    cols.extend(p.offerings.iter().map(|o| Col::new(o.name.clone(), CellFmt::Text)));
    let rows = dm
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![V::text(c.name(r.account))];
            row.extend(r.cells.iter().map(|s| V::text(c.t(&format!("status.{}", s.key())))));
            row
        })
        .collect();
    let at = m.table(&c.t("kicker.divisions"), cols, rows)?;
    let ws = c.t("status.whitespace");
    let mut total = vec![V::text(c.t("divisions.whitespace"))];
    total.extend(dm.whitespace.iter().enumerate().map(|(k, n)| {
        V::As(
            CellFmt::Integer,
            Box::new(V::F(format!("COUNTIF({},{})", Mirror::span(k + 1, at), lit(&ws)), count_f64(*n))),
        )
    }));
    m.row(total)?;
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    gap(c.f.divisions.rows.is_empty(), c.t("gap.divisions.none")).into_iter().collect()
}

/// A cell of a division map: the whitespace (what is not sold yet: the cross-sell the slide
/// is about) filled in the accent colour, what is sold in quiet fills, what is pitched in
/// outline. No cell takes the colours that mean "at risk" elsewhere in the deck.
pub(crate) fn cell(c: &Ctx<'_>, s: CellStatus) -> Value {
    let (tone, outline) = match s {
        CellStatus::Whitespace => ("accent", false),
        CellStatus::Active => ("muted", false),
        CellStatus::Pilot => ("light", false),
        CellStatus::Pitched => ("subtle", true),
    };
    json!({ "label": c.t(&format!("status.{}", s.key())), "tone": tone, "outline": outline })
}
