//! Account retention per fiscal year: GRR, NRR and logo churn; upcoming renewals.

use super::{count_f64, ratio};
use crate::model::{Date, Portfolio};

/// Retention from one fiscal year to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRetention {
    /// The later year Y.
    pub year: String,
    /// Accounts with revenue in Y − 1.
    pub base: usize,
    /// Σ min(rev Y, rev Y−1) / Σ rev Y−1.
    pub grr: Option<f64>,
    /// Σ rev Y / Σ rev Y−1, over the same accounts.
    pub nrr: Option<f64>,
    /// Share of those accounts with no revenue in Y.
    pub logo_churn: Option<f64>,
    /// Accounts of the base with no revenue in Y.
    pub churned: Vec<usize>,
    /// Accounts of the base with less (but some) revenue in Y.
    pub contracted: Vec<usize>,
}

/// A renewal falling due soon.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewal {
    /// Account index.
    pub account: usize,
    /// Renewal date.
    pub date: Date,
    /// Current MRR.
    pub mrr: f64,
}

/// Retention figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    /// One entry per fiscal year from the second on.
    pub years: Vec<YearRetention>,
    /// Renewals from the report date to two quarters later, soonest first.
    pub renewals: Vec<Renewal>,
    /// End of the renewal window, when the portfolio has a report date.
    pub renewal_horizon: Option<Date>,
}

impl Retention {
    /// Retention into the latest year.
    pub fn latest(&self) -> Option<&YearRetention> {
        self.years.last()
    }
}

/// Retention of `p` for every pair of consecutive fiscal years.
pub fn retention(p: &Portfolio) -> Retention {
    let years = p
        .fiscal_years
        .windows(2)
        .map(|w| {
            let (prev, year) = (&w[0], &w[1]);
            let base: Vec<usize> = (0..p.accounts.len()).filter(|&i| p.accounts[i].revenue_in(prev) > 0.0).collect();
            let (mut before, mut kept, mut now) = (0.0, 0.0, 0.0);
            let (mut churned, mut contracted) = (Vec::new(), Vec::new());
            for &i in &base {
                let (r0, r1) = (p.accounts[i].revenue_in(prev), p.accounts[i].revenue_in(year));
                before += r0;
                kept += r0.min(r1);
                now += r1;
                if r1 <= 0.0 {
                    churned.push(i);
                } else if r1 < r0 {
                    contracted.push(i);
                }
            }
            let by_loss = |v: &mut Vec<usize>| {
                v.sort_by(|&i, &j| {
                    let loss = |k: usize| p.accounts[k].revenue_in(prev) - p.accounts[k].revenue_in(year);
                    loss(j).total_cmp(&loss(i)).then_with(|| super::by_name(&p.accounts[i], &p.accounts[j]))
                });
            };
            by_loss(&mut churned);
            by_loss(&mut contracted);
            YearRetention {
                year: year.clone(),
                base: base.len(),
                grr: ratio(kept, before),
                nrr: ratio(now, before),
                logo_churn: ratio(count_f64(churned.len()), count_f64(base.len())),
                churned,
                contracted,
            }
        })
        .collect();
    let renewal_horizon = p.report_date.map(|d| d.add_months(6));
    let mut renewals: Vec<Renewal> = match (p.report_date, renewal_horizon) {
        (Some(today), Some(until)) => p
            .accounts
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let date = a.renewal_date?;
                (date >= today && date < until).then(|| Renewal { account: i, date, mrr: a.mrr_total() })
            })
            .collect(),
        _ => Vec::new(),
    };
    // SLIDES.md ranks renewals by MRR, the largest first: sorted by date, the five a slide
    // shows at 10,000 accounts were the soonest, worth a few hundred each. Ties by date, then name.
    renewals.sort_by(|x, y| {
        y.mrr
            .total_cmp(&x.mrr)
            .then_with(|| x.date.cmp(&y.date))
            .then_with(|| super::by_name(&p.accounts[x.account], &p.accounts[y.account]))
    });
    Retention { years, renewals, renewal_horizon }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::{portfolio, revenues};

    #[test]
    fn grr_nrr_logo_churn() {
        // Y1 base: a 100, b 50, c 50 (d is new in Y2 and does not count).
        // Y2: a 150 (+50), b 30 (−20), c 0 (churned), d 999.
        let p = revenues(
            &["Y1", "Y2"],
            &[("a", &[100.0, 150.0]), ("b", &[50.0, 30.0]), ("c", &[50.0, 0.0]), ("d", &[0.0, 999.0])],
        );
        let r = retention(&p);
        let y = r.latest().unwrap();
        assert_eq!(y.base, 3);
        assert_eq!(y.grr, Some(130.0 / 200.0));
        assert_eq!(y.nrr, Some(180.0 / 200.0));
        assert_eq!(y.logo_churn, Some(1.0 / 3.0));
        assert_eq!((y.churned.clone(), y.contracted.clone()), (vec![2], vec![1]));
    }

    #[test]
    fn one_year_and_empty_base() {
        assert!(retention(&revenues(&["Y1"], &[("a", &[1.0])])).years.is_empty());
        let r = retention(&revenues(&["Y1", "Y2"], &[("a", &[0.0, 5.0])]));
        assert_eq!((r.years[0].grr, r.years[0].nrr, r.years[0].logo_churn), (None, None, None));
    }

    #[test]
    fn renewals_in_the_next_two_quarters() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nreport_date: 2026-11-15\naccounts:\n\
             - { id: a, name: A, revenue: { Y: 1 }, renewal_date: 2027-05-14 }\n\
             - { id: b, name: B, revenue: { Y: 1 }, renewal_date: 2027-05-15 }\n\
             - { id: c, name: C, revenue: { Y: 1 }, renewal_date: 2026-11-15 }\n\
             - { id: d, name: D, revenue: { Y: 1 }, renewal_date: 2026-11-14 }\n",
        );
        let r = retention(&p);
        assert_eq!(r.renewals.iter().map(|x| x.account).collect::<Vec<_>>(), [2, 0], "ties in MRR: by date");
    }

    #[test]
    fn renewals_rank_by_mrr() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nreport_date: 2026-11-15\nplans: [ { id: p, name: P } ]\naccounts:\n\
             - { id: a, name: A, revenue: { Y: 1 }, mrr: { p: 300 }, renewal_date: 2026-12-01 }\n\
             - { id: b, name: B, revenue: { Y: 1 }, mrr: { p: 9000 }, renewal_date: 2027-04-01 }\n\
             - { id: c, name: C, revenue: { Y: 1 }, mrr: { p: 300 }, renewal_date: 2026-11-20 }\n",
        );
        let r = retention(&p);
        assert_eq!(r.renewals.iter().map(|x| x.account).collect::<Vec<_>>(), [1, 2, 0]);
    }
}
