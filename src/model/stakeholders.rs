//! The client's people and the influence between them (the org chart).

use serde::{Deserialize, Serialize};

use super::keyed::keyed;

/// A person at (or advising) the client.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Stakeholder {
    /// Id within the account.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Stakeholder id of the manager.
    #[serde(default)]
    pub reports_to: Option<String>,
    /// Organisation, for external stakeholders.
    #[serde(default)]
    pub organization: Option<String>,
    /// Outside the client's org (a consultancy, a partner).
    #[serde(default)]
    pub external: bool,
    /// Decision power, 1 (low) to 5 (high).
    #[serde(default)]
    pub power: Option<i64>,
    /// Quality of the relationship.
    #[serde(default)]
    pub relationship: Option<Relationship>,
    /// One of the seller's key points of contact.
    #[serde(default)]
    pub key_contact: bool,
}

/// Relationship quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relationship {
    /// Supportive.
    Positive,
    /// Undecided.
    Neutral,
    /// Opposed.
    Negative,
    /// Not known yet.
    Unknown,
}

keyed!(Relationship {
    Positive => "positive",
    Neutral => "neutral",
    Negative => "negative",
    Unknown => "unknown",
});

/// A non-hierarchical influence between two stakeholders.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Influence {
    /// Stakeholder id of the influencer.
    pub from: String,
    /// Stakeholder id of the influenced.
    pub to: String,
    /// Direction of the influence.
    #[serde(default)]
    pub kind: Option<Relationship>,
    /// What the influence is about.
    #[serde(default)]
    pub note: Option<String>,
}

/// Reporting lines that loop back on themselves (they have no top): each loop once, as the
/// stakeholder where the walk from the lowest index first re-enters it and the loop from
/// there. Each person is walked through once: a chain 10,000 deep took a minute when every
/// walk started over.
pub(super) fn reporting_cycles(
    people: &[Stakeholder],
    index: &std::collections::HashMap<&str, usize>,
) -> Vec<(usize, Vec<usize>)> {
    let n = people.len();
    let mut done = vec![false; n];
    let mut on_walk: Vec<Option<usize>> = vec![None; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if done[start] {
            continue;
        }
        let mut chain = vec![start];
        on_walk[start] = Some(0);
        let mut cur = start;
        while let Some(next) = people[cur].reports_to.as_deref().and_then(|b| index.get(b).copied()) {
            if done[next] {
                break;
            }
            if let Some(pos) = on_walk[next] {
                cycles.push((next, chain[pos..].to_vec()));
                break;
            }
            on_walk[next] = Some(chain.len());
            chain.push(next);
            cur = next;
        }
        for c in chain {
            on_walk[c] = None;
            done[c] = true;
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::{Stakeholder, reporting_cycles};

    fn people(lines: &[(&str, Option<&str>)]) -> Vec<Stakeholder> {
        let p = crate::figures::testing::portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\naccounts:\n  - id: a\n    name: A\n    revenue: { Y: 1 }\n    stakeholders: [ { id: x, name: X, title: T } ]\n",
        );
        let base = p.accounts[0].stakeholders[0].clone();
        lines
            .iter()
            .map(|(id, boss)| Stakeholder { id: (*id).to_owned(), reports_to: boss.map(str::to_owned), ..base.clone() })
            .collect()
    }

    fn cycles(s: &[Stakeholder]) -> Vec<(usize, Vec<usize>)> {
        let index = s.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
        reporting_cycles(s, &index)
    }

    #[test]
    fn each_reporting_loop_is_found_once_where_the_first_walk_reenters_it() {
        let s = people(&[("d", Some("b")), ("b", Some("c")), ("c", Some("e")), ("e", Some("b")), ("f", None)]);
        assert_eq!(cycles(&s), vec![(1, vec![1, 2, 3])]);
        // A chain 10,000 deep has no loop, and each person is walked once.
        let ids: Vec<(String, Option<String>)> =
            (0..10_000).map(|k| (format!("s{k}"), (k > 0).then(|| format!("s{}", k - 1)))).collect();
        let chain: Vec<(&str, Option<&str>)> = ids.iter().map(|(a, b)| (a.as_str(), b.as_deref())).collect();
        assert!(cycles(&people(&chain)).is_empty());
    }
}
