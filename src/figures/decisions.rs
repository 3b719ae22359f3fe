//! What the review asks of its audience and what the team does next, from the data: the
//! accounts at risk with the most MRR, the decision-makers to win on the largest accounts,
//! the program's late milestones, open actions and the charter's targets that are missed.

use super::Figures;
use crate::model::{Account, Date, MilestoneStatus, Portfolio, Relationship};

/// A charter objective with a target kamdeck can measure, and where the portfolio stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Index in `program.charter.objectives`.
    pub objective: usize,
    /// What is measured.
    pub measure: Measure,
    /// The target, as a share (`+20%` → 0.20, `≥ 110 %` → 1.10).
    pub target: f64,
    /// Where the portfolio stands.
    pub actual: f64,
}

impl Target {
    /// Whether the portfolio falls short of it.
    pub fn missed(&self) -> bool {
        self.actual < self.target
    }
}

/// A KPI of the charter that the figures measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Net revenue retention of the latest year.
    Nrr,
    /// Gross revenue retention of the latest year.
    Grr,
}

/// The decisions and next steps of the review.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decisions {
    /// Accounts at risk, the most MRR first.
    pub at_risk: Vec<usize>,
    /// (account, stakeholder) to win, on the largest accounts first.
    pub to_win: Vec<(usize, usize)>,
    /// Program milestones late or at risk, or past their end and not done; the soonest first.
    pub milestones: Vec<usize>,
    /// (account, action) still open, the soonest due first (undated last).
    pub actions: Vec<(usize, usize)>,
    /// The charter's measurable targets.
    pub targets: Vec<Target>,
}

/// Accounts whose decision-makers are looked at, at most: the largest (the vital few).
const LARGEST: usize = 10;

/// Whether an action's free-text status still calls for work.
pub fn is_open(status: Option<&str>) -> bool {
    !matches!(
        status.map(str::trim).map(str::to_ascii_lowercase).as_deref(),
        Some("done" | "closed" | "complete" | "completed")
    )
}

/// The people to win on `a`: the highest decision power among those not (yet) positive,
/// by name.
pub fn to_win(a: &Account) -> Vec<usize> {
    let s = &a.stakeholders;
    let candidates: Vec<usize> = (0..s.len()).filter(|&i| s[i].relationship != Some(Relationship::Positive)).collect();
    let top = candidates.iter().filter_map(|&i| s[i].power).max();
    let mut v: Vec<usize> = match top {
        Some(p) => candidates.into_iter().filter(|&i| s[i].power == Some(p)).collect(),
        None => Vec::new(),
    };
    v.sort_by(|&x, &y| s[x].name.cmp(&s[y].name));
    v
}

/// The internal stakeholders a decision map of at most `cap` people shows: everyone when
/// they fit; otherwise the first people to win and every manager above them (so each reads
/// from the top), then the organisation from the top down, level by level, higher decision
/// power first. In file order.
pub fn map_people(a: &Account, win: &[usize], cap: usize) -> Vec<usize> {
    let s = &a.stakeholders;
    let internal: Vec<usize> = (0..s.len()).filter(|&i| !s[i].external).collect();
    if internal.len() <= cap {
        return internal;
    }
    let ids: std::collections::HashMap<&str, usize> = s.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    let boss = |i: usize| s[i].reports_to.as_deref().and_then(|b| ids.get(b).copied()).filter(|&b| !s[b].external);
    let mut chosen = vec![false; s.len()];
    let mut count = 0;
    let take = |i: usize, chosen: &mut [bool], count: &mut usize| {
        if !chosen[i] && *count < cap {
            chosen[i] = true;
            *count += 1;
        }
    };
    // Managers first, top down, so a cut never leaves someone without their line.
    for &w in win.iter().filter(|&&w| !s[w].external).take(cap / 4) {
        let mut line = vec![w];
        while let Some(b) = boss(*line.last().unwrap_or(&w)).filter(|b| !line.contains(b)) {
            line.push(b);
        }
        if line.len() <= cap.saturating_sub(count) {
            line.into_iter().rev().for_each(|i| take(i, &mut chosen, &mut count));
        }
    }
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); s.len()];
    let mut level: Vec<usize> = Vec::new();
    for &i in &internal {
        match boss(i).filter(|&b| b != i) {
            Some(b) => kids[b].push(i),
            None => level.push(i),
        }
    }
    let by_power = |v: &mut Vec<usize>| v.sort_by(|&x, &y| s[y].power.cmp(&s[x].power).then(x.cmp(&y)));
    let mut seen = vec![false; s.len()];
    while !level.is_empty() && count < cap {
        by_power(&mut level);
        let mut next = Vec::new();
        for i in level {
            if !seen[i] {
                seen[i] = true;
                take(i, &mut chosen, &mut count);
                next.extend(kids[i].iter().copied());
            }
        }
        level = next;
    }
    internal.into_iter().filter(|&i| chosen[i]).collect()
}

/// Influence paths of one or two steps from a positive stakeholder to each of `targets`: the
/// people along it (first to last) and the last influence's note.
pub fn influence_paths<'a>(a: &'a Account, targets: &[usize]) -> Vec<(Vec<usize>, Option<&'a str>)> {
    let s = &a.stakeholders;
    let ids: std::collections::HashMap<&str, usize> = s.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    let idx = |id: &str| ids.get(id).copied();
    let positive = |i: usize| s[i].relationship == Some(Relationship::Positive);
    let mut out = Vec::new();
    for &t in targets {
        for inf in a.influences.iter().filter(|x| idx(&x.to) == Some(t)) {
            let Some(from) = idx(&inf.from) else { continue };
            let note = inf.note.as_deref();
            if positive(from) {
                out.push((vec![from, t], note));
            } else {
                for pre in a.influences.iter().filter(|x| idx(&x.to) == Some(from)) {
                    if let Some(p0) = idx(&pre.from).filter(|&p0| positive(p0)) {
                        out.push((vec![p0, from, t], note));
                    }
                }
            }
        }
    }
    out
}

/// `+20%`, `≥ 110 %`, `1.1`: a target as a share; `None` when it holds no number.
pub fn parse_target(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let number: String = text[start..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
    let value: f64 = number.replace(',', ".").parse().ok()?;
    let negative = text[..start].trim_end().ends_with(['-', '−']);
    let value = if negative { -value } else { value };
    Some(if text.contains('%') { value / 100.0 } else { value })
}

/// Which figure a KPI's words name, if kamdeck computes it for the same span. (An MRR
/// growth target is left out: it is usually year over year, and the figures compare MRR
/// with the previous period only.)
fn measure_of(kpi: &str) -> Option<Measure> {
    let k = kpi.to_lowercase();
    if k.contains("nrr") || k.contains("net revenue retention") {
        Some(Measure::Nrr)
    } else if k.contains("grr") || k.contains("gross revenue retention") {
        Some(Measure::Grr)
    } else {
        None
    }
}

/// The decisions of `p`, from its figures `f`.
pub fn decisions(p: &Portfolio, f: &Figures) -> Decisions {
    let mut at_risk: Vec<&super::risk::AtRisk> = f.risk.at_risk.iter().collect();
    at_risk.sort_by(|x, y| {
        y.mrr.total_cmp(&x.mrr).then_with(|| super::by_name(&p.accounts[x.account], &p.accounts[y.account]))
    });
    // The vital few of the Pareto analysis: the accounts that make the revenue (an account
    // that left has none, so its people are not worth winning any more).
    let largest: Vec<usize> = f.pareto.rows.iter().filter(|r| r.vital).map(|r| r.account).take(LARGEST).collect();
    let to_win = largest.iter().flat_map(|&i| to_win(&p.accounts[i]).into_iter().map(move |s| (i, s))).collect();
    let today = p.report_date;
    let behind = |m: &crate::model::Milestone| match m.status {
        Some(MilestoneStatus::Late | MilestoneStatus::AtRisk) => true,
        Some(MilestoneStatus::Done) => false,
        _ => today.is_some_and(|t| m.end < t),
    };
    let ms = &p.program.milestones;
    let mut milestones: Vec<usize> = (0..ms.len()).filter(|&i| behind(&ms[i])).collect();
    milestones.sort_by(|&x, &y| ms[x].end.cmp(&ms[y].end).then_with(|| ms[x].name.cmp(&ms[y].name)));
    let mut actions: Vec<(usize, usize, Option<Date>)> = p
        .accounts
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.actions.iter().enumerate().filter(|(_, x)| is_open(x.status.as_deref())).map(move |(k, x)| (i, k, x.due))
        })
        .collect();
    actions.sort_by(|x, y| {
        (x.2.is_none(), x.2)
            .cmp(&(y.2.is_none(), y.2))
            .then_with(|| super::by_name(&p.accounts[x.0], &p.accounts[y.0]))
            .then(x.1.cmp(&y.1))
    });
    let latest = f.retention.latest();
    let targets = p
        .program
        .charter
        .iter()
        .flat_map(|c| c.objectives.iter())
        .enumerate()
        .filter_map(|(i, o)| {
            let measure = measure_of(o.kpi.as_deref().unwrap_or(&o.name))?;
            let target = parse_target(o.target.as_deref()?)?;
            let actual = match measure {
                Measure::Nrr => latest?.nrr?,
                Measure::Grr => latest?.grr?,
            };
            Some(Target { objective: i, measure, target, actual })
        })
        .collect();
    Decisions {
        at_risk: at_risk.into_iter().map(|x| x.account).collect(),
        to_win,
        milestones,
        actions: actions.into_iter().map(|(i, k, _)| (i, k)).collect(),
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_organisation_shows_the_people_to_win_with_their_line_and_the_top() {
        let mut people = String::from("      - { id: ceo, name: Chief, title: CEO, power: 5 }\n");
        for b in 0..3 {
            people.push_str(&format!("      - {{ id: vp{b}, name: VP {b}, title: VP, power: 4, reports_to: ceo }}\n"));
            for k in 0..30 {
                people.push_str(&format!(
                    "      - {{ id: m{b}-{k}, name: M {b} {k}, title: Manager, power: 2, reports_to: vp{b} }}\n"
                ));
            }
        }
        people.push_str("      - { id: deep, name: Dee, title: Buyer, power: 5, reports_to: m2-29 }\n");
        let p = crate::figures::testing::portfolio(&format!(
            "seller: {{ name: S }}\nfiscal_years: [Y]\naccounts:\n  - id: a\n    name: A\n    revenue: {{ Y: 1 }}\n    stakeholders:\n{people}"
        ));
        let a = &p.accounts[0];
        let id = |i: usize| a.stakeholders[i].id.as_str();
        // Small enough: everyone.
        assert_eq!(map_people(a, &[], 1000).len(), a.stakeholders.len());
        let deep = a.stakeholders.iter().position(|x| x.id == "deep").unwrap();
        let shown: Vec<&str> = map_people(a, &[deep], 10).into_iter().map(id).collect();
        assert_eq!(shown.len(), 10);
        // The one to win, every manager above, then the top levels by power.
        for must in ["deep", "m2-29", "vp2", "ceo", "vp0", "vp1"] {
            assert!(shown.contains(&must), "{must} missing from {shown:?}");
        }
        assert_eq!(map_people(a, &[], 4).into_iter().map(id).collect::<Vec<_>>(), ["ceo", "vp0", "vp1", "vp2"]);
    }
    use crate::figures::testing::portfolio;

    #[test]
    fn targets_read_as_people_write_them() {
        assert_eq!(parse_target("+20%"), Some(0.20));
        assert_eq!(parse_target("≥ 110 %"), Some(1.10));
        assert_eq!(parse_target("−5%"), Some(-0.05));
        assert_eq!(parse_target("1,5"), Some(1.5));
        assert_eq!(parse_target("15 by FY2027"), Some(15.0));
        assert_eq!(parse_target("more"), None);
    }

    #[test]
    fn what_the_review_asks() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y1, Y2]\nreport_date: 2026-11-15\nplans: [ { id: p, name: P } ]\n\
             accounts:\n\
             - { id: a, name: Alpha, revenue: { Y1: 100, Y2: 80 }, mrr: { p: 5 }, health: { churn_risk: high },\n\
                 stakeholders: [ { id: s1, name: Zoe, title: CEO, power: 5, relationship: neutral }, { id: s2, name: Al, title: CFO, power: 5, relationship: negative }, { id: s3, name: Bo, title: CIO, power: 5, relationship: positive } ],\n\
                 actions: [ { action: Call, due: 2026-12-01 }, { action: Old, due: 2026-10-01, status: Done }, { action: Plan } ] }\n\
             - { id: b, name: Beta, revenue: { Y1: 50, Y2: 50 }, mrr: { p: 9 }, health: { engagement: 0.1 }, actions: [ { action: Visit, due: 2026-11-01 } ] }\n\
             program:\n  charter: { objectives: [ { name: Keep, kpi: NRR, target: \"≥ 110%\" }, { name: Grow, kpi: Logos, target: \"+5\" } ] }\n  \
             milestones:\n    - { name: M1, start: 2026-01-01, end: 2026-06-30, status: on_track }\n    - { name: M2, start: 2026-01-01, end: 2026-12-31, status: at_risk }\n    - { name: M3, start: 2026-01-01, end: 2026-03-31, status: done }\n",
        );
        let f = Figures::compute(&p);
        let d = decisions(&p, &f);
        assert_eq!(d.at_risk, [1, 0], "Beta's 9 before Alpha's 5");
        assert_eq!(d.to_win, [(0, 1), (0, 0)], "Al and Zoe (power 5, not positive), by name");
        assert_eq!(d.milestones, [0, 1], "M1 is past its end, M2 at risk; M3 done");
        assert_eq!(d.actions, [(1, 0), (0, 0), (0, 2)], "overdue Visit, then Call, undated Plan last");
        assert_eq!(d.targets.len(), 1);
        let t = &d.targets[0];
        assert_eq!((t.measure, t.target, t.actual, t.missed()), (Measure::Nrr, 1.1, 130.0 / 150.0, true));
    }

    #[test]
    fn nothing_to_decide() {
        let p =
            portfolio("seller: { name: S }\nfiscal_years: [Y]\naccounts:\n  - { id: a, name: A, revenue: { Y: 1 } }\n");
        assert_eq!(decisions(&p, &Figures::compute(&p)), Decisions::default());
    }
}
