//! Risks and next actions: the account's risk flags and its action list.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::input::excel::layout as l;
use crate::model::{Level, OnboardingStatus, Relationship};
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, link, link_text};

/// The `actions` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "actions", templates: &["plan/actions.typ"], build, sheet, gaps: no_gaps };

const ROWS: usize = 10;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (i, a) = account(c);
    let f = &c.fmt;
    let mut risks: Vec<String> = Vec::new();
    if let Some(e) = c.f.risk.endangered.get(i).copied().flatten() {
        if e.high_churn {
            risks.push(c.t("flag.churn"));
        }
        if e.low_engagement {
            let eng = a.health.as_ref().and_then(|h| h.engagement).unwrap_or(0.0);
            risks.push(c.tr(
                "actions.engagement",
                &[("e", &f.pct(eng, 0)), ("t", &f.pct(c.p.settings.engagement_threshold, 0))],
            ));
        }
    } else if a.health.as_ref().and_then(|h| h.churn_risk) == Some(Level::Medium) {
        risks.push(c.t("actions.medium_churn"));
    }
    if let Some(p) = a.health.as_ref().and_then(|h| h.churn_probability) {
        risks.push(c.tr("actions.probability", &[("p", &f.pct(p, 0)), ("mrr", &f.money_short(a.mrr_total() * p))]));
    }
    if let (Some(today), Some(renewal)) = (c.p.report_date, a.renewal_date)
        && renewal >= today
        && renewal < today.add_months(6)
    {
        risks.push(c.tr(
            "actions.renewal",
            &[
                ("date", &f.date(renewal)),
                ("days", &c.units("days", usize::try_from(renewal.days_since(today)).unwrap_or(0))),
            ],
        ));
    }
    if a.onboarding.as_ref().and_then(|o| o.status) == Some(OnboardingStatus::Blocked) {
        risks.push(c.t("actions.blocked"));
    }
    for st in
        a.stakeholders.iter().filter(|s| s.power.unwrap_or(0) >= 4 && s.relationship == Some(Relationship::Negative))
    {
        risks.push(c.tr("actions.opponent", &[("name", &st.name), ("title", &st.title)]));
    }
    if risks.is_empty() && a.actions.is_empty() {
        return Ok(vec![]);
    }
    let overdue = |d: Option<crate::model::Date>, status: Option<&str>| {
        matches!((c.p.report_date, d), (Some(t), Some(d)) if d < t)
            && !matches!(status, Some("done" | "closed" | "complete"))
    };
    let mut actions: Vec<&crate::model::Action> = a.actions.iter().collect();
    actions.sort_by(|x, y| x.due.cmp(&y.due).then_with(|| x.action.cmp(&y.action)));
    let late = actions.iter().filter(|x| overdue(x.due, x.status.as_deref())).count();
    let title = if actions.is_empty() {
        c.tn("actions.title_risks", risks.len(), &[])
    } else {
        c.tn(
            "actions.title",
            risks.len(),
            &[
                ("actions", &f.count(actions.len())),
                ("next_actions", &c.units("next_actions", actions.len())),
                ("late", &f.count(late)),
            ],
        )
    };
    let rows: Vec<Value> = actions
        .iter()
        .take(ROWS)
        .map(|x| {
            json!([
                x.action,
                c.member_name(x.owner.as_deref()),
                x.due.map_or_else(String::new, |d| f.date(d)),
                x.status.clone().unwrap_or_default()
            ])
        })
        .collect();
    let tints: Vec<Value> = actions
        .iter()
        .take(ROWS)
        .map(|x| if overdue(x.due, x.status.as_deref()) { json!("negative") } else { Value::Null })
        .collect();
    let mut s = Slide::new(
        "plan/actions.typ",
        c.t("kicker.actions"),
        title,
        json!({
            "risks_title": c.t("actions.risks"),
            "risks": risks,
            "no_risks": c.t("actions.no_risks"),
            "actions_title": c.t("actions.next"),
            "headers": [c.t("col.action"), c.t("col.owner"), c.t("col.due"), c.t("col.status")],
            "rows": rows,
            "tints": tints,
            "late": (late > 0).then(|| c.t("actions.late_key")),
        }),
    );
    if actions.len() > ROWS {
        s.note(c.tr("note.top_rows", &[("n", &f.count(ROWS)), ("total", &f.count(actions.len()))]));
    }
    Ok(vec![s])
}

/// Risks and next actions.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::ACTIONS, &a.id).to_vec();
    let cols = vec![
        Col::new(c.t("col.action"), CellFmt::Text),
        Col::new(c.t("col.owner"), CellFmt::Text),
        Col::new(c.t("col.due"), CellFmt::Date),
        Col::new(c.t("col.status"), CellFmt::Text),
    ];
    let rows = a
        .actions
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::ACTIONS, *r, h));
            vec![
                link_text(cell("action"), &x.action),
                V::text(c.member_name(x.owner.as_deref())),
                x.due.map_or(V::Empty, |d| link(cell("due"), l::serial(d))),
                V::text(x.status.clone().unwrap_or_default()),
            ]
        })
        .collect();
    m.table(&c.t("kicker.actions"), cols, rows)?;
    Ok(())
}
