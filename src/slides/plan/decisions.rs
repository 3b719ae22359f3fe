//! Decision-making process: the client's org chart with relationships, decision power,
//! key contacts, and the non-hierarchical influences that reach the people to win.
//!
//! The layout (`figures::orgchart`) is computed here in points and handed to the template,
//! which draws boxes and lines with Typst primitives, so names stay crisp text.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use super::account;
use crate::charts::ChartError;
use crate::figures::orgchart::{Layout, Metrics, layout};
use crate::input::excel::layout as l;
use crate::model::{Account, Relationship, Stakeholder};
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, link, link_text};

/// The `decisions` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "decisions", templates: &["plan/decisions.typ"], build, sheet, gaps: no_gaps };

/// The drawing area for the internal tree and the external band, in points.
const AREA_W: f64 = 540.0;
const TREE_H: f64 = 250.0;
const BAND_H: f64 = 64.0;
/// Room left of the chart for influence lines that climb between levels.
const PAD: f64 = 12.0;

/// Box sizes to try, largest first: boxes shrink before the chart splits over slides, but
/// never below what holds a name at 9 pt (DECK-DESIGN's smallest type).
const SIZES: [(f64, f64); 4] = [(156.0, 58.0), (138.0, 52.0), (124.0, 48.0), (114.0, 46.0)];

fn metrics(w: f64, h: f64, stack: bool) -> Metrics {
    Metrics { w, h, gap: (w * 0.08).max(7.0), level: h + 20.0, stack_leaves: stack }
}

/// Height the tree may take: the external band's room too when there are no externals.
fn tree_height(a: &Account) -> f64 {
    if a.stakeholders.iter().any(|s| s.external) { TREE_H } else { TREE_H + BAND_H + 30.0 }
}

/// The first metrics at which `only` fits, trying flat then stacked layouts.
fn fitting(a: &Account, only: Option<&[usize]>) -> Option<(Metrics, Layout)> {
    let height = tree_height(a);
    for stack in [false, true] {
        for (w, h) in SIZES {
            let m = metrics(w, h, stack);
            let l = layout(a, &m, only);
            if l.size.0 <= AREA_W - PAD && l.size.1 <= height {
                return Some((m, l));
            }
        }
    }
    None
}

/// Most people a decision map shows, and most slides it takes: beyond, the map shows the
/// people to win, their managers and the top of the organisation, and says so.
const MAX_PEOPLE: usize = 60;
const MAX_SLIDES: usize = 4;
/// Most names the call-out lists, of the people to win and of the influence paths.
const MAX_LISTED: usize = 6;

/// Groups of `internal` stakeholders that each fit one slide: the whole tree, or its branches.
fn pages(a: &Account, internal: Vec<usize>) -> Vec<(Metrics, Layout)> {
    // Split until every part fits, then merge neighbouring parts while they still fit, so
    // a wide organisation takes as few slides as it can.
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for part in split(a, internal, 0) {
        if let Some(last) = merged.last_mut() {
            let mut union = last.clone();
            union.extend(part.iter().copied().filter(|i| !last.contains(i)));
            if fitting(a, Some(&union)).is_some() {
                *last = union;
                continue;
            }
        }
        merged.push(part);
    }
    let mut out = Vec::new();
    for group in merged {
        let fit = fitting(a, Some(&group)).unwrap_or_else(|| {
            // A chain deeper than the slide allows: the smallest boxes, and the levels that
            // fit; the slide's note counts who is left out.
            let m = metrics(SIZES[3].0, SIZES[3].1, true);
            let mut l = layout(a, &m, Some(&group));
            let height = tree_height(a);
            l.boxes.retain(|b| b.y + m.h <= height);
            let kept: std::collections::HashSet<usize> = l.boxes.iter().map(|b| b.stakeholder).collect();
            l.edges.retain(|(p, r, _)| kept.contains(p) && kept.contains(r));
            l.size.1 = l.boxes.iter().map(|b| b.y + m.h).fold(0.0, f64::max);
            (m, l)
        });
        out.push(fit);
    }
    out
}

/// Splits `group` until each part fits: the manager with the most reports in the group
/// keeps half of them (with their subtrees) on one part and half on the next; everyone
/// above stays on both, so each slide still reads from the top.
fn split(a: &Account, group: Vec<usize>, depth: usize) -> Vec<Vec<usize>> {
    if depth > 8 || fitting(a, Some(&group)).is_some() {
        return vec![group];
    }
    let s = &a.stakeholders;
    let reports = |m: usize| -> Vec<usize> {
        group.iter().copied().filter(|&i| s[i].reports_to.as_deref() == Some(s[m].id.as_str())).collect()
    };
    // The highest manager with two or more reports: split by branch from the top down.
    let level = |mut i: usize| {
        let mut d = 0;
        while let Some(b) = s[i].reports_to.as_deref().and_then(|id| group.iter().copied().find(|&k| s[k].id == id)) {
            d += 1;
            i = b;
            if d > group.len() {
                break;
            }
        }
        d
    };
    let Some(manager) = group.iter().copied().filter(|&m| reports(m).len() >= 2).min_by_key(|&m| (level(m), m)) else {
        return vec![group];
    };
    let direct = reports(manager);
    if direct.len() < 2 {
        return vec![group];
    }
    let subtree = |r: usize| -> Vec<usize> {
        let mut members = Vec::new();
        let mut stack = vec![r];
        while let Some(i) = stack.pop() {
            if !members.contains(&i) {
                members.push(i);
                stack.extend(group.iter().copied().filter(|&k| s[k].reports_to.as_deref() == Some(s[i].id.as_str())));
            }
        }
        members
    };
    let (left, right) = direct.split_at(direct.len() / 2);
    let without = |other: &[usize]| -> Vec<usize> {
        let drop: Vec<usize> = other.iter().flat_map(|&r| subtree(r)).collect();
        group.iter().copied().filter(|i| !drop.contains(i)).collect()
    };
    let mut parts = split(a, without(right), depth + 1);
    parts.extend(split(a, without(left), depth + 1));
    parts
}

/// Short label of a stakeholder: their organisation for externals, else their title.
fn short(s: &Stakeholder) -> String {
    if s.external { s.organization.clone().unwrap_or_else(|| s.name.clone()) } else { s.title.clone() }
}

/// Influence paths that reach `targets`, as the call-out lists them.
fn paths(a: &Account, targets: &[usize]) -> Vec<String> {
    let s = &a.stakeholders;
    let note = |n: Option<&str>| n.map(|n| format!(" ({n})")).unwrap_or_default();
    crate::figures::decisions::influence_paths(a, targets)
        .into_iter()
        .map(|(chain, n)| format!("{}{}", chain.iter().map(|&i| short(&s[i])).collect::<Vec<_>>().join(" → "), note(n)))
        .collect()
}

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    if a.stakeholders.is_empty() {
        return Ok(vec![]);
    }
    let win = crate::figures::decisions::to_win(a);
    let names: Vec<String> =
        win.iter().take(3).map(|&i| format!("{} ({})", a.stakeholders[i].name, short(&a.stakeholders[i]))).collect();
    let title = if names.is_empty() {
        c.t("decisions.title_all")
    } else {
        c.tn("decisions.title", win.len(), &[("names", &names.join(", "))])
    };
    let mut routes = paths(a, &win);
    let more_routes = routes.len().saturating_sub(MAX_LISTED);
    routes.truncate(MAX_LISTED);
    routes.extend((more_routes > 0).then(|| c.more(more_routes)));
    let ids: std::collections::HashMap<&str, usize> =
        a.stakeholders.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    let index = |id: &str| ids.get(id).copied();
    let people = a.stakeholders.iter().filter(|s| !s.external).count();
    let mut pages = pages(a, crate::figures::decisions::map_people(a, &win, MAX_PEOPLE));
    pages.truncate(MAX_SLIDES);
    let mut on_map = vec![false; a.stakeholders.len()];
    for (_, l) in &pages {
        l.boxes.iter().for_each(|b| on_map[b.stakeholder] = true);
    }
    let shown_people = on_map.iter().filter(|&&x| x).count();
    let shown_note = (shown_people < people)
        .then(|| c.tr("decisions.shown", &[("n", &c.fmt.count(shown_people)), ("total", &c.fmt.count(people))]));
    let mut win_listed: Vec<String> = win
        .iter()
        .take(MAX_LISTED)
        .map(|&i| format!("{} — {}", a.stakeholders[i].name, a.stakeholders[i].title))
        .collect();
    win_listed.extend((win.len() > MAX_LISTED).then(|| c.more(win.len() - MAX_LISTED)));
    let total = pages.len();
    let mut slides = Vec::new();
    for (k, (m, l)) in pages.into_iter().enumerate() {
        let shown: Vec<usize> = l.boxes.iter().map(|b| b.stakeholder).collect();
        let ext_y = TREE_H + 30.0;
        let place_of = |i: usize| -> Option<(f64, f64)> {
            l.boxes
                .iter()
                .find(|b| b.stakeholder == i)
                .map(|b| (b.x, b.y))
                .or_else(|| l.external.iter().find(|b| b.stakeholder == i).map(|b| (b.x, ext_y)))
        };
        // Centre the tree horizontally in the area (right of the influence corridor).
        let dx = ((AREA_W - PAD - l.size.0) / 2.0).max(0.0);
        let boxes: Vec<Value> = l
            .boxes
            .iter()
            .map(|b| (b.stakeholder, b.x + dx + PAD, b.y))
            .chain(l.external.iter().map(|b| (b.stakeholder, b.x + PAD, ext_y)))
            .map(|(i, x, y)| {
                let s = &a.stakeholders[i];
                let tone = match s.relationship {
                    Some(Relationship::Positive) => "positive",
                    Some(Relationship::Neutral) => "neutral",
                    Some(Relationship::Negative) => "negative",
                    Some(Relationship::Unknown) | None => "unknown",
                };
                json!({
                    "x": x, "y": y, "w": m.w, "h": m.h,
                    "name": s.name,
                    "title": if s.external { format!("{} · {}", s.title, s.organization.clone().unwrap_or_default()) } else { s.title.clone() },
                    "tone": tone, "power": s.power.unwrap_or(0), "key": s.key_contact, "win": win.contains(&i),
                })
            })
            .collect();
        // Reporting lines: from the manager's bottom to the report's top (elbow), or along
        // the left edge for a stacked column.
        let lines: Vec<Value> = l
            .edges
            .iter()
            .filter_map(|&(p, r, stacked)| {
                let (px, py) = l.boxes.iter().find(|b| b.stakeholder == p).map(|b| (b.x + dx + PAD, b.y))?;
                let (rx, ry) = l.boxes.iter().find(|b| b.stakeholder == r).map(|b| (b.x + dx + PAD, b.y))?;
                if stacked {
                    // Down from the manager, along a bus to the report's column, down its left side.
                    let (x0, bus, x1) = (px + m.gap / 2.0, py + m.h + m.gap / 2.0, rx - m.gap / 2.0);
                    Some(json!([[x0, py + m.h], [x0, bus], [x1, bus], [x1, ry + m.h / 2.0], [rx, ry + m.h / 2.0]]))
                } else {
                    let (x0, x1) = (px + m.w / 2.0, rx + m.w / 2.0);
                    let mid = py + m.h + (ry - py - m.h) / 2.0;
                    Some(json!([[x0, py + m.h], [x0, mid], [x1, mid], [x1, ry]]))
                }
            })
            .collect();
        // Influences between people on this slide: dotted, routed through the gaps between
        // levels and a corridor left of the chart, so they never cross a box.
        let corridor = 4.0;
        let gap_y = (m.level - m.h) / 2.0;
        let influences: Vec<Value> = a
            .influences
            .iter()
            .enumerate()
            .filter_map(|(k, inf)| {
                let (f, t) = (index(&inf.from)?, index(&inf.to)?);
                let on = |i: usize| shown.contains(&i) || a.stakeholders[i].external;
                if !on(f) || !on(t) {
                    return None;
                }
                let at = |i: usize| place_of(i).map(|(x, y)| (x + PAD + if a.stakeholders[i].external { 0.0 } else { dx }, y));
                let ((fx, fy), (tx, ty)) = (at(f)?, at(t)?);
                let below = fy > ty;
                // Lanes off the middle of the gap, where reporting lines run; alternate so
                // two influences through one gap stay apart.
                let lane = if k % 2 == 0 { -0.55 } else { 0.55 } * gap_y;
                let sx = fx + m.w / 2.0;
                let external = a.stakeholders[f].external;
                let (sy, s_gap) = if external {
                    (fy, TREE_H + 2.0)
                } else if below || (fy - ty).abs() < 1e-6 {
                    (fy, fy - gap_y + lane)
                } else {
                    (fy + m.h, fy + m.h + gap_y + lane)
                };
                let ex = tx + m.w * 0.7;
                let (ey, e_gap) = if below { (ty + m.h, ty + m.h + gap_y + lane) } else { (ty, ty - gap_y + lane) };
                let pts: Vec<[f64; 2]> = if (s_gap - e_gap).abs() < 1e-6 {
                    vec![[sx, sy], [sx, s_gap], [ex, e_gap], [ex, ey]]
                } else {
                    vec![[sx, sy], [sx, s_gap], [corridor, s_gap], [corridor, e_gap], [ex, e_gap], [ex, ey]]
                };
                // The note sits on the last horizontal run, next to the arrow.
                let run_start = if (s_gap - e_gap).abs() < 1e-6 { sx } else { corridor };
                let label = [(run_start + ex) / 2.0, e_gap];
                Some(json!({ "points": pts, "label": label, "note": inf.note, "tone": match inf.kind {
                    Some(Relationship::Negative) => "negative", Some(Relationship::Neutral) => "neutral", _ => "positive" } }))
            })
            .collect();
        let title = if total > 1 {
            c.tr("decisions.part", &[("title", &title), ("k", &(k + 1).to_string()), ("n", &total.to_string())])
        } else {
            title.clone()
        };
        let mut s = Slide::new(
            "plan/decisions.typ",
            c.t("kicker.decisions"),
            title,
            json!({
                "area": [AREA_W, if l.external.is_empty() { l.size.1 } else { TREE_H + BAND_H + 30.0 }],
                "band": (!l.external.is_empty()).then(|| json!({ "y": TREE_H + 8.0, "label": c.tr("decisions.outside", &[("client", &a.name)]) })),
                "boxes": boxes,
                "lines": lines,
                "influences": influences,
                "callout": c.t("decisions.callout"),
                "win": win_listed,
                "shown": shown_note,
                "paths_title": c.t("decisions.paths"),
                "paths": routes,
                "no_paths": c.t("decisions.no_paths"),
                "legend": {
                    "positive": c.t("relationship.positive"), "neutral": c.t("relationship.neutral"),
                    "negative": c.t("relationship.negative"), "unknown": c.t("relationship.unknown"),
                    "power": c.t("decisions.power"), "key": c.t("decisions.key"), "influence": c.t("decisions.influence"),
                    "reports": c.t("decisions.reports"), "win": c.t("decisions.win"),
                },
            }),
        );
        s.outlined = k == 0;
        slides.push(s);
    }
    Ok(slides)
}

/// Decision-making process: every stakeholder and influence, linked to their sheets.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let rows_at: Vec<u32> = m.refs.rows(l::STAKEHOLDERS, &a.id).to_vec();
    let cols = vec![
        Col::new(c.t("col.name"), CellFmt::Text),
        Col::new(c.t("col.title"), CellFmt::Text),
        Col::new(c.t("col.reports_to"), CellFmt::Text),
        Col::new(c.t("col.organization"), CellFmt::Text),
        Col::new(c.t("col.power"), CellFmt::Integer),
        Col::new(c.t("col.relationship"), CellFmt::Text),
        Col::new(c.t("col.key_contact"), CellFmt::Text),
    ];
    let name_of = |id: &str| a.stakeholders.iter().find(|s| s.id == id).map_or(id, |s| s.name.as_str()).to_owned();
    let rows = a
        .stakeholders
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let cell = |h: &str| rows_at.get(k).and_then(|r| m.refs.cell(l::STAKEHOLDERS, *r, h));
            vec![
                link_text(cell("name"), &s.name),
                link_text(cell("title"), &s.title),
                V::text(s.reports_to.as_deref().map(&name_of).unwrap_or_default()),
                V::text(s.organization.clone().unwrap_or_default()),
                s.power.map_or(V::Empty, |p| link(cell("power"), p as f64)),
                V::text(s.relationship.map(|r| c.t(&format!("relationship.{}", r.key()))).unwrap_or_default()),
                V::text(if s.key_contact { c.t("workbook.yes") } else { String::new() }),
            ]
        })
        .collect();
    m.table(&c.t("kicker.decisions"), cols, rows)?;
    if !a.influences.is_empty() {
        let cols = vec![
            Col::new(c.t("col.from"), CellFmt::Text),
            Col::new(c.t("col.to"), CellFmt::Text),
            Col::new(c.t("col.relationship"), CellFmt::Text),
            Col::new(c.t("col.note"), CellFmt::Text),
        ];
        let rows = a
            .influences
            .iter()
            .map(|i| {
                vec![
                    V::text(name_of(&i.from)),
                    V::text(name_of(&i.to)),
                    V::text(i.kind.map(|r| c.t(&format!("relationship.{}", r.key()))).unwrap_or_default()),
                    V::text(i.note.clone().unwrap_or_default()),
                ]
            })
            .collect();
        m.table(&c.t("workbook.influences"), cols, rows)?;
    }
    Ok(())
}
