//! Executive summary: the findings a head of sales must hear, each one computed sentence
//! with its number and the page that proves it, in deck order.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::ChartError;
use crate::figures::decisions::{Measure, decisions};
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V};

/// The `summary` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "summary", templates: &["review/summary.typ"], build, sheet, gaps: no_gaps };

/// Findings on the slide at most.
const MOST: usize = 5;

/// One finding: its key figure, its sentence and the slide kind that proves it.
struct Finding {
    figure: String,
    text: String,
    kind: &'static str,
}

/// The findings whose data the portfolio has, in deck order; at most five, the focus
/// accounts left out first when there are more.
fn findings(c: &Ctx<'_>) -> Vec<Finding> {
    let f = &c.fmt;
    let fig = c.f;
    let d = &fig.dashboard;
    let mut out: Vec<Finding> = Vec::new();
    let mut push = |kind: &'static str, figure: String, text: String| out.push(Finding { figure, text, kind });
    if d.total_mrr > 0.0 {
        let text = match d.change_pct {
            Some(pct) if pct >= 0.0 => {
                c.tr("summary.mrr_up", &[("pct", &f.pct(pct, 1)), ("mrr", &f.money_short(d.total_mrr))])
            }
            Some(pct) => c.tr("summary.mrr_down", &[("pct", &f.pct(-pct, 1)), ("mrr", &f.money_short(d.total_mrr))]),
            None => c.tr(
                "summary.mrr",
                &[("mrr", &f.money_short(d.total_mrr)), ("accounts", &c.units("active_accounts", d.active))],
            ),
        };
        let figure = d.change_pct.map_or_else(|| f.money_short(d.total_mrr), |p| f.pct_delta(p, 1));
        push("dashboard", figure, text);
    }
    let pa = &fig.pareto;
    if pa.vital_few > 0 {
        let share = pa.account_share().unwrap_or(0.0);
        push(
            "pareto",
            f.pct(pa.revenue_share(), 0),
            c.tn(
                "summary.pareto",
                pa.vital_few,
                &[("p", &f.pct(share, 0)), ("s", &f.pct(pa.revenue_share(), 0)), ("year", &pa.year)],
            ),
        );
    }
    let named = if fig.scoring.rows.is_empty() { Vec::new() } else { super::scoring::title(c).1 };
    let focus = !fig.scoring.rows.is_empty()
        && named
            .iter()
            .all(|&i| fig.scoring.of(i).is_some_and(|r| r.quadrant == crate::figures::scoring::Quadrant::Invest));
    if focus && !named.is_empty() {
        let names: Vec<String> = named.iter().map(|&i| c.name(i).into_owned()).collect();
        let top = fig.scoring.of(named[0]).map_or(0.0, |r| r.total);
        push("scoring", f.number(top, 2), c.tn("summary.focus", names.len(), &[("top", &f.list(&names))]));
    }
    let dec = decisions(c.p, fig);
    if let Some(&first) = dec.at_risk.first() {
        let x = fig.risk.at_risk.iter().find(|x| x.account == first).map_or(0.0, |x| x.mrr);
        push(
            "risk",
            f.money_short(fig.risk.mrr_at_risk),
            c.tn(
                "summary.risk",
                fig.risk.at_risk.len(),
                &[
                    ("mrr", &f.money_short(fig.risk.mrr_at_risk)),
                    ("name", &c.name(first)),
                    ("largest", &f.money_short(x)),
                ],
            ),
        );
    }
    if let Some(y) = fig.retention.latest().filter(|y| y.nrr.is_some()) {
        let nrr = f.pct(y.nrr.unwrap_or(0.0), 0);
        let text = match dec.targets.iter().find(|t| t.measure == Measure::Nrr) {
            Some(t) if t.missed() => {
                c.tr("summary.nrr_below", &[("nrr", &nrr), ("year", &y.year), ("target", &f.pct(t.target, 0))])
            }
            Some(t) => c.tr("summary.nrr_meets", &[("nrr", &nrr), ("year", &y.year), ("target", &f.pct(t.target, 0))]),
            None => c.tr("summary.nrr", &[("nrr", &nrr), ("year", &y.year), ("grr", &f.pct(y.grr.unwrap_or(0.0), 0))]),
        };
        push("retention", nrr.clone(), text);
    }
    // The decision asked: the decisions slide's own title, so both say the same.
    if let Some(title) = super::next_steps::title(c, &dec) {
        push("next_steps", c.t("summary.ask"), format!("{title}."));
    }
    if out.len() > MOST {
        out.retain(|x| x.kind != "scoring");
    }
    out.truncate(MOST);
    out
}

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let found = findings(c);
    if found.len() < 2 {
        return Ok(vec![]);
    }
    // The template finds each finding's page by its slide's kicker, as the agenda does.
    let items: Vec<Value> = found
        .iter()
        .map(|x| json!({ "figure": x.figure, "text": x.text, "kicker": c.t(&format!("kicker.{}", x.kind)) }))
        .collect();
    let title = c.t("summary.title");
    let s = Slide::new(
        "review/summary.typ",
        c.t("kicker.summary"),
        title,
        json!({ "items": items, "page": c.t("summary.page") }),
    );
    Ok(vec![s])
}

/// Summary: the findings and the sheet of each.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let rows = findings(c)
        .into_iter()
        .map(|x| {
            let sheet = m.sheets.iter().find(|(_, k)| *k == x.kind).map(|(name, _)| name.clone());
            vec![V::text(x.text), sheet.map_or(V::Empty, |s| V::Link(s.clone(), s))]
        })
        .collect();
    m.table("", vec![Col::new(c.t("col.finding"), CellFmt::Text), Col::new(c.t("col.sheet"), CellFmt::Text)], rows)?;
    Ok(())
}
