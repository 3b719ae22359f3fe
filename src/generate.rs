//! A deterministic generator of synthetic portfolios, for benchmarks and tests at scale.
//!
//! The same `(accounts, seed)` always gives the same YAML text, so benchmark figures and
//! test expectations are reproducible. The data is plausible, not realistic: long-tailed
//! revenue, some churned and some new accounts, every optional section present.

use std::fmt::Write as _;

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

const FIRST: &[&str] = &[
    "Aurora",
    "Beacon",
    "Cedar",
    "Delta",
    "Elm",
    "Fairview",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Keystone",
    "Lakeside",
    "Maple",
    "Northfield",
    "Oakridge",
    "Pinecrest",
    "Quarry",
    "Riverside",
    "Summit",
    "Timber",
    "Union",
    "Valley",
    "Willow",
    "Yarrow",
    "Zenith",
    "Bayview",
    "Crestline",
    "Driftwood",
    "Eastgate",
    "Foxglove",
    "Glenwood",
    "Highland",
    "Ironbridge",
    "Kingsley",
    "Larkspur",
    "Meadow",
    "Newport",
    "Orchard",
    "Prairie",
    "Redstone",
];
const SECOND: &[&str] = &[
    "Health",
    "Medical Center",
    "Clinics",
    "Hospital",
    "Care Network",
    "Health Partners",
    "Medical Group",
    "Pediatrics",
    "Surgical",
    "Imaging",
    "Rehabilitation",
    "Senior Care",
    "Family Practice",
    "Cancer Center",
    "Dialysis",
    "Behavioral Health",
    "Urgent Care",
    "Orthopedics",
    "Cardiology",
    "Labs",
    "Health System",
    "Wellness",
    "Women's Health",
    "Eye Institute",
    "Dental Group",
];
const PEOPLE: &[&str] = &[
    "Alex Kim",
    "Sam Ortiz",
    "Robin Shah",
    "Chris Novak",
    "Jamie Chen",
    "Taylor Brooks",
    "Morgan Diaz",
    "Casey Ward",
    "Drew Fischer",
    "Avery Singh",
];
const TITLES: &[&str] = &[
    "CIO",
    "CFO",
    "VP Operations",
    "Director of IT",
    "Head of Radiology",
    "Procurement Lead",
    "CMIO",
    "Head of Nursing",
    "IT Architect",
];
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
}

/// YAML text of a synthetic portfolio.
pub fn portfolio_yaml(opts: Synthetic) -> String {
    let Synthetic { accounts, seed, stakeholders } = opts;
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut y = String::with_capacity(accounts * 900 + 4000);
    y.push_str(
        "seller: { name: Synthetic Cloud, division: Healthcare }\ncurrency: USD\nperiod: FY2026 Q2\nreport_date: 2026-11-15\n\
         fiscal_years: [FY2024, FY2025, FY2026]\n\
         plans:\n  - { id: basic, name: Basic }\n  - { id: standard, name: Standard }\n  - { id: premium, name: Premium, upsell: true }\n\
         offerings:\n  - { id: cloud, name: Cloud platform }\n  - { id: collab, name: Collaboration }\n  - { id: crm, name: CRM }\n  - { id: voice, name: Voice transcription }\n\
         team:\n",
    );
    let team = ["m0", "m1", "m2", "m3", "m4", "m5"];
    for (k, id) in team.iter().enumerate() {
        let _ = writeln!(y, "  - {{ id: {id}, name: {}, role: Key Account Manager }}", PEOPLE[k]);
    }
    y.push_str("accounts:\n");
    for i in 0..accounts {
        let name = if i < FIRST.len() * SECOND.len() {
            format!("{} {}", FIRST[i % FIRST.len()], SECOND[(i / FIRST.len()) % SECOND.len()])
        } else {
            format!(
                "{} {} {}",
                FIRST[i % FIRST.len()],
                SECOND[(i / FIRST.len()) % SECOND.len()],
                i / (FIRST.len() * SECOND.len()) + 1
            )
        };
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
            team[i % team.len()]
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
        let s = |r: &mut Rng| 1 + r.below(10);
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
        let people = if stakeholders { 5 + r.below(11) } else { 0 };
        if people > 0 {
            y.push_str("    stakeholders:\n");
        }
        for k in 0..people {
            let boss = if k == 0 { String::new() } else { format!(", reports_to: s{}", r.below(k)) };
            let _ = writeln!(
                y,
                "      - {{ id: s{k}, name: {}, title: {}{boss}, power: {}, relationship: {}{} }}",
                r.pick(PEOPLE),
                r.pick(TITLES),
                1 + r.below(5),
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
         \x20 raci:\n    Quarterly business review: { m0: A, m1: R }\n",
    );
    y
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_valid() {
        let make = |seed| super::portfolio_yaml(super::Synthetic { accounts: 60, seed, stakeholders: true });
        let a = make(1);
        assert_eq!(a, make(1));
        assert_ne!(a, make(2));
        let p = crate::input::from_yaml_str(&a, "gen.yaml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.accounts.len(), 60);
    }
}
