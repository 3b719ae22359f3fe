//! Profit matrix: revenue against margin, with the accounts per quadrant.

use serde_json::{Value, json};

use super::{Ctx, MAX_POINTS, Slide};
use crate::charts::{ChartError, Scatter, ScatterPoint, scatter};
use crate::figures::profit::ProfitQuadrant;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let m = &c.f.profit;
    if m.points.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let in_q = |q: ProfitQuadrant| m.points.iter().filter(move |p| p.quadrant == q);
    let total: f64 = m.points.iter().map(|p| p.revenue).sum();
    let protect: f64 = in_q(ProfitQuadrant::Protect).map(|p| p.revenue).sum();
    let title = c.tn(
        "profit.title",
        in_q(ProfitQuadrant::Protect).count(),
        &[("s", &f.pct(protect / total, 0)), ("fix", &f.count(in_q(ProfitQuadrant::FixCost).count()))],
    );
    let mut s = Slide::new("review/profit.typ", c.t("kicker.profit"), title, Value::Null);
    let color = |q: ProfitQuadrant| match q {
        ProfitQuadrant::Protect => c.style.primary,
        ProfitQuadrant::FixCost => c.style.negative,
        ProfitQuadrant::Grow => c.style.positive,
        ProfitQuadrant::Review => c.style.muted,
    };
    // Points are sorted by revenue: plot the largest accounts when there are too many.
    let points = m
        .points
        .iter()
        .take(MAX_POINTS)
        .enumerate()
        .map(|(rank, p)| ScatterPoint {
            x: p.revenue,
            y: p.margin,
            size: None,
            label: c.name(p.account).to_owned(),
            color: color(p.quadrant),
            priority: rank,
        })
        .collect();
    let money = |v: f64| f.money_short(v);
    let pct = |v: f64| f.pct(v, 0);
    let q = |k: ProfitQuadrant| c.t(&format!("profit.{}", k.key()));
    let chart = Scatter {
        points,
        x_range: None,
        y_range: None,
        x_split: m.revenue_split,
        y_split: m.margin_split,
        quadrants: [
            q(ProfitQuadrant::Grow),
            q(ProfitQuadrant::Protect),
            q(ProfitQuadrant::Review),
            q(ProfitQuadrant::FixCost),
        ],
        titles: (c.tr("profit.x", &[("year", c.year())]), c.t("profit.y")),
        fmt: (&money, &pct),
        max_labels: 10,
    };
    let svg = scatter(&chart, 500.0, 330.0, c.style)?;
    let path = s.chart("profit", svg);
    let groups: Vec<Value> = ProfitQuadrant::ALL
        .iter()
        .map(|&k| {
            let members: Vec<_> = in_q(k).collect();
            let mut names: Vec<String> = members.iter().take(3).map(|p| c.name(p.account).to_owned()).collect();
            if members.len() > 3 {
                names.push(c.tr("more", &[("n", &f.count(members.len() - 3))]));
            }
            json!({ "name": q(k), "count": f.count(members.len()), "names": names.join(", "), "tone": match k {
                ProfitQuadrant::Protect => "primary", ProfitQuadrant::Grow => "positive", ProfitQuadrant::FixCost => "negative", ProfitQuadrant::Review => "subtle" } })
        })
        .collect();
    if m.points.len() > MAX_POINTS {
        s.note(c.tr("note.top_points", &[("n", &f.count(MAX_POINTS)), ("total", &f.count(m.points.len()))]));
    }
    if m.without_margin > 0 {
        s.note(c.tn("note.no_margin", m.without_margin, &[]));
    }
    s.data = json!({
        "chart": path,
        "groups": groups,
        "splits": c.tr("profit.splits", &[("rev", &f.money_short(m.revenue_split)), ("margin", &f.pct(m.margin_split, 1))]),
    });
    Ok(vec![s])
}
