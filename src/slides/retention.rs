//! Account retention: GRR, NRR and logo churn per year; churned, contracted, renewals.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::{ChartError, LineSeries, line_chart};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let r = &c.f.retention;
    let f = &c.fmt;
    let Some(latest) = r.latest().filter(|y| y.nrr.is_some()) else { return Ok(vec![]) };
    let nrr = latest.nrr.unwrap_or(0.0);
    let prev_nrr = r.years.iter().rev().nth(1).and_then(|y| y.nrr);
    // Compare what the slide prints (whole percents): "rose" from 96 % to 96 % would read wrong.
    let shown = |x: f64| (x * 100.0).round();
    let key = match prev_nrr.map(shown) {
        Some(p) if shown(nrr) > p => "retention.title_rose",
        Some(p) if shown(nrr) < p => "retention.title_fell",
        _ => "retention.title",
    };
    let title =
        c.tr(key, &[("nrr", &f.pct(nrr, 0)), ("year", &latest.year), ("grr", &f.pct(latest.grr.unwrap_or(0.0), 0))]);
    let mut s = Slide::new("review/retention.typ", c.t("kicker.retention"), title, Value::Null);
    let years: Vec<String> = r.years.iter().map(|y| y.year.clone()).collect();
    let series = vec![
        LineSeries {
            name: c.t("retention.nrr"),
            color: c.style.primary,
            values: r.years.iter().map(|y| y.nrr).collect(),
        },
        LineSeries {
            name: c.t("retention.grr"),
            color: c.style.accent,
            values: r.years.iter().map(|y| y.grr).collect(),
        },
        LineSeries {
            name: c.t("retention.churn"),
            color: c.style.negative,
            values: r.years.iter().map(|y| y.logo_churn).collect(),
        },
    ];
    let top = r.years.iter().filter_map(|y| y.nrr).fold(1.0, f64::max);
    let top = (top / 0.25).ceil() * 0.25;
    let pct = |v: f64| f.pct(v, 0);
    let svg = line_chart(&years, &series, top, &pct, 430.0, 215.0, c.style)?;
    let chart = s.chart("retention", svg);
    let prev_year = c.p.fiscal_years.iter().rev().nth(1).cloned().unwrap_or_default();
    let loss = |i: usize| c.p.accounts[i].revenue_in(&prev_year) - c.p.accounts[i].revenue_in(&latest.year);
    let list = |v: &[usize]| -> Vec<String> {
        let mut out: Vec<String> =
            v.iter().take(3).map(|&i| format!("{} (−{})", c.name(i), f.money_short(loss(i)))).collect();
        if v.len() > 3 {
            out.push(c.tr("more", &[("n", &f.count(v.len() - 3))]));
        }
        out
    };
    let renewals: Vec<Value> =
        r.renewals.iter().take(5).map(|x| json!([c.name(x.account), f.date(x.date), f.money_short(x.mrr)])).collect();
    if c.p.report_date.is_none() {
        s.note(c.t("note.no_report_date"));
    }
    let pct1 = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |v| f.pct(v, 1));
    let table: Vec<Value> = r
        .years
        .iter()
        .map(|y| json!([y.year, f.count(y.base), pct1(y.grr), pct1(y.nrr), pct1(y.logo_churn)]))
        .collect();
    s.data = json!({
        "chart": chart,
        "table_headers": [c.t("col.year"), c.t("col.base"), c.t("retention.grr"), c.t("retention.nrr"), c.t("retention.churn")],
        "table": table,
        "churned_title": c.tr("retention.churned", &[("n", &f.count(latest.churned.len())), ("year", &latest.year)]),
        "churned": list(&latest.churned),
        "contracted_title": c.tr("retention.contracted", &[("n", &f.count(latest.contracted.len()))]),
        "contracted": list(&latest.contracted),
        "renewals_title": c.tr("retention.renewals", &[("n", &f.count(r.renewals.len())), ("mrr", &f.money_short(r.renewals.iter().map(|x| x.mrr).sum()))]),
        "renewals_headers": [c.t("col.account"), c.t("col.date"), c.t("col.mrr")],
        "renewals": renewals,
        "renewals_more": (r.renewals.len() > 5).then(|| c.tr("more", &[("n", &f.count(r.renewals.len() - 5))])),
    });
    Ok(vec![s])
}
