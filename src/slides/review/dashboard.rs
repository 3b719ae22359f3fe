//! KA dashboard: KPI tiles, MRR by plan over periods, onboarding, upsell, top accounts.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, StackedBars, stacked_bars};
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::model::OnboardingStatus;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{
    CellFmt, Col, Mirror, V, active_array, chart, endangered_array, link, lit, mrr_array, mrr_of, nrr_formula,
};

/// The `dashboard` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "dashboard", templates: &["review/dashboard.typ"], build, sheet, gaps };

const TOP: usize = 9;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let d = &c.f.dashboard;
    if d.active == 0 {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let has_mrr = d.total_mrr > 0.0;
    // Tier A in the latest year: the charter's usual definition of a key account, beside the count.
    let tier_a = c.f.abc.years.last().map_or(0, |y| y.counts[0]);
    let mut tiles: Vec<Value> = vec![
        json!({ "label": c.t("kpi.accounts"), "value": f.count(d.active), "sub": c.tr("kpi.accounts_sub", &[("a", &f.count(tier_a))]), "tone": null }),
    ];
    if has_mrr {
        let sub = match (d.change, d.change_pct) {
            (Some(ch), Some(pct)) => {
                Some(c.tr("kpi.change", &[("abs", &f.money_delta(ch)), ("pct", &f.pct_delta(pct, 1))]))
            }
            (Some(ch), None) => Some(c.tr("kpi.change_abs", &[("abs", &f.money_delta(ch))])),
            _ => None,
        };
        let tone = d.change.map(|ch| if ch >= 0.0 { "positive" } else { "negative" });
        tiles.push(json!({ "label": c.t("kpi.mrr"), "value": f.money_short(d.total_mrr), "sub": sub, "tone": tone }));
        tiles.push(
            json!({ "label": c.t("kpi.arr"), "value": f.money_short(d.arr), "sub": c.t("kpi.arr_sub"), "tone": null }),
        );
    }
    if let Some(nrr) = d.nrr {
        tiles.push(json!({ "label": c.tr("kpi.nrr", &[("year", c.year())]), "value": f.pct(nrr, 0), "sub": c.t("kpi.nrr_sub"), "tone": if nrr >= 1.0 { "positive" } else { "neutral" } }));
    }
    let at_risk_sub = has_mrr.then(|| c.tr("kpi.risk_sub", &[("mrr", &f.money_short(d.mrr_at_risk))]));
    tiles.push(json!({ "label": c.t("kpi.at_risk"), "value": f.count(d.at_risk), "sub": at_risk_sub, "tone": if d.at_risk > 0 { "negative" } else { "positive" } }));

    let title = if has_mrr {
        match d.change_pct {
            Some(pct) => c.tn(
                if pct >= 0.0 { "dashboard.title_up" } else { "dashboard.title_down" },
                d.at_risk,
                &[
                    ("mrr", &f.money_short(d.total_mrr)),
                    ("pct", &f.pct(pct.abs(), 1)),
                    ("risk", &f.money_short(d.mrr_at_risk)),
                ],
            ),
            None => c.tn(
                "dashboard.title_flat",
                d.at_risk,
                &[("mrr", &f.money_short(d.total_mrr)), ("accounts", &c.units("active_accounts", d.active))],
            ),
        }
    } else {
        c.tn("dashboard.title_norev", d.at_risk, &[("accounts", &c.units("active_accounts", d.active))])
    };
    let mut s = Slide::new("review/dashboard.typ", c.t("kicker.dashboard"), title, Value::Null);

    let chart = if has_mrr && !c.p.plans.is_empty() {
        let money = |v: f64| f.money_short(v);
        let series =
            c.p.plans
                .iter()
                .enumerate()
                .map(|(k, plan)| {
                    (
                        plan.name.clone(),
                        c.style.shade(c.style.accent, k, c.p.plans.len()),
                        d.mrr_by_plan.iter().map(|per| per[k]).collect(),
                    )
                })
                .collect();
        let svg =
            stacked_bars(&StackedBars { categories: d.periods.clone(), series, fmt: &money }, 330.0, 215.0, c.style)?;
        Some(s.chart("dashboard-mrr", svg))
    } else {
        s.note(c.t("note.no_mrr"));
        None
    };

    let rows: Vec<Value> = d
        .top
        .iter()
        .take(TOP)
        .map(|r| {
            let flag = r.endangered.map(|e| c.t(e.reason())).unwrap_or_default();
            json!([
                c.name(r.account),
                c.tier(r.tier),
                f.money_short(r.mrr),
                r.change.map_or_else(String::new, |x| f.money_delta(x)),
                r.onboarding.map_or_else(String::new, |o| c.t(&format!("onboarding.{}", o.key()))),
                flag
            ])
        })
        .collect();
    let tints: Vec<Value> =
        d.top.iter().take(TOP).map(|r| if r.endangered.is_some() { json!("negative") } else { Value::Null }).collect();
    let onboarding: Vec<String> = OnboardingStatus::ALL
        .iter()
        .zip(d.onboarding_counts)
        .filter(|(_, n)| *n > 0)
        .map(|(st, n)| format!("{} {}", c.t(&format!("onboarding.{}", st.key())), f.count(n)))
        .collect();
    let upsell = d.upsell.as_ref().map(|u| {
        let next: Vec<String> = u.candidates.iter().take(3).map(|&i| c.name(i).into_owned()).collect();
        // With every account on the plan there is no one next: no list ending in a colon.
        c.tr(
            if next.is_empty() { "dashboard.upsell_all" } else { "dashboard.upsell" },
            &[
                ("plan", &c.p.plans[u.plan].name),
                ("pct", &f.pct(u.penetration.unwrap_or(0.0), 0)),
                ("accounts", &c.units("accounts", u.on_plan)),
                ("next", &f.list(&next)),
            ],
        )
    });
    if d.previous_mrr.is_none() && has_mrr {
        s.note(c.t("note.no_history"));
    }
    s.data = json!({
        "tiles": tiles,
        "chart": chart,
        "chart_title": chart.is_some().then(|| c.t("dashboard.chart")),
        "table_title": c.t("dashboard.top"),
        "headers": [c.t("col.account"), c.t("col.tier"), c.t("col.mrr"), c.t("col.change"), c.t("col.onboarding"), c.t("col.risk")],
        "rows": rows,
        "tints": tints,
        // The template drops rows from the end when longer words (German, Spanish) make the
        // table taller; the note under it counts the rest.
        "mores": c.mores(rows.len(), d.top.len()),
        "onboarding": (!onboarding.is_empty()).then(|| c.labelled(&c.t("dashboard.onboarding"), &onboarding.join(" · "))),
        "upsell": upsell,
    });
    Ok(vec![s])
}

/// KA dashboard: KPIs, MRR by plan over the periods, onboarding counts, top accounts.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let d = &c.f.dashboard;
    let p = c.p;
    let active = active_array(c.p, m);
    let mrr = mrr_array(c.p, m);
    let total_mrr = mrr.as_ref().map(|a| format!("SUMPRODUCT({a})"));
    let at_risk = format!("SUMPRODUCT({active}*{})", endangered_array(m));
    let mut kpis =
        vec![(c.t("kpi.accounts"), V::F(format!("SUMPRODUCT({active}*1)"), count_f64(d.active)), CellFmt::Integer)];
    if let Some(t) = &total_mrr {
        kpis.push((c.t("kpi.mrr"), V::F(t.clone(), d.total_mrr), CellFmt::Money));
        kpis.push((c.t("kpi.arr"), V::F(format!("12*{t}"), d.arr), CellFmt::Money));
    }
    if let (Some(prev), Some(t)) = (d.previous_mrr, &total_mrr) {
        kpis.push((c.t("col.previous_mrr"), V::Num(prev), CellFmt::Money));
        kpis.push((c.t("col.change"), V::F(format!("{t}-{prev}"), d.change.unwrap_or(0.0)), CellFmt::Money));
        if prev != 0.0 {
            kpis.push((
                c.t("col.change_pct"),
                V::F(format!("({t}-{prev})/{prev}"), d.change_pct.unwrap_or(0.0)),
                CellFmt::Percent,
            ));
        }
    }
    if let (Some(nrr), Some(f)) = (d.nrr, nrr_formula(c.p, m, p.fiscal_years.len() - 1)) {
        kpis.push((c.tr("kpi.nrr", &[("year", c.year())]), V::F(f, nrr), CellFmt::Percent));
    }
    kpis.push((c.t("kpi.at_risk"), V::F(at_risk, count_f64(d.at_risk)), CellFmt::Integer));
    if let Some(a) = &mrr {
        let f = format!("SUMPRODUCT({active}*{}*{a})", endangered_array(m));
        kpis.push((c.t("col.mrr_at_risk"), V::F(f, d.mrr_at_risk), CellFmt::Money));
    }
    c.key_values(m, &c.t("workbook.kpis"), kpis)?;

    if !d.periods.is_empty() && !p.plans.is_empty() {
        let mut cols = vec![Col::new(c.t("col.period"), CellFmt::Text)];
        cols.extend(p.plans.iter().map(|x| Col::new(x.name.clone(), CellFmt::Money)));
        let rows: Vec<Vec<V>> = d
            .periods
            .iter()
            .zip(&d.mrr_by_plan)
            .map(|(period, values)| {
                let mut row = vec![V::text(period)];
                row.extend(values.iter().map(|v| V::Num(*v)));
                row
            })
            .collect();
        let at = m.table(&c.t("dashboard.chart"), cols, rows)?;
        let mut ch = chart(ChartType::ColumnStacked, &c.t("dashboard.chart"));
        ch.y_axis().set_num_format(m.money_format());
        for (k, x) in p.plans.iter().enumerate() {
            ch.add_series().set_name(x.name.as_str()).set_categories(&m.series(0, at)).set_values(&m.series(k + 1, at));
        }
        m.chart(&mut ch)?;
    }

    let status = m.refs.column(l::ACCOUNTS, "onboarding_status").unwrap_or_else(|| "\"\"".into());
    let onboarding: Vec<Vec<V>> = crate::model::OnboardingStatus::ALL
        .iter()
        .zip(d.onboarding_counts)
        .map(|(s, n)| {
            let f = format!("SUMPRODUCT({active}*({status}={}))", lit(s.key()));
            vec![V::text(c.t(&format!("onboarding.{}", s.key()))), V::F(f, count_f64(n))]
        })
        .collect();
    m.table(
        &c.t("dashboard.onboarding"),
        vec![Col::new(c.t("col.status"), CellFmt::Text), Col::new(c.t("col.accounts"), CellFmt::Integer)],
        onboarding,
    )?;

    let cols = vec![
        Col::new(c.t("col.account"), CellFmt::Text),
        Col::new(c.t("col.tier"), CellFmt::Text),
        Col::new(c.t("col.mrr"), CellFmt::Money),
        Col::new(c.t("col.change"), CellFmt::Money),
        Col::new(c.t("col.onboarding"), CellFmt::Text),
        Col::new(c.t("col.risk"), CellFmt::Text),
    ];
    let rows = d
        .top
        .iter()
        .map(|t| {
            let a = &p.accounts[t.account];
            let why = t.endangered.map(|e| c.t(e.reason())).unwrap_or_default();
            vec![
                V::text(&a.name),
                V::text(c.tier(t.tier)),
                link(mrr_of(c.p, m, &a.id), t.mrr),
                V::num(t.change),
                V::text(t.onboarding.map(|s| c.t(&format!("onboarding.{}", s.key()))).unwrap_or_default()),
                V::text(why),
            ]
        })
        .collect();
    m.table(&c.t("workbook.top_accounts"), cols, rows)?;
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    [
        gap(c.p.plans.is_empty(), c.t("gap.dashboard.no_plans")),
        gap(c.f.dashboard.previous_mrr.is_none(), c.t("gap.dashboard.no_history")),
    ]
    .into_iter()
    .flatten()
    .collect()
}
