//! Portfolio → the input sheets' tables (the writing direction of `layout`).
//!
//! Every setting is written, defaults included, so the mirror sheets' formulas always find
//! the cell they refer to and a user sees every knob there is.

use super::layout::{self as l, Cell, Column, Kind, Table};
use crate::model::{Milestone, OrderedMap, Portfolio, Raci, Split};

/// The input sheets of `p`, in workbook order.
pub(crate) fn tables(p: &Portfolio) -> Vec<Table> {
    vec![
        seller(p),
        settings(p),
        plans(p),
        offerings(p),
        team(p),
        accounts(p),
        mrr_history(p),
        divisions(p),
        stakeholders(p),
        influences(p),
        opportunities(p),
        milestones(p),
        actions(p),
        raci(p),
        charter(p),
    ]
}

fn table(name: &'static str, extra: Vec<Column>, rows: Vec<Vec<Cell>>) -> Table {
    let mut columns = l::fixed_columns(name);
    columns.extend(extra);
    Table { name, columns, rows }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn key_value(key: &str, value: Cell) -> Vec<Cell> {
    vec![text(key), value]
}

fn seller(p: &Portfolio) -> Table {
    let rows = vec![
        key_value("name", text(&p.seller.name)),
        key_value("division", Cell::text(p.seller.division.as_deref())),
        key_value("currency", text(&p.currency)),
        key_value("period", Cell::text(p.period.as_deref())),
        key_value("report_date", Cell::date(p.report_date)),
        key_value("fiscal_years", text(&p.fiscal_years.join(", "))),
        key_value("prepared_by", Cell::text(p.prepared_by.as_deref())),
        key_value("confidentiality", Cell::text(p.confidentiality.as_deref())),
        key_value("deck.lang", Cell::text(p.deck.lang.as_deref())),
        key_value("deck.theme", Cell::text(p.deck.theme.as_deref())),
        key_value("deck.title", Cell::text(p.deck.title.as_deref())),
        key_value("deck.slides", Cell::text(p.deck.slides.as_ref().map(|s| s.join(", ")).as_deref())),
        key_value("deck.plan_slides", Cell::text(p.deck.plan_slides.as_ref().map(|s| s.join(", ")).as_deref())),
        key_value("deck.confidentiality", Cell::text(p.deck.confidentiality.as_deref())),
        key_value("deck.pptx", if p.deck.pptx { Cell::Bool(true) } else { Cell::Empty }),
    ];
    table(l::SELLER, Vec::new(), rows)
}

fn split(s: Split) -> Cell {
    match s {
        Split::Median => text(Split::MEDIAN),
        Split::Value(v) => Cell::Number(v),
    }
}

fn settings(p: &Portfolio) -> Table {
    let s = &p.settings;
    let mut rows = vec![
        key_value("pareto_cut", Cell::Number(s.pareto_cut)),
        key_value("abc.a", Cell::Number(s.abc.a)),
        key_value("abc.b", Cell::Number(s.abc.b)),
        key_value("engagement_threshold", Cell::Number(s.engagement_threshold)),
        key_value("satisfaction_target", Cell::Number(s.satisfaction_target)),
        key_value("scoring.scale", Cell::Number(s.scoring.scale as f64)),
        key_value("scoring.growth_weight", Cell::Number(s.scoring.growth_weight)),
        key_value("profit_matrix.revenue_split", split(s.profit_matrix.revenue_split)),
        key_value("profit_matrix.margin_split", split(s.profit_matrix.margin_split)),
        key_value("risk_rank", text(s.risk_rank.key())),
        key_value("appendix_rows", Cell::Number(s.appendix_rows as f64)),
    ];
    for (prefix, map) in [(l::GROWTH_WEIGHT, &s.scoring.growth), (l::HARMONY_WEIGHT, &s.scoring.harmony)] {
        rows.extend(map.iter().map(|(k, w)| key_value(&format!("{prefix}{k}"), Cell::Number(*w))));
    }
    table(l::SETTINGS, Vec::new(), rows)
}

fn plans(p: &Portfolio) -> Table {
    let rows = p.plans.iter().map(|x| vec![text(&x.id), text(&x.name), Cell::Bool(x.upsell)]).collect();
    table(l::PLANS, Vec::new(), rows)
}

fn offerings(p: &Portfolio) -> Table {
    table(l::OFFERINGS, Vec::new(), p.offerings.iter().map(|o| vec![text(&o.id), text(&o.name)]).collect())
}

fn team(p: &Portfolio) -> Table {
    let rows = p
        .team
        .iter()
        .map(|m| vec![text(&m.id), text(&m.name), Cell::text(m.role.as_deref()), Cell::text(m.email.as_deref())])
        .collect();
    table(l::TEAM, Vec::new(), rows)
}

/// Keys in first-seen order over several maps (the settings' factors first).
fn union_keys<'a>(first: impl IntoIterator<Item = &'a str>, rest: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = Vec::new();
    for k in first.into_iter().chain(rest) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The keyed column groups of the Accounts sheet: fiscal years, plans, growth and harmony
/// factors. Keys that only accounts use (which validation rejects) still get a column, so
/// writing never drops data.
pub(crate) struct AccountKeys<'a> {
    /// Fiscal years.
    pub years: Vec<&'a str>,
    /// Plan ids.
    pub plans: Vec<&'a str>,
    /// Growth factors.
    pub growth: Vec<&'a str>,
    /// Harmony factors.
    pub harmony: Vec<&'a str>,
}

impl<'a> AccountKeys<'a> {
    pub(crate) fn of(p: &'a Portfolio) -> Self {
        let a = &p.accounts;
        Self {
            years: union_keys(p.fiscal_years.iter().map(String::as_str), a.iter().flat_map(|a| a.revenue.keys())),
            plans: union_keys(p.plans.iter().map(|x| x.id.as_str()), a.iter().flat_map(|a| a.mrr.keys())),
            growth: union_keys(
                p.settings.scoring.growth.keys(),
                a.iter().filter_map(|a| a.scores.as_ref()).flat_map(|s| s.growth.keys()),
            ),
            harmony: union_keys(
                p.settings.scoring.harmony.keys(),
                a.iter().filter_map(|a| a.scores.as_ref()).flat_map(|s| s.harmony.keys()),
            ),
        }
    }
}

fn keyed_numbers<V: Copy + Into<f64>>(keys: &[&str], map: Option<&OrderedMap<V>>) -> impl Iterator<Item = Cell> {
    keys.iter().map(move |k| Cell::number(map.and_then(|m| m.get(k)).map(|v| (*v).into())))
}

fn accounts(p: &Portfolio) -> Table {
    let keys = AccountKeys::of(p);
    let mut extra: Vec<Column> = Vec::new();
    extra.extend(keys.years.iter().map(|y| Column::keyed(l::REVENUE, y, Kind::Money)));
    extra.extend(keys.plans.iter().map(|x| Column::keyed(l::MRR, x, Kind::Money)));
    extra.extend(l::account_detail_columns());
    extra.extend(keys.growth.iter().map(|f| Column::keyed(l::GROWTH, f, Kind::Integer)));
    extra.extend(keys.harmony.iter().map(|f| Column::keyed(l::HARMONY, f, Kind::Integer)));
    let rows = p
        .accounts
        .iter()
        .map(|a| {
            let mut row = vec![
                text(&a.id),
                text(&a.name),
                Cell::text(a.industry.as_deref()),
                Cell::text(a.region.as_deref()),
                Cell::text(a.owner.as_deref()),
            ];
            row.extend(keyed_numbers(&keys.years, Some(&a.revenue)));
            row.extend(keyed_numbers(&keys.plans, Some(&a.mrr)));
            let ob = a.onboarding.as_ref();
            let h = a.health.as_ref();
            row.extend([
                Cell::number(a.margin),
                Cell::text(ob.and_then(|o| o.status).map(|s| s.key())),
                Cell::number(ob.and_then(|o| o.satisfaction)),
                Cell::number(h.and_then(|h| h.engagement)),
                Cell::text(h.and_then(|h| h.churn_risk).map(|l| l.key())),
                Cell::date(h.and_then(|h| h.flagged_on)),
                Cell::number(h.and_then(|h| h.churn_probability)),
                Cell::date(a.renewal_date),
            ]);
            let scores = a.scores.as_ref();
            let score =
                |map: Option<&OrderedMap<i64>>, k: &str| Cell::number(map.and_then(|m| m.get(k)).map(|v| *v as f64));
            row.extend(keys.growth.iter().map(|k| score(scores.map(|s| &s.growth), k)));
            row.extend(keys.harmony.iter().map(|k| score(scores.map(|s| &s.harmony), k)));
            row
        })
        .collect();
    table(l::ACCOUNTS, extra, rows)
}

fn mrr_history(p: &Portfolio) -> Table {
    let keys = AccountKeys::of(p);
    let mut plans = keys.plans.clone();
    for h in p.accounts.iter().flat_map(|a| &a.mrr_history) {
        for k in h.plans.keys() {
            if !plans.contains(&k.as_str()) {
                plans.push(k);
            }
        }
    }
    let extra = plans.iter().map(|x| Column::keyed(l::MRR, x, Kind::Money)).collect();
    let mut rows = Vec::new();
    for a in &p.accounts {
        for h in &a.mrr_history {
            let mut row = vec![text(&a.id), text(&h.period)];
            row.extend(plans.iter().map(|k| Cell::number(h.plans.get(*k).copied())));
            rows.push(row);
        }
    }
    table(l::MRR_HISTORY, extra, rows)
}

fn divisions(p: &Portfolio) -> Table {
    let mut offerings: Vec<&str> = p.offerings.iter().map(|o| o.id.as_str()).collect();
    for d in p.accounts.iter().flat_map(|a| &a.divisions) {
        for k in d.offerings.keys() {
            if !offerings.contains(&k) {
                offerings.push(k);
            }
        }
    }
    let extra = offerings
        .iter()
        .map(|o| Column::keyed(l::OFFERING, o, Kind::Choice { values: l::CELL_STATUSES, what: "division status" }))
        .collect();
    let mut rows = Vec::new();
    for a in &p.accounts {
        for d in &a.divisions {
            let mut row = vec![text(&a.id), text(&d.name)];
            row.extend(offerings.iter().map(|o| Cell::text(d.offerings.get(o).map(|s| s.key()))));
            rows.push(row);
        }
    }
    table(l::DIVISIONS, extra, rows)
}

fn stakeholders(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    for a in &p.accounts {
        for s in &a.stakeholders {
            rows.push(vec![
                text(&a.id),
                text(&s.id),
                text(&s.name),
                text(&s.title),
                Cell::text(s.reports_to.as_deref()),
                Cell::text(s.organization.as_deref()),
                Cell::Bool(s.external),
                Cell::number(s.power.map(|x| x as f64)),
                Cell::text(s.relationship.map(|r| r.key())),
                Cell::Bool(s.key_contact),
            ]);
        }
    }
    table(l::STAKEHOLDERS, Vec::new(), rows)
}

fn influences(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    for a in &p.accounts {
        for i in &a.influences {
            rows.push(vec![
                text(&a.id),
                text(&i.from),
                text(&i.to),
                Cell::text(i.kind.map(|r| r.key())),
                Cell::text(i.note.as_deref()),
            ]);
        }
    }
    table(l::INFLUENCES, Vec::new(), rows)
}

fn opportunities(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    for a in &p.accounts {
        for o in &a.opportunities {
            rows.push(vec![
                text(&a.id),
                Cell::text(o.offering.as_deref()),
                text(&o.name),
                Cell::number(o.value),
                Cell::text(o.stage.as_deref()),
                Cell::date(o.close),
            ]);
        }
    }
    table(l::OPPORTUNITIES, Vec::new(), rows)
}

fn milestone_row(account: Option<&str>, m: &Milestone) -> Vec<Cell> {
    vec![
        Cell::text(account),
        text(&m.name),
        Cell::Date(m.start),
        Cell::Date(m.end),
        Cell::text(m.owner.as_deref()),
        Cell::text(m.status.map(|s| s.key())),
    ]
}

fn milestones(p: &Portfolio) -> Table {
    let mut rows: Vec<Vec<Cell>> = p.program.milestones.iter().map(|m| milestone_row(None, m)).collect();
    for a in &p.accounts {
        rows.extend(a.milestones.iter().map(|m| milestone_row(Some(&a.id), m)));
    }
    table(l::MILESTONES, Vec::new(), rows)
}

fn actions(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    for a in &p.accounts {
        for x in &a.actions {
            rows.push(vec![
                text(&a.id),
                text(&x.action),
                Cell::text(x.owner.as_deref()),
                Cell::date(x.due),
                Cell::text(x.status.as_deref()),
            ]);
        }
    }
    table(l::ACTIONS, Vec::new(), rows)
}

fn raci_rows(account: Option<&str>, raci: &OrderedMap<OrderedMap<Raci>>, rows: &mut Vec<Vec<Cell>>) {
    for (activity, members) in raci.iter() {
        for (member, letter) in members.iter() {
            rows.push(vec![text(activity), Cell::text(account), text(member), text(letter.key())]);
        }
    }
}

fn raci(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    raci_rows(None, &p.program.raci, &mut rows);
    for a in &p.accounts {
        raci_rows(Some(&a.id), &a.raci, &mut rows);
    }
    table(l::RACI, Vec::new(), rows)
}

fn charter(p: &Portfolio) -> Table {
    let mut rows = Vec::new();
    if let Some(c) = &p.program.charter {
        let row = |section: &str, t: &str, detail: Option<&str>, target: Option<&str>| {
            vec![text(section), text(t), Cell::text(detail), Cell::text(target)]
        };
        if let Some(m) = &c.mission {
            rows.push(row("mission", m, None, None));
        }
        if let Some(q) = &c.qualification {
            rows.push(row("qualification", q, None, None));
        }
        rows.extend(c.objectives.iter().map(|o| row("objective", &o.name, o.kpi.as_deref(), o.target.as_deref())));
        rows.extend(c.roles.iter().map(|r| row("role", &r.role, r.duty.as_deref(), None)));
        rows.extend(c.governance.iter().map(|g| row("governance", g, None, None)));
    }
    table(l::CHARTER, Vec::new(), rows)
}
