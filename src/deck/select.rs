//! Which accounts a batch of plans covers: checked when the command line is read, resolved
//! against the portfolio once it is loaded.

use crate::error::SpecError;
use crate::figures::abc::{Tier, abc};
use crate::model::Portfolio;
use crate::model::validate::did_you_mean;

/// The accounts asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accounts {
    /// These ids, in this order.
    Ids(Vec<String>),
    /// Every account, in file order.
    All,
    /// The accounts of an ABC tier in the latest fiscal year, in file order.
    Tier(Tier),
}

/// The accounts of a batch: which, and which share of them this run renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSelection {
    /// Which accounts.
    pub accounts: Accounts,
    /// `(i, n)`: only the i-th (1-based) of n contiguous, equal shares.
    pub shard: Option<(usize, usize)>,
}

impl AccountSelection {
    /// Every account.
    pub fn all() -> Self {
        Self { accounts: Accounts::All, shard: None }
    }

    /// From the command line's `--account`, `--all`, `--tier` and `--shard`.
    pub fn parse(ids: &[String], all: bool, tier: Option<&str>, shard: Option<&str>) -> Result<Self, SpecError> {
        let accounts = match (all, tier) {
            (true, _) => Accounts::All,
            (false, Some(t)) => Accounts::Tier(match t.trim().to_ascii_uppercase().as_str() {
                "A" => Tier::A,
                "B" => Tier::B,
                "C" => Tier::C,
                _ => return Err(SpecError(format!("--tier {t}: use A, B or C"))),
            }),
            (false, None) => Accounts::Ids(ids.to_vec()),
        };
        let shard = shard
            .map(|s| {
                s.split_once('/')
                    .and_then(|(i, n)| Some((i.trim().parse::<usize>().ok()?, n.trim().parse::<usize>().ok()?)))
                    .filter(|(i, n)| *n >= 1 && (1..=*n).contains(i))
                    .ok_or_else(|| SpecError(format!("--shard {s}: write I/N with 1 ≤ I ≤ N, e.g. 2/8")))
            })
            .transpose()?;
        Ok(Self { accounts, shard })
    }

    /// The chosen accounts of `p` (indices), each once.
    pub fn resolve(&self, p: &Portfolio) -> Result<Vec<usize>, SpecError> {
        let chosen: Vec<usize> = match &self.accounts {
            Accounts::All => (0..p.accounts.len()).collect(),
            Accounts::Tier(tier) => {
                let abc = abc(p);
                (0..p.accounts.len()).filter(|&i| abc.latest_tier(i) == Some(*tier)).collect()
            }
            Accounts::Ids(ids) => {
                let known: Vec<&str> = p.accounts.iter().map(|x| x.id.as_str()).collect();
                let mut chosen = Vec::with_capacity(ids.len());
                for id in ids {
                    let i = known.iter().position(|x| x == id).ok_or_else(|| {
                        let hint = did_you_mean(id, known.iter().copied())
                            .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
                        SpecError(format!("--account {id}: no account has this id{hint}"))
                    })?;
                    if !chosen.contains(&i) {
                        chosen.push(i);
                    }
                }
                chosen
            }
        };
        Ok(match self.shard {
            Some((i, n)) => shard(&chosen, i, n),
            None => chosen,
        })
    }
}

/// The `i`-th (1-based) of `n` contiguous, equal shares of `items`.
pub fn shard<T: Clone>(items: &[T], i: usize, n: usize) -> Vec<T> {
    let len = items.len();
    let (start, end) = (len * (i - 1) / n, len * i / n);
    items[start..end].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_everything_once() {
        let items: Vec<usize> = (0..10).collect();
        let parts: Vec<Vec<usize>> = (1..=3).map(|i| shard(&items, i, 3)).collect();
        assert_eq!(parts, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8, 9]]);
        assert!(shard(&items[..1], 1, 2).is_empty());
    }

    #[test]
    fn bad_tiers_and_shards_are_refused_before_any_file_is_read() {
        let err =
            |tier: Option<&str>, shard: Option<&str>| AccountSelection::parse(&[], false, tier, shard).unwrap_err().0;
        assert_eq!(err(Some("D"), None), "--tier D: use A, B or C");
        assert_eq!(err(None, Some("3/2")), "--shard 3/2: write I/N with 1 ≤ I ≤ N, e.g. 2/8");
        assert_eq!(err(None, Some("x")), "--shard x: write I/N with 1 ≤ I ≤ N, e.g. 2/8");
        let ok = AccountSelection::parse(&[], false, Some("b"), Some("2/8")).unwrap();
        assert_eq!((ok.accounts, ok.shard), (Accounts::Tier(Tier::B), Some((2, 8))));
    }

    #[test]
    fn ids_resolve_once_each_with_a_suggestion_for_typos() {
        let p = crate::figures::testing::revenues(&["FY1"], &[("alpha", &[1.0]), ("beta", &[2.0])]);
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let pick = AccountSelection::parse(&ids(&["beta", "alpha", "beta"]), false, None, None).unwrap();
        assert_eq!(pick.resolve(&p).unwrap(), [1, 0]);
        let typo = AccountSelection::parse(&ids(&["alpah"]), false, None, None).unwrap();
        assert_eq!(typo.resolve(&p).unwrap_err().0, "--account alpah: no account has this id; did you mean `alpha`?");
    }
}
