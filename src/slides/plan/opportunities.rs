//! Upsell and cross-sell opportunities: offering, value, stage, expected close.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, link, link_text};

/// The `opportunities` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "opportunities", templates: &["plan/opportunities.typ"], build, sheet, gaps: no_gaps };

const ROWS: usize = 12;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    if a.opportunities.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let mut opps: Vec<&crate::model::Opportunity> = a.opportunities.iter().collect();
    opps.sort_by(|x, y| y.value.unwrap_or(0.0).total_cmp(&x.value.unwrap_or(0.0)).then_with(|| x.name.cmp(&y.name)));
    let total: f64 = opps.iter().filter_map(|o| o.value).sum();
    let title = c.tn("opportunities.title", opps.len(), &[("total", &f.money_short(total)), ("top", &opps[0].name)]);
    let offering = |id: Option<&str>| {
        id.map(|id| c.p.offerings.iter().find(|o| o.id == id).map_or(id, |o| o.name.as_str()).to_owned())
            .unwrap_or_default()
    };
    let mut rows: Vec<Value> = opps
        .iter()
        .take(ROWS)
        .map(|o| {
            json!([
                o.name,
                offering(o.offering.as_deref()),
                o.value.map_or_else(|| "–".into(), |v| f.money_short(v)),
                o.stage.clone().unwrap_or_default(),
                o.close.map_or_else(String::new, |d| f.date(d))
            ])
        })
        .collect();
    rows.push(json!([c.t("total"), "", f.money_short(total), "", ""]));
    let mut s = Slide::new(
        "plan/opportunities.typ",
        c.t("kicker.opportunities"),
        title,
        json!({ "headers": [c.t("col.opportunity"), c.t("col.offering"), c.t("col.value"), c.t("col.stage"), c.t("col.close")], "rows": rows }),
    );
    if opps.len() > ROWS {
        s.note(c.tr("note.top_rows", &[("n", &f.count(ROWS)), ("total", &f.count(opps.len()))]));
    }
    Ok(vec![s])
}

/// Opportunities with their value from the Opportunities sheet, and the total.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::OPPORTUNITIES, &a.id).to_vec();
    let offering = |id: Option<&str>| {
        id.map(|id| c.p.offerings.iter().find(|o| o.id == id).map_or(id, |o| o.name.as_str()).to_owned())
            .unwrap_or_default()
    };
    let cols = vec![
        Col::new(c.t("col.opportunity"), CellFmt::Text),
        Col::new(c.t("col.offering"), CellFmt::Text),
        Col::new(c.t("col.value"), CellFmt::Money),
        Col::new(c.t("col.stage"), CellFmt::Text),
        Col::new(c.t("col.close"), CellFmt::Date),
    ];
    let rows = a
        .opportunities
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::OPPORTUNITIES, *r, h));
            vec![
                link_text(cell("name"), &o.name),
                V::text(offering(o.offering.as_deref())),
                o.value.map_or(V::Empty, |v| link(cell("value"), v)),
                V::text(o.stage.clone().unwrap_or_default()),
                o.close.map_or(V::Empty, |d| link(cell("close"), l::serial(d))),
            ]
        })
        .collect();
    let at = m.table(&c.t("kicker.opportunities"), cols, rows)?;
    let total: f64 = a.opportunities.iter().filter_map(|o| o.value).sum();
    m.summary(c.t("total"), "SUM", 2, at, total, CellFmt::Money)?;
    Ok(())
}
