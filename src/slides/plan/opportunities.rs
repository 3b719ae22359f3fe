//! Upsell and cross-sell opportunities: offering, value, stage, expected close.

use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::slides::{Ctx, Slide};

const ROWS: usize = 12;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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
