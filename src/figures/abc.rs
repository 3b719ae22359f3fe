//! ABC analysis per fiscal year, and tier migration between the last two years.

use super::ranked_by;
use crate::model::Portfolio;

/// An ABC tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The accounts making the first `a` of revenue.
    A,
    /// The next `b − a`.
    B,
    /// The rest.
    C,
}

impl Tier {
    /// All tiers, A first.
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    /// "A", "B" or "C".
    pub fn letter(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }

    /// Position in `ALL`.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Tiers of one fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTiers {
    /// The fiscal year.
    pub year: String,
    /// Tier per account index; `None` for accounts without revenue that year.
    pub tiers: Vec<Option<Tier>>,
    /// Accounts with revenue that year, largest first, with the share before each.
    pub order: Vec<(usize, f64)>,
    /// Number of accounts per tier (A, B, C).
    pub counts: [usize; 3],
    /// Revenue per tier (A, B, C).
    pub revenue: [f64; 3],
    /// Total revenue of the year.
    pub total: f64,
}

/// An account that changed tier between two years.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Account index.
    pub account: usize,
    /// Tier in the earlier year.
    pub from: Tier,
    /// Tier in the later year.
    pub to: Tier,
}

/// Tier changes between the last two fiscal years.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The earlier year.
    pub from_year: String,
    /// The later year.
    pub to_year: String,
    /// Accounts that moved to a higher tier.
    pub up: Vec<Move>,
    /// Accounts that moved to a lower tier.
    pub down: Vec<Move>,
    /// Accounts tiered only in the later year (new revenue).
    pub new: Vec<usize>,
    /// Accounts tiered only in the earlier year (no revenue any more).
    pub lost: Vec<usize>,
}

/// ABC tiers for every fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct Abc {
    /// One entry per fiscal year, oldest first.
    pub years: Vec<YearTiers>,
    /// Migration between the last two years, when there are two.
    pub migration: Option<Migration>,
}

impl Abc {
    /// Tier of `account` in the latest year.
    pub fn latest_tier(&self, account: usize) -> Option<Tier> {
        self.years.last().and_then(|y| y.tiers.get(account).copied().flatten())
    }
}

/// Tiers one year: the cumulative share *before* an account decides its tier.
pub fn year_tiers(p: &Portfolio, year: &str, a: f64, b: f64) -> YearTiers {
    let with_revenue = (0..p.accounts.len()).filter(|&i| p.accounts[i].revenue_in(year) > 0.0);
    let order = ranked_by(p, with_revenue, |acc| acc.revenue_in(year));
    let total: f64 = order.iter().map(|&i| p.accounts[i].revenue_in(year)).sum();
    let mut tiers = vec![None; p.accounts.len()];
    let mut counts = [0; 3];
    let mut revenue = [0.0; 3];
    let mut before = 0.0;
    let mut shares = Vec::with_capacity(order.len());
    // A relative tolerance keeps a share that is exactly `a` on paper (80/100) out of tier A
    // even when float sums land a hair below it.
    let eps = 1e-12;
    for &i in &order {
        let share_before = before / total;
        let tier = if share_before < a - eps {
            Tier::A
        } else if share_before < b - eps {
            Tier::B
        } else {
            Tier::C
        };
        let rev = p.accounts[i].revenue_in(year);
        tiers[i] = Some(tier);
        counts[tier.index()] += 1;
        revenue[tier.index()] += rev;
        shares.push((i, share_before));
        before += rev;
    }
    YearTiers { year: year.to_owned(), tiers, order: shares, counts, revenue, total }
}

/// ABC analysis of every fiscal year with the portfolio's thresholds.
pub fn abc(p: &Portfolio) -> Abc {
    let s = &p.settings.abc;
    let years: Vec<YearTiers> = p.fiscal_years.iter().map(|y| year_tiers(p, y, s.a, s.b)).collect();
    let migration = match years.as_slice() {
        [.., prev, last] => Some(migration(p, prev, last)),
        _ => None,
    };
    Abc { years, migration }
}

fn migration(p: &Portfolio, prev: &YearTiers, last: &YearTiers) -> Migration {
    let mut m = Migration {
        from_year: prev.year.clone(),
        to_year: last.year.clone(),
        up: vec![],
        down: vec![],
        new: vec![],
        lost: vec![],
    };
    let mut by_name: Vec<usize> = (0..p.accounts.len()).collect();
    by_name.sort_by(|&i, &j| super::by_name(&p.accounts[i], &p.accounts[j]));
    for i in by_name {
        match (prev.tiers[i], last.tiers[i]) {
            (Some(from), Some(to)) if to < from => m.up.push(Move { account: i, from, to }),
            (Some(from), Some(to)) if to > from => m.down.push(Move { account: i, from, to }),
            (None, Some(_)) => m.new.push(i),
            (Some(_), None) => m.lost.push(i),
            _ => {}
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::revenues;

    fn letters(p: &Portfolio, y: &YearTiers) -> Vec<String> {
        y.order.iter().map(|(i, _)| format!("{}{}", p.accounts[*i].id, y.tiers[*i].unwrap().letter())).collect()
    }

    #[test]
    fn share_before_decides() {
        // Shares before: a 0, b .50, c .75 (< .8 → A), d .90 (< .95 → B), e .96 → C
        let p = revenues(&["Y"], &[("a", &[50.0]), ("b", &[25.0]), ("c", &[15.0]), ("d", &[6.0]), ("e", &[4.0])]);
        let y = year_tiers(&p, "Y", 0.8, 0.95);
        assert_eq!(letters(&p, &y), ["aA", "bA", "cA", "dB", "eC"]);
        assert_eq!(y.counts, [3, 1, 1]);
        assert_eq!(y.revenue, [90.0, 6.0, 4.0]);
    }

    #[test]
    fn exact_threshold_is_next_tier() {
        // Share before c is exactly .80: not < .80, so B.
        let p = revenues(&["Y"], &[("a", &[60.0]), ("b", &[20.0]), ("c", &[15.0]), ("d", &[5.0])]);
        let y = year_tiers(&p, "Y", 0.8, 0.95);
        assert_eq!(letters(&p, &y), ["aA", "bA", "cB", "dC"]);
    }

    #[test]
    fn zero_revenue_and_single() {
        let p = revenues(&["Y"], &[("a", &[10.0]), ("z", &[0.0])]);
        let y = year_tiers(&p, "Y", 0.8, 0.95);
        assert_eq!(y.tiers, vec![Some(Tier::A), None]);
        let p = revenues(&["Y"], &[("z", &[0.0])]);
        assert_eq!(year_tiers(&p, "Y", 0.8, 0.95).counts, [0, 0, 0]);
    }

    #[test]
    fn migration_between_last_two_years() {
        let p = revenues(
            &["Y1", "Y2"],
            &[("a", &[80.0, 10.0]), ("b", &[15.0, 80.0]), ("c", &[5.0, 0.0]), ("d", &[0.0, 10.0])],
        );
        let abc = abc(&p);
        let m = abc.migration.unwrap();
        let ids = |v: &[Move]| v.iter().map(|x| p.accounts[x.account].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&m.up), ["b"]);
        assert_eq!(ids(&m.down), ["a"]);
        assert_eq!(m.new, [3]);
        assert_eq!(m.lost, [2]);
    }
}
