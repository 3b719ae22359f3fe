//! Team responsibilities: coverage per member and the program's RACI matrix.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::{ChartError, HBars, hbars};
use crate::model::{Member, OrderedMap, Raci};

/// Members (RACI columns) and activities (rows) shown at most.
const MAX_MEMBERS: usize = 6;
const MAX_ACTIVITIES: usize = 10;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let t = &c.f.team;
    if c.p.team.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let total_mrr: f64 = t.coverage.iter().map(|x| x.mrr).sum();
    let lead = t.coverage.iter().max_by(|a, b| a.mrr.total_cmp(&b.mrr).then(b.member.cmp(&a.member)));
    let raci_part = if c.p.program.raci.is_empty() {
        String::new()
    } else if t.raci_issues.is_empty() {
        c.t("team.raci_ok")
    } else {
        c.tn("team.raci_issues", t.raci_issues.len(), &[])
    };
    let title = match lead.filter(|_| total_mrr > 0.0) {
        Some(l) => c.tr(
            "team.title",
            &[("name", &c.p.team[l.member].name), ("s", &f.pct(l.mrr / total_mrr, 0)), ("raci", &raci_part)],
        ),
        None => c.tr("team.title_plain", &[("n", &f.count(c.p.team.len())), ("raci", &raci_part)]),
    };
    let coverage: Vec<Value> = t
        .coverage
        .iter()
        .take(10)
        .map(|x| {
            let m = &c.p.team[x.member];
            json!([
                m.name,
                m.role.clone().unwrap_or_default(),
                f.count(x.accounts),
                f.money_short(x.mrr),
                f.count(x.a_tier)
            ])
        })
        .collect();
    let members: Vec<&Member> = c.p.team.iter().collect();
    let mut s = Slide::new("review/team.typ", c.t("kicker.team"), title, Value::Null);
    let chart = if total_mrr > 0.0 {
        let shown: Vec<_> = t.coverage.iter().take(8).collect();
        let money = |v: f64| f.money_short(v);
        let bars = HBars {
            labels: shown.iter().map(|x| c.p.team[x.member].name.clone()).collect(),
            values: shown.iter().map(|x| x.mrr).collect(),
            max: shown.iter().map(|x| x.mrr).fold(0.0, f64::max),
            target: None,
            fmt: &money,
        };
        Some(s.chart("team-mrr", hbars(&bars, 360.0, 150.0, c.style)?))
    } else {
        None
    };
    if t.unowned > 0 {
        s.note(c.tn("note.unowned", t.unowned, &[]));
    }
    if c.p.program.raci.is_empty() {
        s.note(c.t("note.no_raci"));
    }
    let matrix = raci_matrix(c, &c.p.program.raci, &members);
    s.data = json!({
        "chart": chart,
        "chart_title": c.t("team.mrr"),
        "coverage_title": c.t("team.coverage"),
        "coverage_headers": [c.t("col.member"), c.t("col.role"), c.t("col.accounts"), c.t("col.mrr"), c.t("col.a_tier")],
        "coverage": coverage,
        "coverage_aligns": ["left", "left", "right", "right", "right"],
        "size": 9.5,
        "raci_title": c.t("team.raci"),
        "raci_headers": matrix["headers"],
        "raci": matrix["rows"],
        "raci_key": matrix["key"],
        "flag": c.t("team.flag"),
    });
    Ok(vec![s])
}

/// A RACI matrix for the team template: activities × the first members (by initials),
/// rows flagged unless exactly one member is accountable, and the key to the initials.
pub(crate) fn raci_matrix(c: &Ctx<'_>, raci: &OrderedMap<OrderedMap<Raci>>, members: &[&Member]) -> Value {
    let members = &members[..members.len().min(MAX_MEMBERS)];
    let rows: Vec<Value> = raci
        .iter()
        .take(MAX_ACTIVITIES)
        .map(|(activity, row)| {
            let n_a = row.values().filter(|r| **r == Raci::A).count();
            let mut cells = vec![activity.to_owned()];
            cells.extend(members.iter().map(|m| row.get(&m.id).map_or_else(String::new, |r| r.letter().to_owned())));
            json!({ "cells": cells, "flag": n_a != 1 })
        })
        .collect();
    let mut headers = vec![c.t("col.activity")];
    headers.extend(members.iter().map(|m| initials(&m.name)));
    let key = std::iter::once(c.t("team.raci_key"))
        .chain(members.iter().map(|m| format!("{} = {}", initials(&m.name), m.name)))
        .collect::<Vec<_>>()
        .join(" · ");
    json!({ "headers": headers, "rows": rows, "key": key })
}

/// "Jordan Lee" → "JL".
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(3).collect::<String>().to_uppercase()
}
