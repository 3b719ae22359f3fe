//! The numbers behind every slide: pure functions over a validated portfolio.
//!
//! Each module implements one analysis of the slide contract (SLIDES.md); `Figures::compute` runs
//! them all once per deck so the slides and their workbook sheets read the same results.
//! Accounts are referred to by their index in `Portfolio::accounts`.

pub mod abc;
pub mod bridge;
pub mod dashboard;
pub mod decisions;
pub mod divisions;
pub mod orgchart;
pub mod pareto;
pub mod profit;
pub mod retention;
pub mod risk;
pub mod scoring;
pub mod team;

use std::cmp::Ordering;

use crate::model::{Account, Portfolio};

/// Every figure of the review deck.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Pareto analysis of the latest year.
    pub pareto: pareto::Pareto,
    /// ABC tiers per year.
    pub abc: abc::Abc,
    /// Scoring matrix.
    pub scoring: scoring::Scoring,
    /// Profit matrix.
    pub profit: profit::ProfitMatrix,
    /// Dashboard KPIs.
    pub dashboard: dashboard::Dashboard,
    /// Endangerment, risk queue and onboarding.
    pub risk: risk::Risk,
    /// GRR, NRR, logo churn per year.
    pub retention: retention::Retention,
    /// Accounts × offerings.
    pub divisions: divisions::DivisionMap,
    /// Team coverage and RACI.
    pub team: team::Team,
    /// Each account's place in alphabetical order (`name_order`).
    pub name_order: Vec<usize>,
    /// The revenue bridge into the latest year.
    pub bridge: Option<bridge::Bridge>,
}

impl Figures {
    /// Computes every figure of `p`.
    pub fn compute(p: &Portfolio) -> Self {
        // Two independent halves on two threads: at 10,000 accounts each takes tens of ms.
        let ((abc, retention, risk, dashboard, team), (pareto, scoring, profit, divisions)) = std::thread::scope(|s| {
            let other = s.spawn(|| {
                (
                    pareto::pareto(p, p.latest_year(), p.settings.pareto_cut),
                    scoring::scoring(p),
                    profit::profit_matrix(p),
                    divisions::division_map(p),
                )
            });
            let abc = abc::abc(p);
            let retention = retention::retention(p);
            let risk = risk::risk(p, &abc);
            let dashboard = dashboard::dashboard(p, &abc, &risk, &retention);
            let team = team::team(p, &abc);
            let rest = other.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            ((abc, retention, risk, dashboard, team), rest)
        });
        Self {
            pareto,
            scoring,
            profit,
            dashboard,
            divisions,
            team,
            abc,
            risk,
            retention,
            name_order: name_order(p),
            bridge: bridge::bridge(p),
        }
    }
}

/// An account has revenue in the latest fiscal year or MRR above zero.
pub fn is_active(a: &Account, latest_year: &str) -> bool {
    a.revenue_in(latest_year) > 0.0 || a.mrr_total() > 0.0
}

/// Account indices sorted by `key` descending, ties broken by name then id (stable output).
pub fn ranked_by(p: &Portfolio, indices: impl IntoIterator<Item = usize>, key: impl Fn(&Account) -> f64) -> Vec<usize> {
    // Keys computed once, not per comparison: 10,000 accounts sort in a few milliseconds.
    let mut v: Vec<(f64, usize)> = indices.into_iter().map(|i| (key(&p.accounts[i]), i)).collect();
    v.sort_by(|(ka, i), (kb, j)| kb.total_cmp(ka).then_with(|| by_name(&p.accounts[*i], &p.accounts[*j])));
    v.into_iter().map(|(_, i)| i).collect()
}

/// Each account's place (1-based) in alphabetical order: the tie-breaker as a number, which
/// compares the same in Rust, Excel and LibreOffice (names do not: case and accents collate
/// differently in each), so the workbook's formulas break ties as the slides do.
pub fn name_order(p: &Portfolio) -> Vec<usize> {
    let mut by: Vec<usize> = (0..p.accounts.len()).collect();
    by.sort_by(|&i, &j| by_name(&p.accounts[i], &p.accounts[j]));
    let mut order = vec![0; by.len()];
    for (k, i) in by.into_iter().enumerate() {
        order[i] = k + 1;
    }
    order
}

/// `x` rounded to nine decimals: a sum of decimal weights × whole scores (0.4 × 4 + 0.3 × 2 +
/// 0.3 × 2) is exact on paper but not in binary (3.1999999999999997 beside 3.2); rounded,
/// scores equal on paper compare equal, in Rust and in the workbook's `ROUND(…, 9)` alike.
pub fn settle(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Alphabetical order of accounts, the tie-breaker everywhere.
pub fn by_name(a: &Account, b: &Account) -> Ordering {
    a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))
}

/// The median of `values` (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// `num / den`, or `None` when the denominator is zero (never NaN or infinity).
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0 && num.is_finite() && den.is_finite()).then(|| num / den)
}

/// Count as f64 for shares (counts never exceed 2^52).
pub fn count_f64(n: usize) -> f64 {
    n as f64
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small portfolios written inline for the unit tests.
    use crate::model::Portfolio;

    /// Parses a YAML portfolio (panics on invalid input: tests write valid ones).
    pub(crate) fn portfolio(yaml: &str) -> Portfolio {
        crate::input::from_yaml_str(yaml, "test.yaml").unwrap_or_else(|e| panic!("{e}"))
    }

    /// A portfolio with one fiscal year and the given (id, revenue) accounts.
    pub(crate) fn revenues(years: &[&str], accounts: &[(&str, &[f64])]) -> Portfolio {
        let mut y = format!("seller: {{ name: S }}\nfiscal_years: [{}]\naccounts:\n", years.join(", "));
        for (id, revs) in accounts {
            let rev: Vec<String> = years.iter().zip(revs.iter()).map(|(yr, r)| format!("{yr}: {r}")).collect();
            y.push_str(&format!("  - {{ id: {id}, name: {id}, revenue: {{ {} }} }}\n", rev.join(", ")));
        }
        portfolio(&y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_ratio() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
    }

    #[test]
    fn ties_rank_by_name() {
        let p = testing::revenues(&["FY1"], &[("b", &[5.0]), ("a", &[5.0]), ("c", &[9.0])]);
        let order = ranked_by(&p, 0..3, |a| a.revenue_in("FY1"));
        let ids: Vec<&str> = order.iter().map(|&i| p.accounts[i].id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }
}
