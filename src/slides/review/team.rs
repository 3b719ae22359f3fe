//! Team responsibilities: coverage per member and the program's RACI matrix.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, HBars, hbars};
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::model::{Member, OrderedMap, Raci};
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, lit, mrr_array};

/// The `team` slide kind.
pub(crate) static KIND: SlideKind = SlideKind { id: "team", templates: &["review/team.typ"], build, sheet, gaps };

/// Members (RACI columns) and activities (rows) shown at most.
const MAX_MEMBERS: usize = 6;
const MAX_ACTIVITIES: usize = 10;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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

/// Team: coverage per member (live over the Accounts sheet) and the program's RACI.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let owner = m.refs.column(l::ACCOUNTS, "owner");
    let mrr = mrr_array(c.p, m);
    let cols = vec![
        Col::new(c.t("col.member"), CellFmt::Text),
        Col::new(c.t("col.role"), CellFmt::Text),
        Col::new(c.t("col.accounts"), CellFmt::Integer),
        Col::new(c.t("col.mrr"), CellFmt::Money),
        Col::new(c.t("col.a_tier"), CellFmt::Integer),
    ];
    let rows =
        c.f.team
            .coverage
            .iter()
            .map(|cv| {
                let mem = &p.team[cv.member];
                let id = lit(&mem.id);
                let count = owner.as_ref().map_or(V::Num(count_f64(cv.accounts)), |o| {
                    V::F(format!("COUNTIF({o},{id})"), count_f64(cv.accounts))
                });
                let mrr = match (&owner, &mrr) {
                    (Some(o), Some(a)) => V::F(format!("SUMPRODUCT(({o}={id})*{a})"), cv.mrr),
                    _ => V::Num(cv.mrr),
                };
                vec![
                    V::text(&mem.name),
                    V::text(mem.role.clone().unwrap_or_default()),
                    count,
                    mrr,
                    V::Num(count_f64(cv.a_tier)),
                ]
            })
            .collect();
    let at = m.table(&c.t("team.coverage"), cols, rows)?;
    if at.len > 0 {
        let mut ch = chart(ChartType::Bar, &c.t("team.mrr"));
        ch.x_axis().set_num_format(m.money_format());
        ch.add_series().set_name(&c.t("col.mrr")).set_categories(&m.series(0, at)).set_values(&m.series(3, at));
        m.chart(&mut ch)?;
    }
    raci(c, m, &p.program.raci, &c.t("team.raci"))
}

/// A RACI matrix (activities × members) with a count of A per activity.
pub(crate) fn raci(
    c: &Ctx<'_>,
    m: &mut Mirror<'_>,
    raci: &crate::model::OrderedMap<crate::model::OrderedMap<crate::model::Raci>>,
    caption: &str,
) -> Result<(), XlsxError> {
    if raci.is_empty() {
        return Ok(());
    }
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.activity"), CellFmt::Text)];
    cols.extend(p.team.iter().map(|t| Col::new(t.name.clone(), CellFmt::Text)));
    cols.push(Col::new(c.t("col.accountable"), CellFmt::Integer));
    let n = p.team.len();
    let first = m.begin(caption, cols)?;
    for (k, (activity, members)) in raci.iter().enumerate() {
        let row = first + u32::try_from(k).unwrap_or(0);
        let mut cells = vec![V::text(activity)];
        cells.extend(p.team.iter().map(|t| V::text(members.get(&t.id).map(|r| r.letter()).unwrap_or(""))));
        let a_count = members.values().filter(|r| **r == crate::model::Raci::A).count();
        let span = format!("{}:{}", Mirror::at(1, row), Mirror::at(n.max(1), row));
        cells.push(V::F(format!("COUNTIF({span},\"A\")"), count_f64(a_count)));
        m.row(cells)?;
    }
    let _ = m.end()?;
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    [gap(c.p.team.is_empty(), c.t("gap.team.no_team")), gap(c.p.program.raci.is_empty(), c.t("gap.team.no_raci"))]
        .into_iter()
        .flatten()
        .collect()
}
