//! Pareto analysis: which few accounts make most of the latest year's revenue.

use super::{count_f64, ranked_by, ratio};
use crate::model::Portfolio;

/// One bar of the Pareto chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoRow {
    /// Account index.
    pub account: usize,
    /// Revenue in the analysed year.
    pub revenue: f64,
    /// Share of total revenue.
    pub share: f64,
    /// Cumulative share up to and including this account.
    pub cumulative: f64,
    /// Part of the vital few.
    pub vital: bool,
}

/// The Pareto analysis of one fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct Pareto {
    /// The fiscal year analysed.
    pub year: String,
    /// Accounts with revenue in that year, largest first (ties by name).
    pub rows: Vec<ParetoRow>,
    /// Total revenue of the year.
    pub total: f64,
    /// The cut (default 0.8).
    pub cut: f64,
    /// Size of the smallest set of top accounts whose cumulative share reaches the cut.
    pub vital_few: usize,
}

impl Pareto {
    /// Vital few as a share of the accounts with revenue.
    pub fn account_share(&self) -> Option<f64> {
        ratio(count_f64(self.vital_few), count_f64(self.rows.len()))
    }

    /// Revenue share of the vital few.
    pub fn revenue_share(&self) -> f64 {
        self.vital_few.checked_sub(1).map_or(0.0, |i| self.rows[i].cumulative)
    }
}

/// Sorts the accounts with revenue in `year` and finds the vital few for `cut`.
pub fn pareto(p: &Portfolio, year: &str, cut: f64) -> Pareto {
    let with_revenue = (0..p.accounts.len()).filter(|&i| p.accounts[i].revenue_in(year) > 0.0);
    let order = ranked_by(p, with_revenue, |a| a.revenue_in(year));
    let total: f64 = order.iter().map(|&i| p.accounts[i].revenue_in(year)).sum();
    let mut rows = Vec::with_capacity(order.len());
    let mut running = 0.0;
    let mut vital_few = 0;
    for &i in &order {
        let revenue = p.accounts[i].revenue_in(year);
        // Is the cut still unreached before this account? Then it belongs to the vital few.
        // Compared on sums, with a relative tolerance, so 80/100 reaches a cut of 0.8 exactly.
        let vital = running < cut * total * (1.0 - 1e-12);
        running += revenue;
        if vital {
            vital_few += 1;
        }
        rows.push(ParetoRow { account: i, revenue, share: revenue / total, cumulative: running / total, vital });
    }
    Pareto { year: year.to_owned(), rows, total, cut, vital_few }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::revenues;

    #[test]
    fn vital_few_reaches_the_cut() {
        // 50 + 30 = 80 of 100: two accounts reach exactly 80 %.
        let p = revenues(&["FY1"], &[("a", &[50.0]), ("b", &[30.0]), ("c", &[15.0]), ("d", &[5.0])]);
        let r = pareto(&p, "FY1", 0.8);
        assert_eq!(r.vital_few, 2);
        assert_eq!(r.account_share(), Some(0.5));
        assert!((r.revenue_share() - 0.8).abs() < 1e-12);
        assert_eq!(r.rows.iter().map(|x| x.vital).collect::<Vec<_>>(), [true, true, false, false]);
    }

    #[test]
    fn crossing_account_is_vital() {
        let p = revenues(&["FY1"], &[("a", &[50.0]), ("b", &[29.0]), ("c", &[21.0])]);
        assert_eq!(pareto(&p, "FY1", 0.8).vital_few, 3);
    }

    #[test]
    fn ties_and_zero_revenue() {
        let p = revenues(&["FY1"], &[("b", &[40.0]), ("a", &[40.0]), ("z", &[0.0]), ("c", &[20.0])]);
        let r = pareto(&p, "FY1", 0.8);
        assert_eq!(r.rows.len(), 3, "zero revenue is not on the chart");
        assert_eq!(p.accounts[r.rows[0].account].id, "a");
        assert_eq!(r.vital_few, 2);
    }

    #[test]
    fn single_and_empty() {
        let p = revenues(&["FY1"], &[("a", &[10.0])]);
        let r = pareto(&p, "FY1", 0.8);
        assert_eq!((r.vital_few, r.revenue_share()), (1, 1.0));
        let p = revenues(&["FY1"], &[("a", &[0.0])]);
        let r = pareto(&p, "FY1", 0.8);
        assert_eq!((r.vital_few, r.rows.len(), r.account_share()), (0, 0, None));
    }
}
