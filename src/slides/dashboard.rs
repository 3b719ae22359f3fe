//! KA dashboard: KPI tiles, MRR by plan over periods, onboarding, upsell, top accounts.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::{ChartError, StackedBars, stacked_bars};
use crate::model::OnboardingStatus;

const TOP: usize = 9;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let d = &c.f.dashboard;
    if d.active == 0 {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let has_mrr = d.total_mrr > 0.0;
    let mut tiles: Vec<Value> = vec![
        json!({ "label": c.t("kpi.accounts"), "value": f.count(d.active), "sub": c.t("kpi.accounts_sub"), "tone": null }),
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
                &[("mrr", &f.money_short(d.total_mrr)), ("accounts", &c.units("key_accounts", d.active))],
            ),
        }
    } else {
        c.tn("dashboard.title_norev", d.at_risk, &[("accounts", &c.units("key_accounts", d.active))])
    };
    let mut s = Slide::new("review/dashboard.typ", c.t("kicker.dashboard"), title, Value::Null);

    let chart = if has_mrr && !c.p.plans.is_empty() {
        let money = |v: f64| f.money_short(v);
        let series = c
            .p
            .plans
            .iter()
            .enumerate()
            .map(|(k, plan)| (plan.name.clone(), c.style.series(k), d.mrr_by_plan.iter().map(|per| per[k]).collect()))
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
            let flag = match r.endangered {
                Some(e) if e.low_engagement && e.high_churn => c.t("flag.both"),
                Some(e) if e.high_churn => c.t("flag.churn"),
                Some(_) => c.t("flag.engagement"),
                None => String::new(),
            };
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
        let next: Vec<&str> = u.candidates.iter().take(3).map(|&i| c.name(i)).collect();
        c.tr(
            "dashboard.upsell",
            &[
                ("plan", &c.p.plans[u.plan].name),
                ("pct", &f.pct(u.penetration.unwrap_or(0.0), 0)),
                ("accounts", &c.units("accounts", u.on_plan)),
                ("next", &next.join(", ")),
            ],
        )
    });
    if d.previous_mrr.is_none() && has_mrr {
        s.note(c.t("note.no_history"));
    }
    s.data = json!({
        "tiles": tiles,
        "chart": chart,
        "chart_title": c.t("dashboard.chart"),
        "headers": [c.t("col.account"), c.t("col.tier"), c.t("col.mrr"), c.t("col.change"), c.t("col.onboarding"), c.t("col.risk")],
        "rows": rows,
        "tints": tints,
        "more": (d.top.len() > TOP).then(|| c.tr("more", &[("n", &f.count(d.top.len() - TOP))])),
        "onboarding": (!onboarding.is_empty()).then(|| format!("{}: {}", c.t("dashboard.onboarding"), onboarding.join(" · "))),
        "upsell": upsell,
    });
    Ok(vec![s])
}
