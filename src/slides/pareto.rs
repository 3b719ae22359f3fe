//! Pareto analysis: bars of revenue, cumulative share, the vital few.

use serde_json::json;

use super::{Ctx, MAX_CATEGORIES, Slide};
use crate::charts::{Bars, ChartError, Curve, bars_with_line, pareto_curve};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let pa = &c.f.pareto;
    if pa.rows.is_empty() {
        return Ok(vec![]);
    }
    let share = pa.account_share().unwrap_or(0.0);
    let title = c.tn(
        "pareto.title",
        pa.vital_few,
        &[("p", &c.fmt.pct(share, 0)), ("s", &c.fmt.pct(pa.revenue_share(), 0)), ("year", &pa.year)],
    );
    let money = |v: f64| c.fmt.money_short(v);
    let pct = |v: f64| c.fmt.pct(v, 0);
    let cut_label = c.tr("pareto.cut", &[("cut", &c.fmt.pct(pa.cut, 0))]);
    // Up to 30 accounts: one bar each. Beyond, bars of the top few would be a sliver next to
    // the rest, so the slide shows the curve of all accounts instead.
    let svg = if pa.rows.len() <= MAX_CATEGORIES {
        let bars = Bars {
            labels: pa.rows.iter().map(|r| c.name(r.account).to_owned()).collect(),
            values: pa.rows.iter().map(|r| r.revenue).collect(),
            highlight: pa.rows.iter().map(|r| r.vital).collect(),
            line: Some(pa.rows.iter().map(|r| r.cumulative).collect()),
            cut: Some((pa.cut, cut_label)),
            fmt: &money,
            pct: &pct,
            caption: c.tr("pareto.ranked", &[("year", &pa.year)]),
        };
        bars_with_line(&bars, 520.0, 330.0, c.style)?
    } else {
        let cumulative: Vec<f64> = pa.rows.iter().map(|r| r.cumulative).collect();
        let marker = c.tn("pareto.marker", pa.vital_few, &[("p", &c.fmt.pct(share, 0))]);
        let curve = Curve {
            cumulative: &cumulative,
            cut: (pa.cut, cut_label),
            vital: (pa.vital_few, marker),
            titles: (c.tr("pareto.curve_x", &[("year", &pa.year)]), c.t("pareto.curve_y")),
            pct: &pct,
        };
        pareto_curve(&curve, 520.0, 330.0, c.style)?
    };
    let vital: Vec<_> = pa
        .rows
        .iter()
        .take_while(|r| r.vital)
        .take(8)
        .enumerate()
        .map(|(k, r)| {
            json!([
                (k + 1).to_string(),
                c.name(r.account),
                c.fmt.money_short(r.revenue),
                c.fmt.pct(r.cumulative, usize::from(r.cumulative < 0.1))
            ])
        })
        .collect();
    let more = pa.vital_few.saturating_sub(8);
    let mut s = Slide::new("review/pareto.typ", c.t("kicker.pareto"), title, serde_json::Value::Null);
    let chart = s.chart("pareto", svg);
    s.data = json!({
        "chart": chart,
        "callout": c.t("pareto.callout"),
        "headers": [c.t("col.rank"), c.t("col.account"), c.t("col.revenue"), c.t("col.cumulative")],
        "vital": vital,
        "more": (more > 0).then(|| c.tr("more", &[("n", &c.fmt.count(more))])),
        "summary": c.tr("pareto.summary", &[("total", &c.fmt.money_short(pa.total)), ("accounts", &c.units("accounts", pa.rows.len())), ("year", &pa.year)]),
    });
    Ok(vec![s])
}
