//! Agenda: the deck's sections with their pages (Typst fills in the page numbers).

use rust_xlsxwriter::XlsxError;
use serde_json::json;

use crate::charts::ChartError;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V};

/// The `agenda` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "agenda", templates: &["review/agenda.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let mut s = Slide::new(
        "review/agenda.typ",
        c.t("kicker.agenda"),
        c.t("agenda.title"),
        json!({ "page": c.t("agenda.page") }),
    );
    s.outlined = false;
    Ok(vec![s])
}

/// Agenda: the sections, each linked to its mirror sheet.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let rows: Vec<Vec<V>> = m
        .sheets
        .iter()
        .filter(|(_, kind)| !matches!(*kind, "title" | "agenda"))
        .map(|(name, kind)| {
            let section = c.loc.messages_or(&format!("kicker.{kind}"), &c.t(&format!("sheet.{kind}")));
            vec![V::Text(section), V::Link(name.clone(), name.clone())]
        })
        .collect();
    m.table("", vec![Col::new(c.t("col.section"), CellFmt::Text), Col::new(c.t("col.sheet"), CellFmt::Text)], rows)?;
    Ok(())
}
