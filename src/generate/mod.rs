//! A deterministic generator of synthetic portfolios, for benchmarks and tests at scale.
//!
//! The same `(accounts, seed)` always gives the same YAML text, so benchmark figures and
//! test expectations are reproducible. The data is plausible, not realistic: long-tailed
//! revenue, some churned and some new accounts, every optional section present.

use std::fmt::Write as _;

mod names;

use names::{ACTIVITIES, FAMILY, FIRST, GIVEN, ROLES, SECOND, TEAM, TOWNS};

/// A small xorshift generator: deterministic, dependency-free, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const RELATIONSHIPS: &[&str] = &["positive", "neutral", "negative", "unknown", "positive"];
const CELLS: &[&str] = &["active", "pilot", "pitched", "whitespace", "whitespace"];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Synthetic {
    /// Number of accounts.
    pub accounts: usize,
    /// Varies the data; the same seed gives the same text.
    pub seed: u64,
    /// Give every account 5–15 stakeholders (for account plans); off keeps files small.
    pub stakeholders: bool,
    /// The top of the score scale (10 by default; 5 for a 1–5 scale).
    pub scale: u64,
}

impl Synthetic {
    /// `accounts` accounts of seed 7, without stakeholders, scored 1–10.
    pub fn new(accounts: usize) -> Self {
        Self { accounts, seed: 7, stakeholders: false, scale: 10 }
    }
}

/// The name of account `i`: unique, and plausible up to ten thousand.
fn account_name(i: usize) -> String {
    let (first, second) = (FIRST[i % FIRST.len()], SECOND[(i / FIRST.len()) % SECOND.len()]);
    match i / (FIRST.len() * SECOND.len()) {
        0 => format!("{first} {second}"),
        k if k <= TOWNS.len() => format!("{first} {second} {}", TOWNS[k - 1]),
        k => format!("{first} {second} {}", k + 1),
    }
}

/// `n` people of a client with different names, as an org chart: `(name, title, boss index)`.
fn org_chart(r: &mut Rng, n: usize) -> Vec<(String, &'static str, Option<usize>)> {
    // The CEO, then n − 1 other roles; a role whose boss is not there reports to the nearest
    // one above it who is.
    if n == 0 {
        return Vec::new();
    }
    let mut chosen: Vec<usize> = vec![0];
    let mut rest: Vec<usize> = (1..ROLES.len()).collect();
    while chosen.len() < n.min(ROLES.len()) {
        let k = r.below(rest.len() as u64) as usize;
        chosen.push(rest.swap_remove(k));
    }
    chosen.sort_unstable();
    let mut names: Vec<String> = Vec::new();
    let mut people = Vec::new();
    for (k, &role) in chosen.iter().enumerate() {
        let name = loop {
            let name = format!("{} {}", r.pick(GIVEN), r.pick(FAMILY));
            // A client's people are not the seller's own team.
            if !names.contains(&name) && !TEAM.iter().any(|(t, _)| *t == name) {
                break name;
            }
        };
        names.push(name.clone());
        let boss = (k > 0).then(|| {
            let mut up = ROLES[role].1;
            loop {
                if let Some(at) = chosen.iter().position(|&c| c == up) {
                    break at;
                }
                up = ROLES[up].1;
            }
        });
        people.push((name, ROLES[role].0, boss));
    }
    people
}

/// YAML text of a synthetic portfolio.
pub fn portfolio_yaml(opts: Synthetic) -> String {
    let Synthetic { accounts, seed, stakeholders, scale } = opts;
    let scale = scale.clamp(2, 100);
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut y = String::with_capacity(accounts * 900 + 4000);
    y.push_str(
        "seller: { name: Synthetic Cloud, division: Healthcare }\ncurrency: USD\nperiod: FY2026 Q2\nreport_date: 2026-11-15\n\
         fiscal_years: [FY2024, FY2025, FY2026]\n\
         plans:\n  - { id: basic, name: Basic }\n  - { id: standard, name: Standard }\n  - { id: premium, name: Premium, upsell: true }\n\
         offerings:\n  - { id: cloud, name: Cloud platform }\n  - { id: collab, name: Collaboration }\n  - { id: crm, name: CRM }\n  - { id: voice, name: Voice transcription }\n\
         team:\n",
    );
    let team: Vec<String> = (0..TEAM.len()).map(|k| format!("m{k}")).collect();
    for (id, (name, role)) in team.iter().zip(TEAM) {
        let _ = writeln!(y, "  - {{ id: {id}, name: {name}, role: {role} }}");
    }
    if scale != 10 {
        let _ = writeln!(y, "settings:\n  scoring: {{ scale: {scale} }}");
    }
    // Accounts are owned by the key account managers (members 1 to 5).
    let owners = &team[1..6];
    y.push_str("accounts:\n");
    for i in 0..accounts {
        let name = account_name(i);
        // Long tail: a few large accounts, many small ones.
        let size = 20_000.0 + 3_000_000.0 * r.unit().powi(4);
        let g1 = 0.75 + 0.55 * r.unit();
        let g2 = 0.75 + 0.55 * r.unit();
        let churned = r.below(20) == 0;
        let new = !churned && r.below(25) == 0;
        let rev = [
            if new { 0.0 } else { (size / g1 / g2).round() },
            if new { 0.0 } else { (size / g2).round() },
            if churned { 0.0 } else { size.round() },
        ];
        let mrr = if churned { 0.0 } else { (size / 12.0 / 100.0).round() * 100.0 };
        let prem = if r.below(3) == 0 { (mrr * 0.3).round() } else { 0.0 };
        let std = (mrr * 0.5).round();
        let basic = mrr - prem - std;
        let _ = writeln!(
            y,
            "  - id: a{i:05}\n    name: \"{name}\"\n    industry: Healthcare\n    owner: {}",
            owners[i % owners.len()]
        );
        let _ = writeln!(y, "    revenue: {{ FY2024: {}, FY2025: {}, FY2026: {} }}", rev[0], rev[1], rev[2]);
        let _ = writeln!(y, "    mrr: {{ basic: {basic}, standard: {std}, premium: {prem} }}");
        let f = 0.85 + 0.15 * r.unit();
        let _ = writeln!(
            y,
            "    mrr_history:\n      - {{ period: FY2026 Q1, basic: {}, standard: {}, premium: {} }}",
            (basic * f).round(),
            (std * f).round(),
            (prem * f).round()
        );
        let _ = writeln!(y, "    margin: {:.2}", -0.05 + 0.5 * r.unit());
        let status =
            ["not_started", "in_progress", "complete", "complete", "blocked"][usize::try_from(r.below(5)).unwrap_or(0)];
        let _ = writeln!(y, "    onboarding: {{ status: {status}, satisfaction: {:.1} }}", 4.0 + 6.0 * r.unit());
        let risk = ["low", "low", "medium", "high"][usize::try_from(r.below(4)).unwrap_or(0)];
        let _ = writeln!(
            y,
            "    health: {{ engagement: {:.2}, churn_risk: {risk}, flagged_on: 2026-{:02}-{:02}, churn_probability: {:.2} }}",
            r.unit(),
            6 + r.below(5),
            1 + r.below(28),
            r.unit() * 0.6
        );
        let _ = writeln!(y, "    renewal_date: 2027-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28));
        let s = |r: &mut Rng| 1 + r.below(scale);
        let _ = writeln!(
            y,
            "    scores:\n      growth: {{ revenue_growth: {}, share_of_wallet: {}, upsell_potential: {} }}\n      harmony: {{ strategic_fit: {}, culture: {}, vision: {}, strategy: {} }}",
            s(&mut r),
            s(&mut r),
            s(&mut r),
            s(&mut r),
            s(&mut r),
            s(&mut r),
            s(&mut r)
        );
        let _ = writeln!(
            y,
            "    divisions:\n      - {{ name: Radiology, offerings: {{ cloud: {}, collab: {}, crm: {}, voice: {} }} }}",
            r.pick(CELLS),
            r.pick(CELLS),
            r.pick(CELLS),
            r.pick(CELLS)
        );
        let people = if stakeholders { 5 + r.below(11) as usize } else { 0 };
        if people > 0 {
            y.push_str("    stakeholders:\n");
        }
        for (k, (who, title, boss)) in org_chart(&mut r, people).into_iter().enumerate() {
            let boss = boss.map_or(String::new(), |b| format!(", reports_to: s{b}"));
            let _ = writeln!(
                y,
                "      - {{ id: s{k}, name: \"{who}\", title: {title}{boss}, power: {}, relationship: {}{} }}",
                if k == 0 { 5 } else { 1 + r.below(4) },
                r.pick(RELATIONSHIPS),
                if k == 1 { ", key_contact: true" } else { "" }
            );
        }
    }
    y.push_str(
        "program:\n  charter:\n    mission: Grow and retain our most valuable relationships.\n    qualification: Tier A accounts\n\
         \x20   objectives: [ { name: Grow MRR, kpi: MRR growth, target: \"+20%\" } ]\n  milestones:\n\
         \x20   - { name: Tooling rollout, start: 2026-07-01, end: 2026-12-31, owner: m0, status: on_track }\n\
         \x20   - { name: Account plans, start: 2026-06-01, end: 2026-08-31, owner: m1, status: done }\n\
         \x20 raci:\n",
    );
    // Each activity: one accountable member, one or two responsible, the rest consulted or
    // informed at random.
    for (k, activity) in ACTIVITIES.iter().enumerate() {
        let _ = write!(y, "    {activity}: {{ ");
        let accountable = k % team.len();
        let cells: Vec<String> = team
            .iter()
            .enumerate()
            .filter_map(|(m, id)| {
                let role = if m == accountable {
                    "A"
                } else if m == (accountable + 1) % team.len() {
                    "R"
                } else {
                    ["R", "C", "I", "", ""][r.below(5) as usize]
                };
                (!role.is_empty()).then(|| format!("{id}: {role}"))
            })
            .collect();
        let _ = writeln!(y, "{} }}", cells.join(", "));
    }
    y
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_valid() {
        let make =
            |seed| super::portfolio_yaml(super::Synthetic { seed, stakeholders: true, ..super::Synthetic::new(60) });
        let a = make(1);
        assert_eq!(a, make(1));
        assert_ne!(a, make(2));
        let p = crate::input::from_yaml_str(&a, "gen.yaml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.accounts.len(), 60);
    }
}
