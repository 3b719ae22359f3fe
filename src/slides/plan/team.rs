//! The account team with contacts, and the RACI of the account's activities.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::figures::team::raci_issues;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V};

/// The `plan_team` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "plan_team", templates: &["review/team.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    // The team: the owner first, then everyone named in the account's RACI or actions.
    let mut ids: Vec<&str> = a.owner.iter().map(String::as_str).collect();
    for row in a.raci.values() {
        ids.extend(row.keys());
    }
    ids.extend(a.actions.iter().filter_map(|x| x.owner.as_deref()));
    ids.extend(a.milestones.iter().filter_map(|x| x.owner.as_deref()));
    let mut team: Vec<&crate::model::Member> = Vec::new();
    for id in ids {
        if let Some(m) = c.p.member(id)
            && !team.iter().any(|t| t.id == m.id)
        {
            team.push(m);
        }
    }
    // The owner alone, with no RACI, is already on the title slide: no slide for that.
    if team.is_empty() || (team.len() == 1 && a.raci.is_empty()) {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let issues = raci_issues(&a.raci);
    let title = if a.raci.is_empty() {
        c.tn("plan_team.title_plain", team.len(), &[])
    } else if issues.is_empty() {
        c.tn("plan_team.title_ok", team.len(), &[])
    } else {
        c.tn("plan_team.title_issues", issues.len(), &[("members", &f.count(team.len()))])
    };
    let contacts: Vec<Value> = team
        .iter()
        .map(|m| json!([m.name, m.role.clone().unwrap_or_default(), m.email.clone().unwrap_or_default()]))
        .collect();
    let matrix = crate::slides::review::team::raci_matrix(c, &a.raci, &team, 8, 12);
    let mut s = Slide::new(
        "review/team.typ",
        c.t("kicker.plan_team"),
        title,
        json!({
            "chart": null,
            "chart_title": "",
            "coverage_title": c.t("plan_team.contacts"),
            "coverage_headers": [c.t("col.member"), c.t("col.role"), c.t("col.email")],
            "coverage_mores": c.mores(contacts.len(), contacts.len()),
            "coverage": contacts,
            "coverage_aligns": ["left", "left", "left"],
            "size": 11,
            "raci_title": c.t("plan_team.raci"),
            "raci_headers": matrix["headers"],
            "raci": matrix["rows"],
            "raci_key": matrix["key"],
            "raci_more": matrix["more"],
            "flag": c.t("team.flag"),
        }),
    );
    if a.raci.is_empty() {
        s.note(c.t("note.no_account_raci"));
    }
    Ok(vec![s])
}

/// The account team with contacts, and the account's RACI.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.member"), CellFmt::Text),
        Col::new(c.t("col.role"), CellFmt::Text),
        Col::new(c.t("col.email"), CellFmt::Text),
    ];
    let rows = p
        .team
        .iter()
        .map(|t| {
            vec![
                V::text(&t.name),
                V::text(t.role.clone().unwrap_or_default()),
                V::text(t.email.clone().unwrap_or_default()),
            ]
        })
        .collect();
    m.table(&c.t("kicker.plan_team"), cols, rows)?;
    crate::slides::review::team::raci(c, m, &a.raci, &c.t("col.activity"))
}
