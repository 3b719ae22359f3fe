//! Profit matrix: revenue against margin, split at the medians (or configured thresholds).

use super::median;
use crate::model::{Portfolio, Split};

/// A profit-matrix quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfitQuadrant {
    /// High revenue, high margin.
    Protect,
    /// Low revenue, high margin.
    Grow,
    /// High revenue, low margin.
    FixCost,
    /// Low revenue, low margin.
    Review,
}

impl ProfitQuadrant {
    /// All quadrants in reading order.
    pub const ALL: [ProfitQuadrant; 4] =
        [ProfitQuadrant::Protect, ProfitQuadrant::Grow, ProfitQuadrant::FixCost, ProfitQuadrant::Review];

    /// Catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            ProfitQuadrant::Protect => "protect",
            ProfitQuadrant::Grow => "grow",
            ProfitQuadrant::FixCost => "fix_cost",
            ProfitQuadrant::Review => "review",
        }
    }
}

/// One plotted account.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfitPoint {
    /// Account index.
    pub account: usize,
    /// Revenue in the latest year.
    pub revenue: f64,
    /// Profit margin (fraction).
    pub margin: f64,
    /// Quadrant.
    pub quadrant: ProfitQuadrant,
}

/// The profit matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfitMatrix {
    /// Plotted accounts, largest revenue first (ties by name).
    pub points: Vec<ProfitPoint>,
    /// Revenue threshold in force.
    pub revenue_split: f64,
    /// Margin threshold in force.
    pub margin_split: f64,
    /// Accounts with latest-year revenue but no margin.
    pub without_margin: usize,
}

/// Accounts with latest-year revenue and a margin, placed in their quadrants.
pub fn profit_matrix(p: &Portfolio) -> ProfitMatrix {
    let year = p.latest_year();
    let with_revenue: Vec<usize> = (0..p.accounts.len()).filter(|&i| p.accounts[i].revenue_in(year) > 0.0).collect();
    let plotted: Vec<usize> = with_revenue.iter().copied().filter(|&i| p.accounts[i].margin.is_some()).collect();
    let order = super::ranked_by(p, plotted, |a| a.revenue_in(year));
    let revs: Vec<f64> = order.iter().map(|&i| p.accounts[i].revenue_in(year)).collect();
    let margins: Vec<f64> = order.iter().filter_map(|&i| p.accounts[i].margin).collect();
    let split = |s: Split, values: &[f64]| match s {
        Split::Value(v) => v,
        Split::Median => median(values).unwrap_or(0.0),
    };
    let revenue_split = split(p.settings.profit_matrix.revenue_split, &revs);
    let margin_split = split(p.settings.profit_matrix.margin_split, &margins);
    let points = order
        .iter()
        .map(|&i| {
            let revenue = p.accounts[i].revenue_in(year);
            let margin = p.accounts[i].margin.unwrap_or(0.0);
            let quadrant = match (revenue >= revenue_split, margin >= margin_split) {
                (true, true) => ProfitQuadrant::Protect,
                (false, true) => ProfitQuadrant::Grow,
                (true, false) => ProfitQuadrant::FixCost,
                (false, false) => ProfitQuadrant::Review,
            };
            ProfitPoint { account: i, revenue, margin, quadrant }
        })
        .collect::<Vec<_>>();
    ProfitMatrix { without_margin: with_revenue.len() - points.len(), points, revenue_split, margin_split }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::portfolio;

    #[test]
    fn medians_split_the_matrix() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\naccounts:\n\
             - { id: a, name: A, revenue: { Y: 100 }, margin: 0.4 }\n\
             - { id: b, name: B, revenue: { Y: 10 }, margin: 0.5 }\n\
             - { id: c, name: C, revenue: { Y: 60 }, margin: -0.1 }\n\
             - { id: d, name: D, revenue: { Y: 5 }, margin: 0.1 }\n\
             - { id: e, name: E, revenue: { Y: 50 } }\n",
        );
        let m = profit_matrix(&p);
        // revenues 100, 60, 10, 5 → median 35; margins .4 .5 -.1 .1 → median .25
        assert_eq!(m.revenue_split, 35.0);
        assert!((m.margin_split - 0.25).abs() < 1e-12);
        assert_eq!(m.without_margin, 1);
        let q: Vec<_> = m.points.iter().map(|x| (p.accounts[x.account].id.as_str(), x.quadrant)).collect();
        assert_eq!(
            q,
            [
                ("a", ProfitQuadrant::Protect),
                ("c", ProfitQuadrant::FixCost),
                ("b", ProfitQuadrant::Grow),
                ("d", ProfitQuadrant::Review)
            ]
        );
    }

    #[test]
    fn configured_thresholds_and_single_account() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nsettings: { profit_matrix: { revenue_split: 1000, margin_split: 0.2 } }\n\
             accounts:\n  - { id: a, name: A, revenue: { Y: 1000 }, margin: 0.2 }\n",
        );
        let m = profit_matrix(&p);
        assert_eq!(m.points[0].quadrant, ProfitQuadrant::Protect, "at the threshold counts as high");
    }
}
