//! Checks a parsed portfolio against the rules of INPUT.md, collecting every problem.
//!
//! Problems carry a data path (`accounts[3].scores.growth.culture`); the input layer turns
//! that path into a place in the file (`northbridge.yaml:41:7` or `Accounts!D7`).

use std::collections::{HashMap, HashSet};

pub use super::suggest::did_you_mean;
pub(crate) use super::suggest::{hint, preview};
use super::{Account, Milestone, OrderedMap, Portfolio, Raci};

/// One thing wrong with a portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the data, e.g. `accounts[3].owner`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Every problem of `p`, in file order; empty when the portfolio is valid.
pub fn validate(p: &Portfolio) -> Vec<Problem> {
    let mut v = Validator { problems: Vec::new() };
    v.portfolio(p);
    let found = super::limits::check(p).into_iter().chain(super::names::check(p));
    v.problems.extend(found.map(|(path, message)| Problem { path, message }));
    v.problems
}

/// Largest money amount: a thousand trillion, far above any account's revenue.
const MAX_MONEY: f64 = 1e15;
/// Longest account id: it names files.
const MAX_ID: usize = 100;
/// Longest account name: names are joined into titles and cells.
const MAX_NAME: usize = 1_000;

struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    fn range(&mut self, path: &str, value: f64, lo: f64, hi: f64, what: &str) {
        if !value.is_finite() || value < lo || value > hi {
            self.push(path, format!("{value} is outside {lo}..{hi}: {what}"));
        }
    }

    fn money(&mut self, path: &str, value: f64) {
        if !value.is_finite() {
            self.push(path, format!("{value} is not an amount: write a number of 0 or more"));
        } else if value < 0.0 {
            self.push(path, format!("{value} is negative: money amounts are 0 or more"));
        } else if value > MAX_MONEY {
            // 1e308 passed and printed a 300-digit number across the slide.
            self.push(path, format!("{value:e} is beyond 10^15: check the amount"));
        }
    }

    fn unique<'a>(&mut self, path: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            if !seen.insert(id) {
                self.push(format!("{path}[{i}].id"), format!("duplicate id `{id}`: ids must be unique"));
            }
        }
    }

    fn reference(&mut self, path: &str, id: &str, known: &[&str], what: &str) {
        if !known.contains(&id) {
            let list =
                if known.is_empty() { format!("no {what} is defined") } else { format!("known: {}", preview(known)) };
            self.push(path, format!("`{id}` is not a {what} id ({list}){}", hint(id, known.iter().copied())));
        }
    }

    fn portfolio(&mut self, p: &Portfolio) {
        let code_ok = p.currency.len() == 3 && p.currency.bytes().all(|b| b.is_ascii_uppercase());
        if !code_ok {
            self.push(
                "currency",
                format!("`{}` is not an ISO 4217 code: write three capitals such as USD or EUR", p.currency),
            );
        }
        if p.fiscal_years.is_empty() {
            self.push("fiscal_years", "no fiscal years: list them oldest first, e.g. [FY2025, FY2026]");
        }
        if p.accounts.is_empty() {
            // Every slide of both decks is about accounts: without one, each would be empty.
            self.push("accounts", "no accounts: list at least one under `accounts:` (or on sheet Accounts)");
        }
        let mut seen = HashSet::new();
        for (i, y) in p.fiscal_years.iter().enumerate() {
            if !seen.insert(y) {
                self.push(format!("fiscal_years[{i}]"), format!("`{y}` is listed twice"));
            }
        }
        for (path, message) in super::deck_choices::check(&p.deck) {
            self.push(path, message);
        }
        self.settings(p);
        let plans: Vec<&str> = p.plans.iter().map(|x| x.id.as_str()).collect();
        let offerings: Vec<&str> = p.offerings.iter().map(|x| x.id.as_str()).collect();
        let team: Vec<&str> = p.team.iter().map(|x| x.id.as_str()).collect();
        self.unique("plans", plans.iter().copied());
        self.unique("offerings", offerings.iter().copied());
        self.unique("team", team.iter().copied());
        self.unique("accounts", p.accounts.iter().map(|a| a.id.as_str()));
        if p.plans.iter().filter(|x| x.upsell).count() > 1 {
            self.push("plans", "more than one plan is marked `upsell: true`: mark only the plan you upsell to");
        }
        let refs = Refs { years: &p.fiscal_years, plans: &plans, offerings: &offerings, team: &team };
        for (i, a) in p.accounts.iter().enumerate() {
            self.account(&format!("accounts[{i}]"), a, p, &refs);
        }
        for (i, m) in p.program.milestones.iter().enumerate() {
            self.milestone(&format!("program.milestones[{i}]"), m, &team);
        }
        self.raci("program.raci", &p.program.raci, &team);
    }

    fn settings(&mut self, p: &Portfolio) {
        let s = &p.settings;
        if !(s.pareto_cut > 0.0 && s.pareto_cut <= 1.0) {
            self.push(
                "settings.pareto_cut",
                format!("{} is outside 0..1: write the cut as a fraction, e.g. 0.8", s.pareto_cut),
            );
        }
        if !(s.abc.a > 0.0 && s.abc.a < s.abc.b && s.abc.b <= 1.0) {
            self.push(
                "settings.abc",
                format!("a = {} and b = {} must satisfy 0 < a < b ≤ 1, e.g. a: 0.8, b: 0.95", s.abc.a, s.abc.b),
            );
        }
        self.range("settings.engagement_threshold", s.engagement_threshold, 0.0, 1.0, "engagement is a fraction");
        self.range(
            "settings.satisfaction_target",
            s.satisfaction_target,
            0.0,
            10.0,
            "satisfaction is on the 1-10 survey scale",
        );
        let sc = &s.scoring;
        if !(2..=100).contains(&sc.scale) {
            self.push("settings.scoring.scale", format!("{} is not a usable score scale: use 5 or 10", sc.scale));
        }
        self.range("settings.scoring.growth_weight", sc.growth_weight, 0.0, 1.0, "g is a fraction");
        for (group, weights) in [("growth", &sc.growth), ("harmony", &sc.harmony)] {
            let path = format!("settings.scoring.{group}");
            if weights.is_empty() {
                self.push(path, "no factors: list at least one factor with its weight");
                continue;
            }
            for (k, w) in weights.iter() {
                self.range(&format!("{path}.{k}"), *w, 0.0, 1.0, "a weight is a fraction");
            }
            let sum: f64 = weights.values().sum();
            if (sum - 1.0).abs() > 0.001 {
                self.push(
                    path,
                    format!("the weights sum to {} instead of 1: adjust them so they add up to 1", round4(sum)),
                );
            }
        }
        if let super::Split::Value(m) = s.profit_matrix.margin_split {
            self.range("settings.profit_matrix.margin_split", m, -1.0, 1.0, "a margin is a fraction of revenue");
        }
        if let super::Split::Value(r) = s.profit_matrix.revenue_split {
            self.money("settings.profit_matrix.revenue_split", r);
        }
        if s.appendix_rows == 0 {
            self.push("settings.appendix_rows", "0 rows: the appendix needs at least 1 row");
        }
    }

    fn account(&mut self, at: &str, a: &Account, p: &Portfolio, r: &Refs<'_>) {
        let id_ok = !a.id.is_empty() && a.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            self.push(
                format!("{at}.id"),
                format!("`{}` is not a valid id: use lower-case letters, digits and '-'", a.id),
            );
        } else if a.id.len() > MAX_ID {
            // An id names the plan's files (`plans/<id>.pdf`); file systems stop at 255 bytes.
            self.push(format!("{at}.id"), format!("{} characters: an id names files, keep it to {MAX_ID}", a.id.len()));
        }
        if a.name.chars().count() > MAX_NAME {
            // Names are joined into titles and workbook cells: a long one would overflow both.
            self.push(
                format!("{at}.name"),
                format!("{} characters: keep a name to {MAX_NAME}", a.name.chars().count()),
            );
        }
        if let Some(owner) = &a.owner {
            self.reference(&format!("{at}.owner"), owner, r.team, "team member");
        }
        for (year, v) in a.revenue.iter() {
            let path = format!("{at}.revenue.{year}");
            if !r.years.iter().any(|y| y == year) {
                let years: Vec<&str> = r.years.iter().map(String::as_str).collect();
                self.push(
                    &path,
                    format!(
                        "`{year}` is not in fiscal_years ({}){}",
                        years.join(", "),
                        hint(year, years.iter().copied())
                    ),
                );
            }
            self.money(&path, *v);
        }
        self.plan_amounts(&format!("{at}.mrr"), a.mrr.iter(), r.plans);
        let mut periods = HashSet::new();
        for (i, h) in a.mrr_history.iter().enumerate() {
            self.plan_amounts(&format!("{at}.mrr_history[{i}]"), h.plans.iter().map(|(k, v)| (k.as_str(), v)), r.plans);
            // A period twice made the change since last period compare the wrong quarters.
            if !periods.insert(h.period.as_str()) {
                self.push(format!("{at}.mrr_history[{i}].period"), format!("`{}` is listed twice", h.period));
            }
        }
        if let Some(m) = a.margin {
            self.range(&format!("{at}.margin"), m, -1.0, 1.0, "write the margin as a fraction of revenue, e.g. 0.32");
        }
        if let Some(s) = a.onboarding.as_ref().and_then(|o| o.satisfaction) {
            self.range(
                &format!("{at}.onboarding.satisfaction"),
                s,
                0.0,
                10.0,
                "satisfaction is on the 1-10 survey scale",
            );
        }
        if let Some(h) = &a.health {
            if let Some(e) = h.engagement {
                self.range(&format!("{at}.health.engagement"), e, 0.0, 1.0, "engagement is a fraction");
            }
            if let Some(pr) = h.churn_probability {
                self.range(&format!("{at}.health.churn_probability"), pr, 0.0, 1.0, "a probability is a fraction");
            }
        }
        if let Some(scores) = &a.scores {
            let sc = &p.settings.scoring;
            for (group, given, weights) in
                [("growth", &scores.growth, &sc.growth), ("harmony", &scores.harmony, &sc.harmony)]
            {
                let path = format!("{at}.scores.{group}");
                for (k, v) in given.iter() {
                    if weights.get(k).is_none() {
                        self.push(
                            format!("{path}.{k}"),
                            format!(
                                "`{k}` is not a {group} factor of settings.scoring.{group}{}",
                                hint(k, weights.keys())
                            ),
                        );
                    } else if !(1..=sc.scale).contains(v) {
                        self.push(format!("{path}.{k}"), format!("{v} is outside the score scale 1..{}", sc.scale));
                    }
                }
                let missing: Vec<&str> = weights.keys().filter(|k| given.get(k).is_none()).collect();
                if !missing.is_empty() {
                    self.push(
                        path,
                        format!("missing scores for {}: score every factor or leave out `scores`", missing.join(", ")),
                    );
                }
            }
        }
        for (i, d) in a.divisions.iter().enumerate() {
            for (o, _) in d.offerings.iter() {
                self.reference(&format!("{at}.divisions[{i}].offerings.{o}"), o, r.offerings, "offering");
            }
        }
        self.stakeholders(at, a);
        for (i, o) in a.opportunities.iter().enumerate() {
            if let Some(off) = &o.offering {
                self.reference(&format!("{at}.opportunities[{i}].offering"), off, r.offerings, "offering");
            }
            if let Some(v) = o.value {
                self.money(&format!("{at}.opportunities[{i}].value"), v);
            }
        }
        for (i, m) in a.milestones.iter().enumerate() {
            self.milestone(&format!("{at}.milestones[{i}]"), m, r.team);
        }
        for (i, x) in a.actions.iter().enumerate() {
            if let Some(owner) = &x.owner {
                self.reference(&format!("{at}.actions[{i}].owner"), owner, r.team, "team member");
            }
        }
        self.raci(&format!("{at}.raci"), &a.raci, r.team);
    }

    fn plan_amounts<'a>(&mut self, at: &str, amounts: impl Iterator<Item = (&'a str, &'a f64)>, plans: &[&str]) {
        for (plan, v) in amounts {
            let path = format!("{at}.{plan}");
            self.reference(&path, plan, plans, "plan");
            self.money(&path, *v);
        }
    }

    fn stakeholders(&mut self, at: &str, a: &Account) {
        let ids: Vec<&str> = a.stakeholders.iter().map(|s| s.id.as_str()).collect();
        self.unique(&format!("{at}.stakeholders"), ids.iter().copied());
        let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for (i, s) in a.stakeholders.iter().enumerate() {
            let path = format!("{at}.stakeholders[{i}]");
            // The map first: a list search per stakeholder is quadratic in a large organisation.
            if let Some(boss) = s.reports_to.as_deref().filter(|b| !index.contains_key(b)) {
                self.reference(&format!("{path}.reports_to"), boss, &ids, "stakeholder");
            }
            if let Some(pw) = s.power
                && !(1..=5).contains(&pw)
            {
                self.push(
                    format!("{path}.power"),
                    format!("{pw} is outside 1..5: decision power runs from 1 (low) to 5 (high)"),
                );
            }
        }
        for (next, cycle) in super::stakeholders::reporting_cycles(&a.stakeholders, &index) {
            let names: Vec<&str> = cycle.iter().chain(std::iter::once(&next)).map(|&c| ids[c]).collect();
            self.push(
                format!("{at}.stakeholders[{next}].reports_to"),
                format!(
                    "reporting lines form a cycle ({}): someone in it must report to nobody or outside it",
                    names.join(" → ")
                ),
            );
        }
        for (i, inf) in a.influences.iter().enumerate() {
            let path = format!("{at}.influences[{i}]");
            self.reference(&format!("{path}.from"), &inf.from, &ids, "stakeholder");
            self.reference(&format!("{path}.to"), &inf.to, &ids, "stakeholder");
            if inf.from == inf.to {
                self.push(path, format!("`{}` influences itself: `from` and `to` must differ", inf.from));
            }
        }
    }

    fn milestone(&mut self, at: &str, m: &Milestone, team: &[&str]) {
        if m.end < m.start {
            self.push(
                format!("{at}.end"),
                format!("ends {} before it starts {}: swap or correct the dates", m.end, m.start),
            );
        }
        if let Some(owner) = &m.owner {
            self.reference(&format!("{at}.owner"), owner, team, "team member");
        }
    }

    fn raci(&mut self, at: &str, raci: &OrderedMap<OrderedMap<Raci>>, team: &[&str]) {
        for (activity, row) in raci.iter() {
            for (member, _) in row.iter() {
                self.reference(&format!("{at}.{activity}.{member}"), member, team, "team member");
            }
        }
    }
}

struct Refs<'a> {
    years: &'a [String],
    plans: &'a [&'a str],
    offerings: &'a [&'a str],
    team: &'a [&'a str],
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
