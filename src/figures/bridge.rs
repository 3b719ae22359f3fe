//! The revenue bridge of the latest year: last year's revenue → new logos, expansion,
//! contraction, churn → this year's, as parts that add up exactly.

use crate::model::Portfolio;

/// One part of the bridge: its amount and how many accounts make it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Part {
    /// The amount (never negative: the side of the bridge says which way it goes).
    pub amount: f64,
    /// Accounts that make it.
    pub accounts: usize,
}

/// From the revenue of Y−1 to that of Y.
#[derive(Debug, Clone, PartialEq)]
pub struct Bridge {
    /// Y−1.
    pub from_year: String,
    /// Y.
    pub year: String,
    /// Σ rev Y−1 (accounts with revenue in Y−1).
    pub start: Part,
    /// Σ rev Y of accounts without revenue in Y−1.
    pub new_logos: Part,
    /// Σ (rev Y − rev Y−1) of accounts that grew.
    pub expansion: Part,
    /// Σ (rev Y−1 − rev Y) of accounts that shrank but still pay.
    pub contraction: Part,
    /// Σ rev Y−1 of accounts without revenue in Y.
    pub churn: Part,
    /// Σ rev Y.
    pub end: Part,
}

impl Bridge {
    /// start + new logos + expansion − contraction − churn, which equals `end.amount`.
    pub fn sum(&self) -> f64 {
        self.start.amount + self.new_logos.amount + self.expansion.amount - self.contraction.amount - self.churn.amount
    }
}

/// The bridge into the latest fiscal year; `None` with fewer than two years.
pub fn bridge(p: &Portfolio) -> Option<Bridge> {
    let n = p.fiscal_years.len();
    let (from_year, year) = (p.fiscal_years.get(n.checked_sub(2)?)?, p.fiscal_years.get(n - 1)?);
    let mut b = Bridge {
        from_year: from_year.clone(),
        year: year.clone(),
        start: Part::default(),
        new_logos: Part::default(),
        expansion: Part::default(),
        contraction: Part::default(),
        churn: Part::default(),
        end: Part::default(),
    };
    let add = |part: &mut Part, amount: f64| {
        part.amount += amount;
        part.accounts += 1;
    };
    for a in &p.accounts {
        let (r0, r1) = (a.revenue_in(from_year).max(0.0), a.revenue_in(year).max(0.0));
        if r0 > 0.0 {
            add(&mut b.start, r0);
        }
        if r1 > 0.0 {
            add(&mut b.end, r1);
        }
        match (r0 > 0.0, r1 > 0.0) {
            (false, true) => add(&mut b.new_logos, r1),
            (true, false) => add(&mut b.churn, r0),
            (true, true) if r1 > r0 => add(&mut b.expansion, r1 - r0),
            (true, true) if r1 < r0 => add(&mut b.contraction, r0 - r1),
            _ => {}
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::revenues;

    #[test]
    fn parts_add_up_to_this_year() {
        // Y1 → Y2: a 100 → 150 (+50), b 50 → 30 (−20), c 50 → 0 (churn), d 0 → 999 (new),
        // e 40 → 40 (flat: in no part between).
        let p = revenues(
            &["Y1", "Y2"],
            &[
                ("a", &[100.0, 150.0]),
                ("b", &[50.0, 30.0]),
                ("c", &[50.0, 0.0]),
                ("d", &[0.0, 999.0]),
                ("e", &[40.0, 40.0]),
            ],
        );
        let b = bridge(&p).unwrap();
        assert_eq!((b.from_year.as_str(), b.year.as_str()), ("Y1", "Y2"));
        assert_eq!(b.start, Part { amount: 240.0, accounts: 4 });
        assert_eq!(b.new_logos, Part { amount: 999.0, accounts: 1 });
        assert_eq!(b.expansion, Part { amount: 50.0, accounts: 1 });
        assert_eq!(b.contraction, Part { amount: 20.0, accounts: 1 });
        assert_eq!(b.churn, Part { amount: 50.0, accounts: 1 });
        assert_eq!(b.end, Part { amount: 1219.0, accounts: 4 });
        assert_eq!(b.sum(), b.end.amount);
    }

    #[test]
    fn one_year_one_account_and_zero_revenue() {
        assert!(bridge(&revenues(&["Y1"], &[("a", &[5.0])])).is_none());
        let b = bridge(&revenues(&["Y1", "Y2"], &[("a", &[0.0, 0.0])])).unwrap();
        assert_eq!((b.start.amount, b.end.amount, b.sum()), (0.0, 0.0, 0.0));
        let b = bridge(&revenues(&["Y1", "Y2", "Y3"], &[("a", &[1.0, 10.0, 4.0])])).unwrap();
        assert_eq!((b.from_year.as_str(), b.start.amount, b.contraction.amount, b.end.amount), ("Y2", 10.0, 6.0, 4.0));
    }
}
