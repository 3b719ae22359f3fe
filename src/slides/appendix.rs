//! Appendix: the account table over several slides (up to the row limit), then the
//! definitions of every figure with the settings in force.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::ChartError;
use crate::figures::ranked_by;

/// Account rows per appendix slide.
const PER_SLIDE: usize = 20;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let p = c.p;
    let f = &c.fmt;
    let year = c.year();
    let prev = p.fiscal_years.iter().rev().nth(1);
    let order = ranked_by(p, 0..p.accounts.len(), |a| a.revenue_in(year));
    let limit = p.settings.appendix_rows.min(order.len());
    let headers = [
        c.t("col.account"),
        c.t("col.tier"),
        c.tr("col.revenue_year", &[("year", year)]),
        c.t("col.growth_yoy"),
        c.t("col.mrr"),
        c.t("col.margin"),
        c.t("col.owner"),
        c.t("col.rank"),
    ];
    let chunks: Vec<&[usize]> = order[..limit].chunks(PER_SLIDE).collect();
    let pages = chunks.len();
    let mut slides = Vec::new();
    for (k, chunk) in chunks.into_iter().enumerate() {
        let rows: Vec<Value> = chunk
            .iter()
            .map(|&i| {
                let a = &p.accounts[i];
                let growth =
                    prev.and_then(|py| crate::figures::ratio(a.revenue_in(year) - a.revenue_in(py), a.revenue_in(py)));
                // Lines never wrap in the appendix's columns: shorten what could.
                let owner = c.member_name(a.owner.as_deref());
                json!([
                    crate::charts::truncate(&a.name, 44),
                    c.tier(c.f.abc.latest_tier(i)),
                    f.money_short(a.revenue_in(year)),
                    growth.map_or_else(|| "–".into(), |g| f.pct_delta(g, 0)),
                    f.money_short(a.mrr_total()),
                    a.margin.map_or_else(|| "–".into(), |m| f.pct(m, 0)),
                    if owner.is_empty() { "–".to_owned() } else { crate::charts::truncate(&owner, 22) },
                    c.f.scoring.of(i).map_or_else(|| "–".into(), |s| s.rank.to_string())
                ])
            })
            .collect();
        let first = k * PER_SLIDE + 1;
        let title = c.tr(
            "appendix.title",
            &[("from", &f.count(first)), ("to", &f.count(first + rows.len() - 1)), ("total", &f.count(order.len()))],
        );
        let mut s = Slide::new(
            "review/appendix.typ",
            c.t("kicker.appendix"),
            title,
            json!({ "headers": headers, "rows": rows }),
        );
        if k + 1 == pages && limit < order.len() {
            s.note(c.tn("appendix.rest", order.len() - limit, &[]));
        }
        slides.push(s);
    }
    slides.push(definitions(c));
    Ok(slides)
}

fn definitions(c: &Ctx<'_>) -> Slide {
    let s = &c.p.settings;
    let f = &c.fmt;
    let weights = |m: &crate::model::OrderedMap<f64>| {
        m.iter()
            .map(|(k, w)| format!("{} {}", c.loc.messages_or(&format!("factor.{k}"), k), f.number(*w, 2)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let defs: Vec<Value> = [
        ("def.active", vec![]),
        ("def.arr", vec![]),
        ("def.pareto", vec![("cut", f.pct(s.pareto_cut, 0))]),
        ("def.abc", vec![("a", f.pct(s.abc.a, 0)), ("b", f.pct(s.abc.b, 0))]),
        (
            "def.scoring",
            vec![
                ("scale", s.scoring.scale.to_string()),
                ("g", f.number(s.scoring.growth_weight, 2)),
                ("growth", weights(&s.scoring.growth)),
                ("harmony", weights(&s.scoring.harmony)),
            ],
        ),
        (
            "def.profit",
            vec![("rev", f.money_short(c.f.profit.revenue_split)), ("margin", f.pct(c.f.profit.margin_split, 1))],
        ),
        ("def.endangered", vec![("e", f.number(s.engagement_threshold, 2))]),
        ("def.mrr_at_risk", vec![]),
        ("def.retention", vec![]),
        ("def.renewals", vec![]),
        ("def.whitespace", vec![]),
    ]
    .iter()
    .map(|(key, args)| {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        json!([c.t(&format!("{key}.term")), c.tr(&format!("{key}.text"), &args)])
    })
    .collect();
    Slide::new("review/definitions.typ", c.t("kicker.appendix"), c.t("definitions.title"), json!({ "defs": defs }))
}
