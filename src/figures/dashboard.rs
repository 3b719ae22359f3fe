//! The KA dashboard: MRR, ARR, change over periods, upsell penetration, top accounts.

use super::abc::{Abc, Tier};
use super::retention::Retention;
use super::risk::{Endangerment, Risk};
use super::{count_f64, is_active, ranked_by, ratio};
use crate::model::{OnboardingStatus, Portfolio};

/// Upsell penetration of the plan marked `upsell`.
#[derive(Debug, Clone, PartialEq)]
pub struct Upsell {
    /// Index of the plan in `Portfolio::plans`.
    pub plan: usize,
    /// Active accounts with MRR on that plan.
    pub on_plan: usize,
    /// `on_plan` / active accounts.
    pub penetration: Option<f64>,
    /// Active accounts not on it yet, largest MRR first.
    pub candidates: Vec<usize>,
}

/// A row of the top-accounts table.
#[derive(Debug, Clone, PartialEq)]
pub struct TopRow {
    /// Account index.
    pub account: usize,
    /// Tier in the latest year.
    pub tier: Option<Tier>,
    /// Current MRR.
    pub mrr: f64,
    /// Change against the previous period, when there is one.
    pub change: Option<f64>,
    /// Onboarding status.
    pub onboarding: Option<OnboardingStatus>,
    /// Endangerment.
    pub endangered: Option<Endangerment>,
}

/// Dashboard figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// Active accounts.
    pub active: usize,
    /// Σ current MRR.
    pub total_mrr: f64,
    /// 12 × total MRR.
    pub arr: f64,
    /// Periods with MRR, oldest first; the last is the current period.
    pub periods: Vec<String>,
    /// MRR per period (outer) and plan (inner, `Portfolio::plans` order).
    pub mrr_by_plan: Vec<Vec<f64>>,
    /// Σ MRR of the previous period, when the portfolio records one.
    pub previous_mrr: Option<f64>,
    /// Change against the previous period.
    pub change: Option<f64>,
    /// Change as a fraction of the previous period.
    pub change_pct: Option<f64>,
    /// NRR into the latest fiscal year.
    pub nrr: Option<f64>,
    /// Accounts at risk.
    pub at_risk: usize,
    /// MRR of the accounts at risk.
    pub mrr_at_risk: f64,
    /// Onboarding status counts, `OnboardingStatus::ALL` order.
    pub onboarding_counts: [usize; 4],
    /// Upsell penetration, when a plan is marked `upsell`.
    pub upsell: Option<Upsell>,
    /// Every active account by MRR (the slide shows the top ones).
    pub top: Vec<TopRow>,
}

/// History periods in order: the longest history's order, then any others as first seen.
fn history_periods(p: &Portfolio) -> Vec<String> {
    let mut periods: Vec<String> = Vec::new();
    let mut histories: Vec<&Vec<crate::model::MrrSnapshot>> = p.accounts.iter().map(|a| &a.mrr_history).collect();
    histories.sort_by_key(|h| std::cmp::Reverse(h.len()));
    for h in histories {
        for s in h {
            if !periods.contains(&s.period) {
                periods.push(s.period.clone());
            }
        }
    }
    periods
}

/// Dashboard figures of `p`.
pub fn dashboard(p: &Portfolio, abc: &Abc, risk: &Risk, retention: &Retention) -> Dashboard {
    let latest = p.latest_year();
    let active: Vec<usize> = (0..p.accounts.len()).filter(|&i| is_active(&p.accounts[i], latest)).collect();
    let total_mrr: f64 = p.accounts.iter().map(crate::model::Account::mrr_total).sum();
    let history = history_periods(p);
    let mut mrr_by_plan: Vec<Vec<f64>> = history
        .iter()
        .map(|period| {
            p.plans
                .iter()
                .map(|plan| {
                    p.accounts
                        .iter()
                        .filter_map(|a| a.mrr_history.iter().find(|s| &s.period == period))
                        .map(|s| s.plans.get(&plan.id).copied().unwrap_or(0.0))
                        .sum()
                })
                .collect()
        })
        .collect();
    mrr_by_plan.push(
        p.plans
            .iter()
            .map(|plan| p.accounts.iter().map(|a| a.mrr.get(&plan.id).copied().unwrap_or(0.0)).sum())
            .collect(),
    );
    let previous_period = history.last().cloned();
    let account_previous = |i: usize| -> Option<f64> {
        let period = previous_period.as_ref()?;
        Some(p.accounts[i].mrr_history.iter().find(|s| &s.period == period).map_or(0.0, |s| s.plans.values().sum()))
    };
    let previous_mrr: Option<f64> =
        previous_period.as_ref().map(|_| (0..p.accounts.len()).filter_map(account_previous).sum());
    let change = previous_mrr.map(|prev| total_mrr - prev);
    let change_pct = match (change, previous_mrr) {
        (Some(c), Some(prev)) => ratio(c, prev),
        _ => None,
    };
    let mut periods = history;
    periods.push(p.period.clone().unwrap_or_else(|| latest.to_owned()));

    let upsell = p.plans.iter().position(|pl| pl.upsell).map(|plan| {
        let id = &p.plans[plan].id;
        let on = |i: &usize| p.accounts[*i].mrr.get(id).copied().unwrap_or(0.0) > 0.0;
        let on_plan = active.iter().filter(|i| on(i)).count();
        let not_on = active.iter().copied().filter(|i| !on(i));
        Upsell {
            plan,
            on_plan,
            penetration: ratio(count_f64(on_plan), count_f64(active.len())),
            candidates: ranked_by(p, not_on, crate::model::Account::mrr_total),
        }
    });
    let top = ranked_by(p, active.iter().copied(), crate::model::Account::mrr_total)
        .into_iter()
        .map(|i| {
            let a = &p.accounts[i];
            TopRow {
                account: i,
                tier: abc.latest_tier(i),
                mrr: a.mrr_total(),
                change: account_previous(i).map(|prev| a.mrr_total() - prev),
                onboarding: a.onboarding.as_ref().and_then(|o| o.status),
                endangered: risk.endangered[i],
            }
        })
        .collect();
    Dashboard {
        active: active.len(),
        total_mrr,
        arr: 12.0 * total_mrr,
        periods,
        mrr_by_plan,
        previous_mrr,
        change,
        change_pct,
        nrr: retention.latest().and_then(|y| y.nrr),
        at_risk: risk.at_risk.len(),
        mrr_at_risk: risk.mrr_at_risk,
        onboarding_counts: risk.onboarding_counts,
        upsell,
        top,
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::Figures;
    use crate::figures::testing::portfolio;

    const P: &str = "seller: { name: S }\nfiscal_years: [Y1, Y2]\nperiod: Q2\n\
      plans: [ { id: basic, name: Basic }, { id: prem, name: Premium, upsell: true } ]\naccounts:\n\
      - { id: a, name: A, revenue: { Y1: 100, Y2: 120 }, mrr: { basic: 10, prem: 5 },\n    mrr_history: [ { period: Q0, basic: 5 }, { period: Q1, basic: 8, prem: 2 } ] }\n\
      - { id: b, name: B, revenue: { Y1: 50, Y2: 0 }, mrr: { basic: 20 }, mrr_history: [ { period: Q1, basic: 25 } ] }\n\
      - { id: c, name: C, revenue: { Y1: 10, Y2: 0 } }\n\
      - { id: d, name: D, revenue: { Y2: 7 }, mrr: { basic: 1 } }\n";

    #[test]
    fn kpis_and_change() {
        let p = portfolio(P);
        let f = Figures::compute(&p);
        let d = &f.dashboard;
        assert_eq!(d.active, 3, "c has neither revenue nor MRR");
        assert_eq!(d.total_mrr, 36.0);
        assert_eq!(d.arr, 432.0);
        assert_eq!(d.periods, ["Q0", "Q1", "Q2"]);
        assert_eq!(d.mrr_by_plan, vec![vec![5.0, 0.0], vec![33.0, 2.0], vec![31.0, 5.0]]);
        assert_eq!(d.previous_mrr, Some(35.0));
        assert_eq!(d.change, Some(1.0));
        assert_eq!(d.change_pct, Some(1.0 / 35.0));
        // NRR Y2 over base a, b, c: (120 + 0 + 0) / 160
        assert_eq!(d.nrr, Some(0.75));
    }

    #[test]
    fn upsell_and_top_accounts() {
        let p = portfolio(P);
        let d = Figures::compute(&p).dashboard;
        let u = d.upsell.unwrap();
        assert_eq!((u.on_plan, u.candidates.clone()), (1, vec![1, 3]));
        assert_eq!(u.penetration, Some(1.0 / 3.0));
        assert_eq!(
            d.top.iter().map(|r| (r.account, r.change)).collect::<Vec<_>>(),
            [(1, Some(-5.0)), (0, Some(5.0)), (3, Some(1.0))]
        );
    }

    #[test]
    fn no_history_no_change() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nplans: [ { id: x, name: X } ]\naccounts:\n  - { id: a, name: A, revenue: { Y: 1 }, mrr: { x: 3 } }\n",
        );
        let d = Figures::compute(&p).dashboard;
        assert_eq!((d.previous_mrr, d.change, d.change_pct, d.nrr), (None, None, None, None));
        assert_eq!(d.periods, ["Y"]);
        assert!(d.upsell.is_none());
    }
}
