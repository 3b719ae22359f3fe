//! Team coverage (accounts, MRR and A-tier accounts per member) and RACI checks.

use super::abc::{Abc, Tier};
use crate::model::{OrderedMap, Portfolio, Raci};

/// What one team member covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Index in `Portfolio::team`.
    pub member: usize,
    /// Accounts owned.
    pub accounts: usize,
    /// Σ MRR of those accounts.
    pub mrr: f64,
    /// Owned accounts in tier A (latest year).
    pub a_tier: usize,
}

/// Team figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// One entry per team member, in team order.
    pub coverage: Vec<Coverage>,
    /// Accounts without an owner.
    pub unowned: usize,
    /// Program RACI activities without exactly one A, with their count of A.
    pub raci_issues: Vec<(String, usize)>,
}

/// Activities of `raci` that do not have exactly one accountable member.
pub fn raci_issues(raci: &OrderedMap<OrderedMap<Raci>>) -> Vec<(String, usize)> {
    raci.iter()
        .map(|(activity, row)| (activity.to_owned(), row.values().filter(|r| **r == Raci::A).count()))
        .filter(|(_, n)| *n != 1)
        .collect()
}

/// Team coverage of `p`.
pub fn team(p: &Portfolio, abc: &Abc) -> Team {
    let coverage = p
        .team
        .iter()
        .enumerate()
        .map(|(m, member)| {
            let owned: Vec<usize> = (0..p.accounts.len())
                .filter(|&i| p.accounts[i].owner.as_deref() == Some(member.id.as_str()))
                .filter(|&i| super::is_active(&p.accounts[i], p.latest_year()))
                .collect();
            Coverage {
                member: m,
                accounts: owned.len(),
                mrr: owned.iter().map(|&i| p.accounts[i].mrr_total()).sum(),
                a_tier: owned.iter().filter(|&&i| abc.latest_tier(i) == Some(Tier::A)).count(),
            }
        })
        .collect();
    Team {
        coverage,
        unowned: p.accounts.iter().filter(|a| a.owner.is_none() && super::is_active(a, p.latest_year())).count(),
        raci_issues: raci_issues(&p.program.raci),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::abc::abc;
    use crate::figures::testing::portfolio;

    #[test]
    fn coverage_and_raci() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nplans: [ { id: p, name: P } ]\nteam: [ { id: m1, name: M1 }, { id: m2, name: M2 } ]\naccounts:\n\
             - { id: a, name: A, owner: m1, revenue: { Y: 90 }, mrr: { p: 4 } }\n\
             - { id: b, name: B, owner: m1, revenue: { Y: 10 }, mrr: { p: 6 } }\n\
             - { id: c, name: C, revenue: { Y: 1 } }\n\
             program:\n  raci:\n    Plan: { m1: A, m2: R }\n    Review: { m1: A, m2: A }\n    Report: { m2: C }\n",
        );
        let t = team(&p, &abc(&p));
        assert_eq!(t.coverage[0], Coverage { member: 0, accounts: 2, mrr: 10.0, a_tier: 1 });
        assert_eq!(t.coverage[1].accounts, 0);
        assert_eq!(t.unowned, 1);
        assert_eq!(t.raci_issues, vec![("Review".to_owned(), 2), ("Report".to_owned(), 0)]);
    }
}
