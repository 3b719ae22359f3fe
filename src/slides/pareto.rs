//! Pareto analysis: bars of revenue, cumulative share, the vital few.

use serde_json::json;

use super::{Ctx, MAX_CATEGORIES, Slide};
use crate::charts::{Bars, ChartError, bars_with_line};

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
    // At most 30 bars: the top 29 and one "Others (n)" bar; the line still ends at 100 %.
    let shown = pa.rows.len().min(MAX_CATEGORIES);
    let (head, tail) =
        if pa.rows.len() > MAX_CATEGORIES { pa.rows.split_at(shown - 1) } else { (&pa.rows[..], &[][..]) };
    let mut labels: Vec<String> = head.iter().map(|r| c.name(r.account).to_owned()).collect();
    let mut values: Vec<f64> = head.iter().map(|r| r.revenue).collect();
    let mut highlight: Vec<bool> = head.iter().map(|r| r.vital).collect();
    let mut line: Vec<f64> = head.iter().map(|r| r.cumulative).collect();
    let others = (!tail.is_empty()).then(|| c.tr("others", &[("n", &c.fmt.count(tail.len()))]));
    if let Some(o) = &others {
        labels.push(o.clone());
        values.push(tail.iter().map(|r| r.revenue).sum());
        highlight.push(false);
        line.push(1.0);
    }
    let money = |v: f64| c.fmt.money_short(v);
    let pct = |v: f64| c.fmt.pct(v, 0);
    let cut_label = c.tr("pareto.cut", &[("cut", &c.fmt.pct(pa.cut, 0))]);
    let caption = c.tr("pareto.ranked", &[("year", &pa.year)]);
    let bars = Bars {
        labels,
        values,
        highlight,
        line: Some(line),
        cut: Some((pa.cut, cut_label)),
        fmt: &money,
        pct: &pct,
        caption,
        others,
    };
    let svg = bars_with_line(&bars, 520.0, 330.0, c.style)?;
    let vital: Vec<_> = pa
        .rows
        .iter()
        .take_while(|r| r.vital)
        .take(8)
        .enumerate()
        .map(|(k, r)| {
            json!([(k + 1).to_string(), c.name(r.account), c.fmt.money_short(r.revenue), c.fmt.pct(r.cumulative, 0)])
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
        "summary": c.tr("pareto.summary", &[("total", &c.fmt.money_short(pa.total)), ("n", &c.fmt.count(pa.rows.len())), ("year", &pa.year)]),
    });
    Ok(vec![s])
}
