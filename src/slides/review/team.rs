//! Team responsibilities: coverage per member and the program's RACI matrix.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, HBars, hbars};
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::model::{Member, OrderedMap, Raci};
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, active_array, chart, lit, mrr_array};

/// The `team` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "team", templates: &["review/team.typ", "review/team_raci.typ"], build, sheet, gaps };

/// A RACI this small sits beside the coverage table.
const BESIDE_MEMBERS: usize = 6;
const BESIDE_ACTIVITIES: usize = 10;
/// On a slide of its own, a RACI shows at most this many members (columns) and activities.
const MAX_MEMBERS: usize = 16;
const MAX_ACTIVITIES: usize = 15;
/// Members with MRR drawn as bars beside the coverage table.
const MAX_BARS: usize = 12;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let t = &c.f.team;
    if c.p.team.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let raci = &c.p.program.raci;
    let members: Vec<&Member> = c.p.team.iter().collect();
    let beside = raci.len() <= BESIDE_ACTIVITIES && members.len() <= BESIDE_MEMBERS;
    let total_mrr: f64 = t.coverage.iter().map(|x| x.mrr).sum();
    let lead = t.coverage.iter().max_by(|a, b| a.mrr.total_cmp(&b.mrr).then(b.member.cmp(&a.member)));
    let raci_part = if raci.is_empty() || !beside {
        String::new()
    } else if t.raci_issues.is_empty() {
        c.t("team.raci_ok")
    } else {
        c.tn("team.raci_issues", t.raci_issues.len(), &[])
    };
    // When the owners hold about the same share, naming one "lead" would be no finding.
    let owners: Vec<f64> = t.coverage.iter().filter(|x| x.mrr > 0.0).map(|x| x.mrr / total_mrr.max(1e-9)).collect();
    let even = owners.len() > 1
        && owners.iter().fold(0.0, |a: f64, b| a.max(*b)) - owners.iter().fold(1.0, |a: f64, b| a.min(*b)) < 0.02;
    let title = match lead.filter(|_| total_mrr > 0.0) {
        Some(_) if even => c.tr(
            "team.title_even",
            &[("n", &f.count(owners.len())), ("s", &f.pct(1.0 / owners.len() as f64, 0)), ("raci", &raci_part)],
        ),
        Some(l) => c.tr(
            "team.title",
            &[("name", &c.p.team[l.member].name), ("s", &f.pct(l.mrr / total_mrr, 0)), ("raci", &raci_part)],
        ),
        None => c.tr("team.title_plain", &[("n", &f.count(c.p.team.len())), ("raci", &raci_part)]),
    };
    // Every member: the template shows as many as fit and counts the rest.
    let coverage: Vec<Value> = t
        .coverage
        .iter()
        .map(|x| {
            let m = &c.p.team[x.member];
            let share = if total_mrr > 0.0 { f.pct(x.mrr / total_mrr, 0) } else { "–".to_owned() };
            json!([
                m.name,
                m.role.clone().unwrap_or_default(),
                f.count(x.accounts),
                f.money_short(x.mrr),
                share,
                f.count(x.a_tier)
            ])
        })
        .collect();
    let mut s = Slide::new("review/team.typ", c.t("kicker.team"), title, Value::Null);
    if t.unowned > 0 {
        s.note(c.tn("note.unowned", t.unowned, &[]));
    }
    if raci.is_empty() {
        s.note(c.t("note.no_raci"));
    }
    // Without the RACI beside it, the coverage shares its slide with the MRR each owner holds.
    let chart = if (!beside || raci.is_empty()) && total_mrr > 0.0 {
        let mut owners: Vec<_> = t.coverage.iter().filter(|x| x.mrr > 0.0).collect();
        owners.sort_by(|a, b| b.mrr.total_cmp(&a.mrr).then(a.member.cmp(&b.member)));
        owners.truncate(MAX_BARS);
        let money = |v: f64| f.money_short(v);
        let bars = HBars {
            labels: owners.iter().map(|x| c.p.team[x.member].name.clone()).collect(),
            values: owners.iter().map(|x| x.mrr).collect(),
            max: owners.iter().map(|x| x.mrr).fold(0.0, f64::max),
            target: None,
            fmt: &money,
        };
        let h = 24.0 + 26.0 * owners.len() as f64;
        Some(s.chart("team-mrr", hbars(&bars, 330.0, h, c.style)?))
    } else {
        None
    };
    let matrix = if beside && !raci.is_empty() {
        raci_matrix(c, raci, &members, BESIDE_MEMBERS, BESIDE_ACTIVITIES)
    } else {
        json!({ "rows": [] })
    };
    s.data = json!({
        "chart": chart,
        "chart_title": c.t("team.mrr"),
        "coverage_title": c.t("team.coverage"),
        "coverage_headers": [c.t("col.member"), c.t("col.role"), c.t("col.accounts"), c.t("col.mrr"), c.t("col.share"), c.t("col.a_tier")],
        "coverage": coverage,
        "coverage_mores": c.mores(coverage.len(), coverage.len()),
        "coverage_aligns": ["left", "left", "right", "right", "right", "right"],
        "size": null,
        "raci_title": c.t("team.raci"),
        "raci_headers": matrix.get("headers"),
        "raci": matrix["rows"],
        "raci_key": matrix.get("key"),
        "raci_more": matrix.get("more"),
        "flag": c.t("team.flag"),
    });
    let mut slides = vec![s];
    if !beside && !raci.is_empty() {
        // A larger RACI gets the whole width of a slide of its own.
        let issues = t.raci_issues.len();
        let title = if issues == 0 {
            c.tn("team.raci_title_ok", raci.len(), &[])
        } else {
            c.tn("team.raci_title_issues", issues, &[("total", &f.count(raci.len()))])
        };
        let matrix = raci_matrix(c, raci, &members, MAX_MEMBERS, MAX_ACTIVITIES);
        let mut r = Slide::new("review/team_raci.typ", c.t("kicker.team"), title, Value::Null);
        r.outlined = false;
        if let Some(more) = matrix.get("more").and_then(Value::as_str) {
            r.note(more.to_owned());
        }
        r.data = json!({
            "size": c.p.team.len() <= 12,
            "headers": matrix["headers"],
            "rows": matrix["rows"],
            "key": matrix["key"],
            "flag": c.t("team.flag"),
        });
        slides.push(r);
    }
    Ok(slides)
}

/// A RACI matrix for the team templates: activities × members (by initials), at most
/// `max_members` × `max_activities`, rows flagged unless exactly one member is accountable,
/// the key to the initials, and a note on what is not shown (the workbook has it all).
pub(crate) fn raci_matrix(
    c: &Ctx<'_>,
    raci: &OrderedMap<OrderedMap<Raci>>,
    members: &[&Member],
    max_members: usize,
    max_activities: usize,
) -> Value {
    let shown = &members[..members.len().min(max_members)];
    let rows: Vec<Value> = raci
        .iter()
        .take(max_activities)
        .map(|(activity, row)| {
            let n_a = row.values().filter(|r| **r == Raci::A).count();
            let mut cells = vec![activity.to_owned()];
            cells.extend(shown.iter().map(|m| row.get(&m.id).map_or_else(String::new, |r| r.letter().to_owned())));
            json!({ "cells": cells, "flag": n_a != 1 })
        })
        .collect();
    let mut headers = vec![c.t("col.activity")];
    headers.extend(shown.iter().map(|m| initials(&m.name)));
    let key = std::iter::once(c.t("team.raci_key"))
        .chain(shown.iter().map(|m| format!("{} = {}", initials(&m.name), m.name)))
        .collect::<Vec<_>>()
        .join(" · ");
    let f = &c.fmt;
    let more = (members.len() > shown.len() || raci.len() > rows.len()).then(|| {
        c.tr(
            "note.raci_more",
            &[
                ("a", &f.count(rows.len())),
                ("total_a", &f.count(raci.len())),
                ("m", &f.count(shown.len())),
                ("total_m", &f.count(members.len())),
            ],
        )
    });
    json!({ "headers": headers, "rows": rows, "key": key, "more": more })
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
    let active = active_array(c.p, m);
    let rows =
        c.f.team
            .coverage
            .iter()
            .map(|cv| {
                let mem = &p.team[cv.member];
                let id = lit(&mem.id);
                // Active accounts only, as on the slide: an account that left is no one's load.
                let count = owner.as_ref().map_or(V::Num(count_f64(cv.accounts)), |o| {
                    V::F(format!("SUMPRODUCT(({o}={id})*{active})"), count_f64(cv.accounts))
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
