//! Onboarding and risk: satisfaction of accounts in onboarding, the accounts at risk.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, HBars, hbars};
use crate::figures::{by_name, count_f64};
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{
    CellFmt, Col, Mirror, V, active_array, chart, endangered_array, link, mrr_array, mrr_of, weight_array,
};

/// The `risk` slide kind.
pub(crate) static KIND: SlideKind = SlideKind { id: "risk", templates: &["review/risk.typ"], build, sheet, gaps };

const ROWS: usize = 9;

/// Survey bars on the slide.
const SURVEY_BARS: usize = 10;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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
    let mut caption = None;
    let chart = if r.satisfaction.is_empty() {
        s.note(c.t("note.no_surveys"));
        None
    } else {
        // The lowest first: the title sets the average against the target, and the accounts
        // below it are the ones to act on (at 1,000 accounts the best ten were all at 10.0).
        let mut lowest: Vec<&(usize, f64)> = r.satisfaction.iter().collect();
        lowest.sort_by(|x, y| x.1.total_cmp(&y.1).then_with(|| by_name(&c.p.accounts[x.0], &c.p.accounts[y.0])));
        let shown = &lowest[..lowest.len().min(SURVEY_BARS)];
        let below = r.satisfaction.iter().filter(|x| x.1 < target).count();
        if lowest.len() > shown.len() {
            caption = Some(c.tr(
                "risk.lowest",
                &[("n", &f.count(shown.len())), ("total", &f.count(lowest.len())), ("below", &f.count(below))],
            ));
        }
        let labels: Vec<String> = shown.iter().map(|(i, _)| c.name(*i).into_owned()).collect();
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
    // One account more than the rows is shown itself, not as "Others (1)".
    let shown = if r.at_risk.len() == ROWS + 1 { ROWS + 1 } else { ROWS };
    let mut rows: Vec<Value> = r
        .at_risk
        .iter()
        .take(shown)
        .map(|x| {
            let why = c.t(x.why.reason());
            let mut cells = vec![
                c.name(x.account).into_owned(),
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
    if r.at_risk.len() > shown {
        let rest = &r.at_risk[shown..];
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
        "caption": caption,
        "chart_title": c.tr("risk.satisfaction", &[("avg", &r.satisfaction_avg.map_or_else(|| "–".into(), |a| f.number(a, 1)))]),
        "table_title": c.t("risk.queue"),
        "headers": headers,
        "aligns": aligns,
        "rows": rows,
        "empty": r.at_risk.is_empty().then(|| c.t("risk.none")),
        "rank": c.t(&format!("risk.rank.{}", c.p.settings.risk_rank.key())),
    });
    Ok(vec![s])
}

/// Onboarding and risk: satisfaction of accounts in onboarding, accounts at risk, MRR at risk.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let r = &c.f.risk;
    let p = c.p;
    let active = active_array(c.p, m);
    let mut kpis = Vec::new();
    if let Some(a) = mrr_array(c.p, m) {
        let flagged = format!("{active}*{}*{a}", endangered_array(m));
        kpis.push((c.t("col.mrr_at_risk"), V::F(format!("SUMPRODUCT({flagged})"), r.mrr_at_risk), CellFmt::Money));
        if let Some(w) = r.weighted_mrr_at_risk {
            kpis.push((
                c.t("col.weighted"),
                V::F(format!("SUMPRODUCT({flagged}*{})", weight_array(m)), w),
                CellFmt::Money,
            ));
        }
    }
    kpis.push((
        c.t("kpi.at_risk"),
        V::F(format!("SUMPRODUCT({active}*{})", endangered_array(m)), count_f64(r.at_risk.len())),
        CellFmt::Integer,
    ));
    c.key_values(m, &c.t("risk.queue"), kpis)?;

    let today = m.refs.key(l::SELLER, "report_date");
    let cols = vec![
        Col::new(c.t("col.account"), CellFmt::Text),
        Col::new(c.t("col.tier"), CellFmt::Text),
        Col::new(c.t("col.mrr"), CellFmt::Money),
        Col::new(c.t("col.probability"), CellFmt::Percent),
        Col::new(c.t("col.weighted"), CellFmt::Money),
        Col::new(c.t("col.days"), CellFmt::Integer),
        Col::new(c.t("col.why"), CellFmt::Text),
    ];
    let first = m.begin(&c.t(&format!("risk.rank.{}", p.settings.risk_rank.key())), cols)?;
    for (k, x) in r.at_risk.iter().enumerate() {
        let a = &p.accounts[x.account];
        let row = first + u32::try_from(k).unwrap_or(0);
        let prob = Mirror::at(3, row);
        let days = match (&today, a.health.as_ref().and_then(|h| h.flagged_on), x.days_flagged) {
            (Some(t), Some(_), Some(d)) => {
                link(m.refs.account(&a.id, "flagged_on").map(|f| format!("{t}-{f}")), d as f64)
            }
            (_, _, d) => V::num(d.map(|d| d as f64)),
        };
        m.row(vec![
            V::text(&a.name),
            V::text(c.tier(x.tier)),
            link(mrr_of(c.p, m, &a.id), x.mrr),
            link(
                m.refs.account(&a.id, "churn_probability").filter(|_| x.probability.is_some()),
                x.probability.unwrap_or(1.0),
            ),
            V::F(format!("{}*IF({prob}=\"\",1,{prob})", Mirror::at(2, row)), x.mrr * x.probability.unwrap_or(1.0)),
            days,
            V::text(c.t(x.why.reason())),
        ])?;
    }
    let _ = m.end()?;

    if !r.satisfaction.is_empty() {
        let target = m.refs.setting("satisfaction_target");
        let cols = vec![
            Col::new(c.t("col.account"), CellFmt::Text),
            Col::new(c.t("col.satisfaction"), CellFmt::Decimal),
            Col::new(c.t("col.target"), CellFmt::Decimal),
        ];
        let rows = r
            .satisfaction
            .iter()
            .map(|(i, s)| {
                let a = &p.accounts[*i];
                vec![
                    V::text(&a.name),
                    link(m.refs.account(&a.id, "satisfaction"), *s),
                    link(Some(target.clone()), p.settings.satisfaction_target),
                ]
            })
            .collect();
        let avg = r.satisfaction_avg.map_or_else(String::new, |v| c.fmt.number(v, 1));
        let at = m.table(&c.tr("risk.satisfaction", &[("avg", &avg)]), cols, rows)?;
        m.summary(c.t("col.average"), "AVERAGE", 1, at, r.satisfaction_avg.unwrap_or(0.0), CellFmt::Decimal)?;
        let mut ch = chart(ChartType::Bar, &c.t("col.satisfaction"));
        ch.add_series()
            .set_name(&c.t("col.satisfaction"))
            .set_categories(&m.series(0, at))
            .set_values(&m.series(1, at));
        ch.add_series().set_name(&c.t("col.target")).set_categories(&m.series(0, at)).set_values(&m.series(2, at));
        m.chart(&mut ch)?;
    }
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    [
        gap(c.f.risk.satisfaction.is_empty(), c.t("gap.risk.no_surveys")),
        gap(c.p.accounts.iter().all(|a| a.health.is_none()), c.t("gap.risk.no_health")),
    ]
    .into_iter()
    .flatten()
    .collect()
}
