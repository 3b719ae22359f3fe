//! Decisions and next steps: what the review asks of its audience and what the team does
//! next, each list from the data (`figures::decisions`), before the appendix.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::ChartError;
use crate::figures::decisions::{Decisions, Target, decisions};
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, link, mrr_of};

/// The `next_steps` slide kind (the plan's `decisions` is its decision-making map).
pub(crate) static KIND: SlideKind =
    SlideKind { id: "next_steps", templates: &["review/next_steps.typ"], build, sheet, gaps };

/// Rows of each list the slide shows at most; the workbook sheet has them all.
const ROWS: usize = 6;
/// Characters of a title that stays within two lines.
const MAX_TITLE: usize = 110;

fn owner(c: &Ctx<'_>, id: Option<&str>) -> String {
    id.and_then(|id| c.p.team.iter().find(|m| m.id == id)).map_or_else(|| "–".to_owned(), |m| m.name.clone())
}

/// The lists of the slide, each as table rows (all of them; the template shows what fits).
struct Lists {
    save: Vec<Value>,
    win: Vec<Value>,
    milestones: Vec<Value>,
    actions: Vec<(Value, bool)>,
    targets: Vec<Value>,
}

fn lists(c: &Ctx<'_>, d: &Decisions) -> Lists {
    let p = c.p;
    let f = &c.fmt;
    let save = d
        .at_risk
        .iter()
        .filter_map(|&i| c.f.risk.at_risk.iter().find(|x| x.account == i))
        .map(|x| {
            let a = &p.accounts[x.account];
            json!([c.name(x.account), f.money_short(x.mrr), owner(c, a.owner.as_deref()), c.t(x.why.reason())])
        })
        .collect();
    let win = d
        .to_win
        .iter()
        .map(|&(i, k)| {
            let s = &p.accounts[i].stakeholders[k];
            let rel = s
                .relationship
                .map_or_else(|| c.t("relationship.unknown"), |r| c.t(&format!("relationship.{}", r.key())));
            json!([crate::i18n::isolate(&s.name), s.title, c.name(i), rel])
        })
        .collect();
    let ms = &p.program.milestones;
    let milestones = d
        .milestones
        .iter()
        .map(|&i| {
            let m = &ms[i];
            let status = m.status.map_or_else(|| c.t("next_steps.overdue"), |s| c.t(&format!("milestone.{}", s.key())));
            json!([crate::i18n::isolate(&m.name), status, f.date(m.end), owner(c, m.owner.as_deref())])
        })
        .collect();
    let actions = d
        .actions
        .iter()
        .map(|&(i, k)| {
            let x = &p.accounts[i].actions[k];
            let late = matches!((p.report_date, x.due), (Some(t), Some(due)) if due < t);
            let due = x.due.map_or_else(|| "–".to_owned(), |d| f.date(d));
            (json!([crate::i18n::isolate(&x.action), c.name(i), owner(c, x.owner.as_deref()), due]), late)
        })
        .collect();
    let objectives = p.program.charter.as_ref().map(|ch| ch.objectives.as_slice()).unwrap_or_default();
    let targets = d
        .targets
        .iter()
        .map(|t: &Target| {
            let o = &objectives[t.objective];
            let actual = f.pct(t.actual, 0);
            json!([crate::i18n::isolate(&o.name), o.target.clone().unwrap_or_default(), actual, t.missed()])
        })
        .collect();
    Lists { save, win, milestones, actions, targets }
}

/// The slide's title: the asks, as many as a two-line title holds (the slide lists them
/// all); `None` when nothing is asked.
pub(super) fn title(c: &Ctx<'_>, d: &Decisions) -> Option<String> {
    let f = &c.fmt;
    let overdue = d
        .actions
        .iter()
        .filter(|&&(i, k)| matches!((c.p.report_date, c.p.accounts[i].actions[k].due), (Some(t), Some(due)) if due < t))
        .count();
    let missed = d.targets.iter().filter(|t| t.missed()).count();
    let mrr: f64 = c.f.risk.at_risk.iter().map(|x| x.mrr).sum();
    let mut asks: Vec<String> = Vec::new();
    if !d.at_risk.is_empty() {
        asks.push(c.tr("next_steps.ask_save", &[("mrr", &f.money_short(mrr))]));
    }
    if !d.to_win.is_empty() {
        asks.push(c.units("ask_win", d.to_win.len()));
    }
    if !d.milestones.is_empty() {
        asks.push(c.units("ask_milestones", d.milestones.len()));
    }
    if overdue > 0 {
        asks.push(c.units("ask_actions", overdue));
    }
    if missed > 0 {
        asks.push(c.units("ask_targets", missed));
    }
    while !asks.is_empty() {
        let title = c.tr("next_steps.title", &[("list", &f.list(&asks))]);
        if asks.len() == 1 || title.chars().count() <= MAX_TITLE {
            return Some(title);
        }
        asks.pop();
    }
    None
}

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let d = decisions(c.p, c.f);
    let l = lists(c, &d);
    let asked = title(c, &d);
    if asked.is_none() && l.actions.is_empty() && l.targets.is_empty() {
        return Ok(vec![]);
    }
    let title = asked.unwrap_or_else(|| c.t("next_steps.title_none"));
    // Three columns a list on the slide (four ran names and dates over two lines); the
    // workbook sheet has every column and every row.
    let pick = |rows: &[Value], cols: [usize; 3]| -> Vec<Value> {
        rows.iter().map(|r| json!(cols.map(|k| r[k].clone()))).collect()
    };
    let block = |key: &str, headers: Vec<String>, rows: &[Value], tints: Vec<Option<&str>>| json!({ "title": c.t(key), "headers": headers, "rows": rows, "tints": tints, "mores": c.mores(rows.len().min(ROWS), rows.len()) });
    let mut blocks = Vec::new();
    if !l.save.is_empty() {
        let h = vec![c.t("col.account"), c.t("col.mrr_at_risk"), c.t("col.owner")];
        blocks.push(block("next_steps.save", h, &pick(&l.save, [0, 1, 2]), vec![]));
    }
    if !l.win.is_empty() {
        let h = vec![c.t("col.stakeholder"), c.t("col.title"), c.t("col.account")];
        blocks.push(block("next_steps.win", h, &pick(&l.win, [0, 1, 2]), vec![]));
    }
    if !l.milestones.is_empty() {
        let h = vec![c.t("col.milestone"), c.t("col.status"), c.t("col.due")];
        blocks.push(block("next_steps.milestones", h, &pick(&l.milestones, [0, 1, 2]), vec![]));
    }
    if !l.actions.is_empty() {
        let rows: Vec<Value> = l.actions.iter().map(|(r, _)| r.clone()).collect();
        let tints = l.actions.iter().map(|(_, late)| late.then_some("negative")).collect();
        let h = vec![c.t("col.action"), c.t("col.account"), c.t("col.due")];
        blocks.push(block("next_steps.actions", h, &pick(&rows, [0, 1, 3]), tints));
    }
    if !l.targets.is_empty() {
        let rows: Vec<Value> = l.targets.iter().map(|t| json!([t[0], t[1], t[2]])).collect();
        let tints = l.targets.iter().map(|t| (t[3] == json!(true)).then_some("negative")).collect();
        let h = vec![c.t("col.objective"), c.t("col.target"), c.t("col.actual")];
        blocks.push(block("next_steps.targets", h, &rows, tints));
    }
    let mut s = Slide::new("review/next_steps.typ", c.t("kicker.next_steps"), title, Value::Null);
    s.data = json!({ "blocks": blocks, "rows": ROWS });
    Ok(vec![s])
}

/// Decisions: every list in full.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let d = decisions(c.p, c.f);
    let l = lists(c, &d);
    let text = |v: &Value| V::text(v.as_str().unwrap_or_default());
    let table = |m: &mut Mirror<'_>, key: &str, heads: &[&str], rows: Vec<Vec<V>>| -> Result<(), XlsxError> {
        if rows.is_empty() {
            return Ok(());
        }
        let cols = heads.iter().map(|h| Col::new(c.t(h), CellFmt::Text)).collect();
        m.table(&c.t(key), cols, rows).map(|_| ())
    };
    let rows = |v: &[Value], n: usize| v.iter().map(|r| (0..n).map(|k| text(&r[k])).collect()).collect();
    // The MRR at risk as a number, live over the Accounts sheet.
    let save: Vec<Vec<V>> = d
        .at_risk
        .iter()
        .zip(&l.save)
        .map(|(&i, r)| {
            let mrr = c.f.risk.at_risk.iter().find(|x| x.account == i).map_or(0.0, |x| x.mrr);
            let id = &c.p.accounts[i].id;
            vec![text(&r[0]), V::As(CellFmt::Money, Box::new(link(mrr_of(c.p, m, id), mrr))), text(&r[2]), text(&r[3])]
        })
        .collect();
    table(m, "next_steps.save", &["col.account", "col.mrr_at_risk", "col.owner", "col.why"], save)?;
    table(m, "next_steps.win", &["col.stakeholder", "col.title", "col.account", "col.relationship"], rows(&l.win, 4))?;
    table(
        m,
        "next_steps.milestones",
        &["col.milestone", "col.status", "col.due", "col.owner"],
        rows(&l.milestones, 4),
    )?;
    let actions: Vec<Value> = l.actions.into_iter().map(|(r, _)| r).collect();
    table(m, "next_steps.actions", &["col.action", "col.account", "col.owner", "col.due"], rows(&actions, 4))?;
    table(m, "next_steps.targets", &["col.objective", "col.target", "col.actual"], rows(&l.targets, 3))?;
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    let d = decisions(c.p, c.f);
    let empty = d.at_risk.is_empty()
        && d.to_win.is_empty()
        && d.milestones.is_empty()
        && d.actions.is_empty()
        && d.targets.is_empty();
    gap(empty, c.t("gap.next_steps.none")).into_iter().collect()
}
