//! ABC analysis: tiers per year and migration between the last two years.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::{ChartError, StackedBars, stacked_bars};
use crate::figures::abc::{Move, Tier};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let abc = &c.f.abc;
    let Some(last) = abc.years.last().filter(|y| y.total > 0.0) else { return Ok(vec![]) };
    let f = &c.fmt;
    let moved = |v: &[Move]| v.len();
    let title = match &abc.migration {
        Some(m) => c.tn(
            "abc.title_migration",
            last.counts[0],
            &[
                ("s", &f.pct(last.revenue[0] / last.total, 0)),
                ("year", &last.year),
                ("up", &f.count(moved(&m.up))),
                ("down", &f.count(moved(&m.down))),
            ],
        ),
        None => {
            c.tn("abc.title", last.counts[0], &[("s", &f.pct(last.revenue[0] / last.total, 0)), ("year", &last.year)])
        }
    };
    let mut s = Slide::new("review/abc.typ", c.t("kicker.abc"), title, Value::Null);
    let money = |v: f64| f.money_short(v);
    let series = Tier::ALL
        .iter()
        .map(|t| {
            (
                c.tr("abc.tier", &[("t", t.letter())]),
                c.style.tiers[t.index()],
                abc.years.iter().map(|y| y.revenue[t.index()]).collect(),
            )
        })
        .collect();
    let svg = stacked_bars(
        &StackedBars { categories: abc.years.iter().map(|y| y.year.clone()).collect(), series, fmt: &money },
        400.0,
        300.0,
        c.style,
    )?;
    let chart = s.chart("abc", svg);
    let counts: Vec<Value> = abc
        .years
        .iter()
        .map(|y| json!([y.year, f.count(y.counts[0]), f.count(y.counts[1]), f.count(y.counts[2])]))
        .collect();
    let list = |v: &[Move]| -> Vec<String> {
        let mut out: Vec<String> = v
            .iter()
            .take(4)
            .map(|m| format!("{} ({} → {})", c.name(m.account), m.from.letter(), m.to.letter()))
            .collect();
        if v.len() > 4 {
            out.push(c.tr("more", &[("n", &f.count(v.len() - 4))]));
        }
        out
    };
    let migration = abc.migration.as_ref().map(|m| {
        json!({
            "title": c.tr("abc.migration", &[("from", &m.from_year), ("to", &m.to_year)]),
            "up": list(&m.up), "down": list(&m.down),
            "up_label": c.tr("abc.up", &[("n", &f.count(m.up.len()))]),
            "down_label": c.tr("abc.down", &[("n", &f.count(m.down.len()))]),
            "other": c.tr("abc.new_lost", &[("new", &f.count(m.new.len())), ("lost", &f.count(m.lost.len()))]),
            "none": c.t("abc.no_moves"),
        })
    });
    s.data = json!({
        "chart": chart,
        "headers": [c.t("col.year"), "A", "B", "C"],
        "counts": counts,
        "migration": migration,
        "rule": c.tr("abc.rule", &[("a", &f.pct(c.p.settings.abc.a, 0)), ("b", &f.pct(c.p.settings.abc.b, 0))]),
    });
    Ok(vec![s])
}
