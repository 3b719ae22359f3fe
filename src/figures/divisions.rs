//! Division map: accounts × the seller's offerings, and the whitespace per offering.

use crate::model::{CellStatus, Portfolio};

/// One account's row.
#[derive(Debug, Clone, PartialEq)]
pub struct DivisionRow {
    /// Account index.
    pub account: usize,
    /// Best status of each offering across the account's divisions (`Portfolio::offerings`
    /// order); an offering no division lists is whitespace.
    pub cells: Vec<CellStatus>,
}

/// The division map of the review deck.
#[derive(Debug, Clone, PartialEq)]
pub struct DivisionMap {
    /// Accounts with division data, largest latest-year revenue first.
    pub rows: Vec<DivisionRow>,
    /// Whitespace cells per offering.
    pub whitespace: Vec<usize>,
    /// Accounts without division data.
    pub without_divisions: usize,
}

/// Aggregates every account's divisions into one row per account.
pub fn division_map(p: &Portfolio) -> DivisionMap {
    let year = p.latest_year();
    // Active accounts only: whitespace at an account that left is no cross-sell.
    let active: Vec<usize> =
        (0..p.accounts.len()).filter(|&i| super::is_active(&p.accounts[i], p.latest_year())).collect();
    let mapped = active.iter().copied().filter(|&i| !p.accounts[i].divisions.is_empty());
    let order = super::ranked_by(p, mapped, |a| a.revenue_in(year));
    let rows: Vec<DivisionRow> = order
        .iter()
        .map(|&i| DivisionRow {
            account: i,
            cells: p
                .offerings
                .iter()
                .map(|o| {
                    p.accounts[i]
                        .divisions
                        .iter()
                        .filter_map(|d| d.offerings.get(&o.id).copied())
                        .max()
                        .unwrap_or(CellStatus::Whitespace)
                })
                .collect(),
        })
        .collect();
    let whitespace =
        (0..p.offerings.len()).map(|k| rows.iter().filter(|r| r.cells[k] == CellStatus::Whitespace).count()).collect();
    DivisionMap { without_divisions: active.len() - rows.len(), rows, whitespace }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::portfolio;

    #[test]
    fn best_status_across_divisions() {
        let p = portfolio(
            "seller: { name: S }\nfiscal_years: [Y]\nofferings: [ { id: x, name: X }, { id: y, name: Y }, { id: z, name: Z } ]\naccounts:\n\
             - { id: a, name: A, revenue: { Y: 5 }, divisions: [ { name: D1, offerings: { x: pitched, y: whitespace } }, { name: D2, offerings: { x: active } } ] }\n\
             - { id: b, name: B, revenue: { Y: 9 }, divisions: [ { name: D1, offerings: { y: pilot } } ] }\n\
             - { id: c, name: C, revenue: { Y: 1 } }\n",
        );
        let m = division_map(&p);
        assert_eq!(m.rows[0].account, 1);
        assert_eq!(m.rows[1].cells, [CellStatus::Active, CellStatus::Whitespace, CellStatus::Whitespace]);
        assert_eq!(m.whitespace, [1, 1, 2]);
        assert_eq!(m.without_divisions, 1);
    }
}
