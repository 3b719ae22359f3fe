//! Appendix: the account table over several slides (up to the row limit), then the
//! definitions of every figure with the settings in force.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::ChartError;
use crate::figures::count_f64;
use crate::figures::ranked_by;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, link, mrr_of, revenue};

/// The `appendix` slide kind.
pub(crate) static KIND: SlideKind = SlideKind {
    id: "appendix",
    templates: &["review/appendix.typ", "review/definitions.typ"],
    build,
    sheet,
    gaps: no_gaps,
};

/// Account rows per appendix slide.
const PER_SLIDE: usize = 16;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let p = c.p;
    let f = &c.fmt;
    let year = c.year();
    let prev = p.fiscal_years.iter().rev().nth(1);
    let order = ranked_by(p, 0..p.accounts.len(), |a| a.revenue_in(year));
    let limit = p.settings.appendix_rows.min(order.len());
    // A column no account has a value in is left out: a column of dashes says nothing.
    let shown = &order[..limit];
    let any = |has: &dyn Fn(&crate::model::Account) -> bool| shown.iter().any(|&i| has(&p.accounts[i]));
    let keep = [
        true,
        true,
        true,
        prev.is_some_and(|py| any(&|a| a.revenue_in(py) > 0.0)),
        !p.plans.is_empty(),
        any(&|a| a.margin.is_some()),
        any(&|a| a.owner.is_some()),
        shown.iter().any(|&i| c.f.scoring.of(i).is_some()),
    ];
    let pick =
        |cells: Vec<Value>| -> Vec<Value> { cells.into_iter().zip(keep).filter(|(_, k)| *k).map(|(v, _)| v).collect() };
    let headers = pick(vec![
        json!(c.t("col.account")),
        json!(c.t("col.tier")),
        json!(c.tr("col.revenue_year", &[("year", year)])),
        json!(c.t("col.growth_yoy")),
        json!(c.t("col.mrr")),
        json!(c.t("col.margin")),
        json!(c.t("col.owner")),
        json!(c.t("col.score_rank")),
    ]);
    let aligns =
        pick(["left", "center", "right", "right", "right", "right", "left", "right"].map(|a| json!(a)).to_vec());
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
                json!(pick(vec![
                    json!(crate::charts::truncate(&a.name, 44)),
                    json!(c.tier(c.f.abc.latest_tier(i))),
                    json!(f.money_short(a.revenue_in(year))),
                    json!(growth.map_or_else(|| "–".into(), |g| f.pct_delta(g, 0))),
                    json!(f.money_short(a.mrr_total())),
                    json!(a.margin.map_or_else(|| "–".into(), |m| f.pct(m, 0))),
                    json!(if owner.is_empty() { "–".to_owned() } else { crate::charts::truncate(&owner, 22) }),
                    json!(c.f.scoring.of(i).map_or_else(|| "–".into(), |s| f.count(s.rank))),
                ]))
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
            json!({ "headers": headers, "rows": rows, "aligns": aligns }),
        );
        if k + 1 == pages && limit < order.len() {
            s.note(c.tn("appendix.rest", order.len() - limit, &[]));
        }
        slides.push(s);
    }
    slides.push(definitions(c));
    Ok(slides)
}

/// A message's arguments.
type Args<'a> = Vec<(&'a str, String)>;

fn definitions(c: &Ctx<'_>) -> Slide {
    let s = &c.p.settings;
    let f = &c.fmt;
    let weights = |m: &crate::model::OrderedMap<f64>| {
        m.iter()
            .map(|(k, w)| format!("{} {}", super::scoring::factor_name(c, k), f.number(*w, 2)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Only what the deck shows: a definition of a slide left out (not chosen, or without
    // its data) is a definition of nothing.
    let fig = c.f;
    let shows = |id: &str, data: bool| c.has(id) && data;
    let risk = !fig.risk.at_risk.is_empty() || c.p.accounts.iter().any(|a| a.health.is_some());
    let retention = fig.retention.latest().is_some_and(|y| y.nrr.is_some());
    let all: Vec<(bool, &str, Args<'_>)> = vec![
        (true, "def.active", vec![]),
        (shows("dashboard", fig.dashboard.total_mrr > 0.0), "def.arr", vec![]),
        (shows("pareto", !fig.pareto.rows.is_empty()), "def.pareto", vec![("cut", f.pct(s.pareto_cut, 0))]),
        (shows("abc", true), "def.abc", vec![("a", f.pct(s.abc.a, 0)), ("b", f.pct(s.abc.b, 0))]),
        (
            shows("scoring", !fig.scoring.rows.is_empty()),
            "def.scoring",
            vec![
                ("scale", s.scoring.scale.to_string()),
                ("g", f.number(s.scoring.growth_weight, 2)),
                ("growth", weights(&s.scoring.growth)),
                ("harmony", weights(&s.scoring.harmony)),
            ],
        ),
        (
            shows("profit", !fig.profit.points.is_empty()),
            "def.profit",
            vec![("rev", f.money_short(fig.profit.revenue_split)), ("margin", f.pct(fig.profit.margin_split, 1))],
        ),
        (
            shows("risk", risk) || shows("dashboard", risk),
            "def.endangered",
            vec![("e", f.number(s.engagement_threshold, 2))],
        ),
        (shows("risk", risk), "def.mrr_at_risk", vec![]),
        (shows("retention", retention), "def.retention", vec![]),
        (shows("retention", retention) && c.p.report_date.is_some(), "def.renewals", vec![]),
        (shows("divisions", !fig.divisions.rows.is_empty()), "def.whitespace", vec![]),
    ];
    let defs: Vec<Value> = all
        .into_iter()
        .filter(|(shown, _, _)| *shown)
        .map(|(_, key, args)| (key, args))
        .collect::<Vec<_>>()
        .iter()
        .map(|(key, args)| {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            json!([c.t(&format!("{key}.term")), c.tr(&format!("{key}.text"), &args)])
        })
        .collect();
    Slide::new("review/definitions.typ", c.t("kicker.appendix"), c.t("definitions.title"), json!({ "defs": defs }))
}

/// Appendix: every account (the slide stops at `appendix_rows`), and the settings in force.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let year = c.year();
    let prev = p.fiscal_years.iter().rev().nth(1);
    let order = ranked_by(p, 0..p.accounts.len(), |a| a.revenue_in(year));
    let cols = vec![
        Col::new(c.t("col.id"), CellFmt::Text),
        Col::new(c.t("col.account"), CellFmt::Text),
        Col::new(c.t("col.tier"), CellFmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", year)]), CellFmt::Money),
        Col::new(c.t("col.growth_yoy"), CellFmt::Percent),
        Col::new(c.t("col.mrr"), CellFmt::Money),
        Col::new(c.t("col.margin"), CellFmt::Percent),
        Col::new(c.t("col.owner"), CellFmt::Text),
        Col::new(c.t("col.score_rank"), CellFmt::Integer),
    ];
    let first = m.begin(&c.t("workbook.all_accounts"), cols)?;
    for (k, &i) in order.iter().enumerate() {
        let a = &p.accounts[i];
        let row = first + u32::try_from(k).unwrap_or(0);
        let rev = a.revenue_in(year);
        let growth = match prev {
            Some(py) => {
                let pv = a.revenue_in(py);
                let cell = m.refs.account(&a.id, &revenue(py));
                match (crate::figures::ratio(rev - pv, pv), cell) {
                    (Some(g), Some(pc)) => V::F(format!("IF(N({pc})=0,\"\",{}/{pc}-1)", Mirror::at(3, row)), g),
                    (Some(g), None) => V::Num(g),
                    _ => V::Empty,
                }
            }
            None => V::Empty,
        };
        m.row(vec![
            V::text(&a.id),
            V::text(&a.name),
            V::text(c.tier(c.f.abc.latest_tier(i))),
            link(m.refs.account(&a.id, &revenue(year)), rev),
            growth,
            link(mrr_of(c.p, m, &a.id), a.mrr_total()),
            a.margin.map_or(V::Empty, |v| link(m.refs.account(&a.id, "margin"), v)),
            V::text(c.member_name(a.owner.as_deref())),
            c.f.scoring.of(i).map_or(V::Empty, |s| V::Num(count_f64(s.rank))),
        ])?;
    }
    let _ = m.end()?;
    settings(c, m)
}

/// The settings in force, linked to the Settings sheet.
fn settings(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let s = &c.p.settings;
    let fixed = [
        ("pareto_cut", s.pareto_cut, CellFmt::Percent),
        ("abc.a", s.abc.a, CellFmt::Percent),
        ("abc.b", s.abc.b, CellFmt::Percent),
        ("engagement_threshold", s.engagement_threshold, CellFmt::Percent),
        ("satisfaction_target", s.satisfaction_target, CellFmt::Decimal),
        ("scoring.growth_weight", s.scoring.growth_weight, CellFmt::Percent),
    ]
    .map(|(k, v, f)| (k.to_owned(), v, f));
    let weights = [("growth", &s.scoring.growth), ("harmony", &s.scoring.harmony)]
        .into_iter()
        .flat_map(|(group, map)| map.iter().map(move |(k, w)| (format!("scoring.{group}.{k}"), *w, CellFmt::Percent)));
    let rows = fixed
        .into_iter()
        .chain(weights)
        .map(|(k, v, f)| {
            let cell = link(m.refs.key(l::SETTINGS, &k), v);
            (k, cell, f)
        })
        .collect();
    c.key_values(m, &c.t("definitions.title"), rows)
}
