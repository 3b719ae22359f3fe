//! Onboarding and risk: satisfaction of accounts in onboarding, the accounts at risk.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::{ChartError, HBars, hbars};

const ROWS: usize = 9;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let r = &c.f.risk;
    let f = &c.fmt;
    let target = c.p.settings.satisfaction_target;
    let any_onboarding = r.onboarding_counts.iter().sum::<usize>() > 0;
    if r.at_risk.is_empty()
        && r.satisfaction.is_empty()
        && !any_onboarding
        && c.p.accounts.iter().all(|a| a.health.is_none())
    {
        return Ok(vec![]);
    }
    let risk_part = c.tn("risk.title", r.at_risk.len(), &[("mrr", &f.money_short(r.mrr_at_risk))]);
    let title = match r.satisfaction_avg {
        Some(avg) => c.tr(
            "risk.title_sat",
            &[("risk", &risk_part), ("avg", &f.number(avg, 1)), ("target", &f.number(target, 0))],
        ),
        None => risk_part,
    };
    let mut s = Slide::new("review/risk.typ", c.t("kicker.risk"), title, Value::Null);
    let chart = if r.satisfaction.is_empty() {
        s.note(c.t("note.no_surveys"));
        None
    } else {
        let shown = &r.satisfaction[..r.satisfaction.len().min(10)];
        let labels: Vec<String> = shown.iter().map(|(i, _)| c.name(*i).to_owned()).collect();
        let values: Vec<f64> = shown.iter().map(|x| x.1).collect();
        let num = |v: f64| f.number(v, 1);
        let bars = HBars {
            labels,
            values,
            max: 10.0,
            target: Some((target, c.tr("risk.target", &[("t", &f.number(target, 0))]))),
            fmt: &num,
        };
        let svg = hbars(&bars, 330.0, 250.0, c.style)?;
        Some(s.chart("risk-satisfaction", svg))
    };
    let weighted = r.weighted_mrr_at_risk.is_some();
    let mut headers =
        vec![c.t("col.account"), c.t("col.tier"), c.t("col.mrr_at_risk"), c.t("col.days"), c.t("col.why")];
    if weighted {
        headers.insert(3, c.t("col.weighted"));
    }
    let mut rows: Vec<Value> = r
        .at_risk
        .iter()
        .take(ROWS)
        .map(|x| {
            let why = match (x.why.low_engagement, x.why.high_churn) {
                (true, true) => c.t("flag.both"),
                (false, true) => c.t("flag.churn"),
                _ => c.t("flag.engagement"),
            };
            let mut cells = vec![
                c.name(x.account).to_owned(),
                c.tier(x.tier),
                f.money_short(x.mrr),
                x.days_flagged.map_or_else(String::new, |d| d.to_string()),
                why,
            ];
            if weighted {
                cells.insert(3, f.money_short(x.mrr * x.probability.unwrap_or(1.0)));
            }
            json!(cells)
        })
        .collect();
    if r.at_risk.len() > ROWS {
        let rest = &r.at_risk[ROWS..];
        let mut cells = vec![
            c.tr("others", &[("n", &f.count(rest.len()))]),
            String::new(),
            f.money_short(rest.iter().map(|x| x.mrr).sum()),
            String::new(),
            String::new(),
        ];
        if weighted {
            cells.insert(3, f.money_short(rest.iter().map(|x| x.mrr * x.probability.unwrap_or(1.0)).sum()));
        }
        rows.push(json!(cells));
    }
    if !r.at_risk.is_empty() {
        let mut total = vec![c.t("total"), String::new(), f.money_short(r.mrr_at_risk), String::new(), String::new()];
        if let Some(w) = r.weighted_mrr_at_risk {
            total.insert(3, f.money_short(w));
        }
        rows.push(json!(total));
    }
    let mut aligns = vec!["left", "center", "right", "right", "left"];
    if weighted {
        aligns.insert(3, "right");
    }
    s.data = json!({
        "chart": chart,
        "chart_title": c.tr("risk.satisfaction", &[("avg", &r.satisfaction_avg.map_or_else(|| "–".into(), |a| f.number(a, 1)))]),
        "table_title": c.t("risk.queue"),
        "headers": headers,
        "aligns": aligns,
        "rows": rows,
        "empty": r.at_risk.is_empty().then(|| c.t("risk.none")),
        "rank": c.t(&format!("risk.rank.{}", serde_json::to_value(c.p.settings.risk_rank).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())),
    });
    Ok(vec![s])
}
