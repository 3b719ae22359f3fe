//! Account snapshot: tier, rank, revenue per year with growth, MRR by plan, health,
//! onboarding, renewal, and the revenue trend.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use super::account;
use crate::charts::{ChartError, StackedBars, stacked_bars};
use crate::figures::count_f64;
use crate::figures::ratio;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, link, link_text, revenue};

/// The `snapshot` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "snapshot", templates: &["plan/snapshot.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (i, a) = account(c);
    let f = &c.fmt;
    let years = &c.p.fiscal_years;
    let latest = a.revenue_in(c.year());
    let prev = years.iter().rev().nth(1).map(|y| a.revenue_in(y));
    let growth = prev.and_then(|p| ratio(latest - p, p));
    let tier = c.f.abc.latest_tier(i);
    let rank = c.f.scoring.of(i).map(|s| s.rank);
    let prev_year = years.iter().rev().nth(1);
    let title = match (growth, prev, prev_year) {
        (_, Some(p), Some(py)) if latest <= 0.0 && p > 0.0 => c.tr(
            "snapshot.title_churned",
            &[("name", &a.name), ("year", c.year()), ("prev", &f.money_short(p)), ("prevyear", py)],
        ),
        _ => match growth {
            Some(g) => c.tr(
                if g >= 0.0 { "snapshot.title_up" } else { "snapshot.title_down" },
                &[("name", &a.name), ("rev", &f.money_short(latest)), ("year", c.year()), ("g", &f.pct(g.abs(), 0))],
            ),
            None => c.tr("snapshot.title", &[("name", &a.name), ("rev", &f.money_short(latest)), ("year", c.year())]),
        },
    };
    let mut s = Slide::new("plan/snapshot.typ", c.t("kicker.snapshot"), title, Value::Null);
    let money = |v: f64| f.money_short(v);
    let series = vec![(c.t("col.revenue"), c.style.primary, years.iter().map(|y| a.revenue_in(y)).collect())];
    let svg = stacked_bars(&StackedBars { categories: years.clone(), series, fmt: &money }, 330.0, 230.0, c.style)?;
    let chart = s.chart(&format!("snapshot-{}", a.id), svg);
    let revenue: Vec<Value> = years
        .iter()
        .enumerate()
        .map(|(k, y)| {
            let r = a.revenue_in(y);
            let g = k.checked_sub(1).and_then(|p| ratio(r - a.revenue_in(&years[p]), a.revenue_in(&years[p])));
            json!([y, f.money_short(r), g.map_or_else(|| "–".into(), |g| f.pct_delta(g, 0))])
        })
        .collect();
    let mrr: Vec<Value> =
        c.p.plans
            .iter()
            .filter_map(|pl| a.mrr.get(&pl.id).filter(|v| **v > 0.0).map(|v| json!([pl.name, f.money_short(*v)])))
            .collect();
    let mut facts: Vec<Value> = Vec::new();
    let mut fact = |label: &str, value: String| facts.push(json!([c.t(label), value]));
    if let Some(h) = &a.health {
        if let Some(e) = h.engagement {
            fact("snapshot.engagement", f.pct(e, 0));
        }
        if let Some(r) = h.churn_risk {
            fact("snapshot.churn", c.t(&format!("level.{}", r.key())));
        }
        if let Some(pr) = h.churn_probability {
            fact("snapshot.probability", f.pct(pr, 0));
        }
    }
    if let Some(o) = &a.onboarding {
        if let Some(st) = o.status {
            fact("col.onboarding", c.t(&format!("onboarding.{}", st.key())));
        }
        if let Some(sat) = o.satisfaction {
            fact("snapshot.satisfaction", format!("{} / 10", f.number(sat, 1)));
        }
    }
    if let Some(d) = a.renewal_date {
        fact("snapshot.renewal", f.date(d));
    }
    if let Some(m) = a.margin {
        fact("col.margin", f.pct(m, 0));
    }
    let tiles = vec![
        json!({ "label": c.t("col.tier"), "value": c.tier(tier), "sub": c.tr("snapshot.tier_sub", &[("year", c.year())]), "tone": null }),
        json!({ "label": c.t("snapshot.rank"), "value": rank.map_or_else(|| "–".into(), |r| format!("#{r}")), "sub": c.tr("snapshot.rank_sub", &[("n", &f.count(c.f.scoring.rows.len()))]), "tone": null }),
        json!({ "label": c.t("kpi.mrr"), "value": f.money_short(a.mrr_total()), "sub": c.t("snapshot.mrr_sub"), "tone": null }),
        json!({ "label": c.tr("col.revenue_year", &[("year", c.year())]), "value": f.money_short(latest), "sub": growth.map(|g| c.tr("snapshot.growth", &[("g", &f.pct_delta(g, 0))])), "tone": growth.map(|g| if g >= 0.0 { "positive" } else { "negative" }) }),
    ];
    s.data = json!({
        "tiles": tiles,
        "chart": chart,
        "revenue_headers": [c.t("col.year"), c.t("col.revenue"), c.t("col.growth_yoy")],
        "revenue": revenue,
        "mrr_headers": [c.t("col.plan"), c.t("col.mrr")],
        "mrr": mrr,
        "facts_title": c.t("snapshot.health"),
        "facts": facts,
    });
    Ok(vec![s])
}

/// Snapshot: revenue per year with growth, MRR per plan, health and onboarding.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let p = c.p;
    let i = c.account.unwrap_or(0);
    let cols = vec![
        Col::new(c.t("col.year"), CellFmt::Text),
        Col::new(c.t("col.revenue"), CellFmt::Money),
        Col::new(c.t("col.growth_yoy"), CellFmt::Percent),
    ];
    let first = m.begin(&c.t("col.revenue"), cols)?;
    for (k, y) in p.fiscal_years.iter().enumerate() {
        let row = first + u32::try_from(k).unwrap_or(0);
        let growth = k
            .checked_sub(1)
            .and_then(|j| ratio(a.revenue_in(y) - a.revenue_in(&p.fiscal_years[j]), a.revenue_in(&p.fiscal_years[j])));
        let (cur, prev) = (Mirror::at(1, row), Mirror::at(1, row.saturating_sub(1)));
        m.row(vec![
            V::text(y),
            link(m.refs.account(&a.id, &revenue(y)), a.revenue_in(y)),
            if k == 0 {
                V::Empty
            } else {
                growth.map_or(V::Empty, |g| V::F(format!("IF(N({prev})=0,\"\",{cur}/{prev}-1)"), g))
            },
        ])?;
    }
    let at = m.end()?;
    let mut ch = chart(ChartType::Column, &c.t("col.revenue"));
    ch.y_axis().set_num_format(m.money_format());
    ch.add_series().set_name(&c.t("col.revenue")).set_categories(&m.series(0, at)).set_values(&m.series(1, at));
    m.chart(&mut ch)?;

    if !p.plans.is_empty() {
        let rows: Vec<Vec<V>> = p
            .plans
            .iter()
            .map(|x| {
                vec![
                    V::text(&x.name),
                    link(
                        m.refs.account(&a.id, &format!("{}{}", l::MRR, x.id)),
                        a.mrr.get(&x.id).copied().unwrap_or(0.0),
                    ),
                ]
            })
            .collect();
        let at = m.table(
            &c.t("col.mrr"),
            vec![Col::new(c.t("col.plan"), CellFmt::Text), Col::new(c.t("col.mrr"), CellFmt::Money)],
            rows,
        )?;
        m.summary(c.t("total"), "SUM", 1, at, a.mrr_total(), CellFmt::Money)?;
    }

    let mut kv = vec![
        (c.t("col.tier"), V::text(c.tier(c.f.abc.latest_tier(i))), CellFmt::Text),
        (c.t("col.score_rank"), c.f.scoring.of(i).map_or(V::Empty, |s| V::Num(count_f64(s.rank))), CellFmt::Integer),
    ];
    if let Some(h) = &a.health {
        if let Some(e) = h.engagement {
            kv.push((c.t("col.engagement"), link(m.refs.account(&a.id, "engagement"), e), CellFmt::Percent));
        }
        if let Some(r) = h.churn_risk {
            kv.push((c.t("col.churn_risk"), link_text(m.refs.account(&a.id, "churn_risk"), r.key()), CellFmt::Text));
        }
    }
    if let Some(o) = &a.onboarding {
        if let Some(s) = o.satisfaction {
            kv.push((c.t("col.satisfaction"), link(m.refs.account(&a.id, "satisfaction"), s), CellFmt::Decimal));
        }
        if let Some(s) = o.status {
            kv.push((c.t("col.onboarding"), V::text(c.t(&format!("onboarding.{}", s.key()))), CellFmt::Text));
        }
    }
    if let Some(d) = a.renewal_date {
        kv.push((c.t("col.renewal"), link(m.refs.account(&a.id, "renewal_date"), l::serial(d)), CellFmt::Date));
    }
    c.key_values(m, &c.t("kicker.snapshot"), kv)
}
