//! Endangerment, the accounts-at-risk queue and onboarding satisfaction.

use super::abc::{Abc, Tier};
use super::{count_f64, is_active, ratio};
use crate::model::{Account, Level, OnboardingStatus, Portfolio, RiskRank};

/// Why an account is endangered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Endangerment {
    /// Engagement below the configured threshold.
    pub low_engagement: bool,
    /// Churn risk `high`.
    pub high_churn: bool,
}

impl Endangerment {
    /// Endangerment of `a`, or `None` when it is not endangered.
    pub fn of(a: &Account, threshold: f64) -> Option<Self> {
        let h = a.health.as_ref()?;
        let e = Self {
            low_engagement: h.engagement.is_some_and(|x| x < threshold),
            high_churn: h.churn_risk == Some(Level::High),
        };
        (e.low_engagement || e.high_churn).then_some(e)
    }

    /// The catalogue key of why the account is endangered, in words (`flag.*`).
    pub fn reason(self) -> &'static str {
        match (self.low_engagement, self.high_churn) {
            (true, true) => "flag.both",
            (false, true) => "flag.churn",
            _ => "flag.engagement",
        }
    }
}

/// An account in the risk queue.
#[derive(Debug, Clone, PartialEq)]
pub struct AtRisk {
    /// Account index.
    pub account: usize,
    /// Tier in the latest year.
    pub tier: Option<Tier>,
    /// Current MRR: all of it is at risk.
    pub mrr: f64,
    /// Churn probability, when given.
    pub probability: Option<f64>,
    /// Days since the account was flagged, when known.
    pub days_flagged: Option<i64>,
    /// Why it is endangered.
    pub why: Endangerment,
}

/// Risk and onboarding figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    /// Endangerment per account index (active accounts only).
    pub endangered: Vec<Option<Endangerment>>,
    /// Endangered active accounts, ordered by the configured risk rank.
    pub at_risk: Vec<AtRisk>,
    /// Σ MRR of the accounts at risk.
    pub mrr_at_risk: f64,
    /// Σ MRR × churn probability (1 where not given), when any account at risk has one.
    pub weighted_mrr_at_risk: Option<f64>,
    /// Accounts in onboarding (in progress or blocked) with a satisfaction score, best first.
    pub satisfaction: Vec<(usize, f64)>,
    /// Average of those scores.
    pub satisfaction_avg: Option<f64>,
    /// Active accounts per onboarding status, in `OnboardingStatus::ALL` order.
    pub onboarding_counts: [usize; 4],
    /// Active accounts in onboarding without a satisfaction score.
    pub unsurveyed: usize,
}

/// Risk figures of `p`; `abc` gives the tiers that rank importance.
pub fn risk(p: &Portfolio, abc: &Abc) -> Risk {
    let latest = p.latest_year();
    let threshold = p.settings.engagement_threshold;
    let endangered: Vec<Option<Endangerment>> =
        p.accounts.iter().map(|a| if is_active(a, latest) { Endangerment::of(a, threshold) } else { None }).collect();
    let mut at_risk: Vec<AtRisk> = endangered
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let why = (*e)?;
            let a = &p.accounts[i];
            let h = a.health.as_ref();
            let days_flagged = match (p.report_date, h.and_then(|h| h.flagged_on)) {
                (Some(today), Some(on)) => Some(today.days_since(on)),
                _ => None,
            };
            Some(AtRisk {
                account: i,
                tier: abc.latest_tier(i),
                mrr: a.mrr_total(),
                probability: h.and_then(|h| h.churn_probability),
                days_flagged,
                why,
            })
        })
        .collect();
    sort_at_risk(&mut at_risk, p, p.settings.risk_rank);
    let mrr_at_risk = at_risk.iter().map(|r| r.mrr).sum();
    let weighted_mrr_at_risk = at_risk
        .iter()
        .any(|r| r.probability.is_some())
        .then(|| at_risk.iter().map(|r| r.mrr * r.probability.unwrap_or(1.0)).sum());

    let mut onboarding_counts = [0; 4];
    let mut satisfaction = Vec::new();
    let mut unsurveyed = 0;
    for (i, a) in p.accounts.iter().enumerate() {
        let Some(o) = a.onboarding.as_ref().filter(|_| is_active(a, latest)) else { continue };
        if let Some(k) = OnboardingStatus::ALL.iter().position(|s| Some(*s) == o.status) {
            onboarding_counts[k] += 1;
        }
        if matches!(o.status, Some(OnboardingStatus::InProgress | OnboardingStatus::Blocked)) {
            match o.satisfaction {
                Some(s) => satisfaction.push((i, s)),
                None => unsurveyed += 1,
            }
        }
    }
    satisfaction.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| super::by_name(&p.accounts[x.0], &p.accounts[y.0])));
    let satisfaction_avg = ratio(satisfaction.iter().map(|x| x.1).sum(), count_f64(satisfaction.len()));
    Risk {
        endangered,
        at_risk,
        mrr_at_risk,
        weighted_mrr_at_risk,
        satisfaction,
        satisfaction_avg,
        onboarding_counts,
        unsurveyed,
    }
}

fn sort_at_risk(rows: &mut [AtRisk], p: &Portfolio, rank: RiskRank) {
    rows.sort_by(|x, y| {
        let primary = match rank {
            // Untiered accounts (no latest revenue) come after tier C.
            RiskRank::Importance => {
                x.tier.map_or(3, Tier::index).cmp(&y.tier.map_or(3, Tier::index)).then(y.mrr.total_cmp(&x.mrr))
            }
            RiskRank::Mrr => y.mrr.total_cmp(&x.mrr),
            RiskRank::QueueAge => y.days_flagged.unwrap_or(i64::MIN).cmp(&x.days_flagged.unwrap_or(i64::MIN)),
            RiskRank::Probability => y.probability.unwrap_or(-1.0).total_cmp(&x.probability.unwrap_or(-1.0)),
        };
        primary.then_with(|| super::by_name(&p.accounts[x.account], &p.accounts[y.account]))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::abc::abc;
    use crate::figures::testing::portfolio;

    const P: &str = "seller: { name: S }\nfiscal_years: [Y]\nreport_date: 2026-11-15\nplans: [ { id: p, name: P } ]\naccounts:\n\
      - { id: a, name: A, revenue: { Y: 100 }, mrr: { p: 10 }, health: { engagement: 0.2, churn_risk: low, flagged_on: 2026-11-05 } }\n\
      - { id: b, name: B, revenue: { Y: 10 }, mrr: { p: 50 }, health: { engagement: 0.9, churn_risk: high, churn_probability: 0.5 } }\n\
      - { id: c, name: C, revenue: { Y: 5 }, mrr: { p: 99 }, health: { engagement: 0.4, churn_risk: medium } }\n\
      - { id: d, name: D, revenue: { Y: 0 }, health: { churn_risk: high } }\n\
      - { id: e, name: E, revenue: { Y: 3 }, mrr: { p: 1 }, onboarding: { status: in_progress, satisfaction: 6 } }\n\
      - { id: f, name: F, revenue: { Y: 3 }, onboarding: { status: blocked, satisfaction: 9 } }\n\
      - { id: g, name: G, revenue: { Y: 3 }, onboarding: { status: complete, satisfaction: 10 } }\n";

    #[test]
    fn endangered_active_accounts_only() {
        let p = portfolio(P);
        let r = risk(&p, &abc(&p));
        // c sits exactly at the threshold: not below it. d is churned: not at risk any more.
        let ids: Vec<&str> = r.at_risk.iter().map(|x| p.accounts[x.account].id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "tier A first, then B");
        assert_eq!(r.at_risk[0].why, Endangerment { low_engagement: true, high_churn: false });
        assert_eq!(r.at_risk[0].days_flagged, Some(10));
        assert_eq!(r.mrr_at_risk, 60.0);
        // a has no probability (weight 1): 10 × 1 + 50 × 0.5
        assert_eq!(r.weighted_mrr_at_risk, Some(35.0));
    }

    #[test]
    fn rank_by_mrr_and_no_probabilities() {
        let mut p = portfolio(P);
        p.settings.risk_rank = RiskRank::Mrr;
        p.accounts[1].health.as_mut().unwrap().churn_probability = None;
        let r = risk(&p, &abc(&p));
        assert_eq!(r.at_risk[0].account, 1);
        assert_eq!(r.weighted_mrr_at_risk, None);
    }

    #[test]
    fn onboarding_satisfaction() {
        let p = portfolio(P);
        let r = risk(&p, &abc(&p));
        assert_eq!(r.satisfaction, vec![(5, 9.0), (4, 6.0)]);
        assert_eq!(r.satisfaction_avg, Some(7.5));
        assert_eq!(r.onboarding_counts, [0, 1, 1, 1]);
    }
}
