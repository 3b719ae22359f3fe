//! Scoring matrix: weighted growth potential and harmony, total, rank and quadrant.

use crate::model::{OrderedMap, Portfolio};

/// Where an account sits on the growth × harmony matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// High growth, high harmony.
    Invest,
    /// High growth, low harmony.
    Develop,
    /// Low growth, high harmony.
    Maintain,
    /// Low growth, low harmony.
    Monitor,
}

impl Quadrant {
    /// All quadrants in reading order.
    pub const ALL: [Quadrant; 4] = [Quadrant::Invest, Quadrant::Develop, Quadrant::Maintain, Quadrant::Monitor];

    /// Catalogue key.
    pub fn key(self) -> &'static str {
        match self {
            Quadrant::Invest => "invest",
            Quadrant::Develop => "develop",
            Quadrant::Maintain => "maintain",
            Quadrant::Monitor => "monitor",
        }
    }

    /// "High" is at or above the midpoint on each axis.
    pub fn of(growth: f64, harmony: f64, midpoint: f64) -> Self {
        match (growth >= midpoint, harmony >= midpoint) {
            (true, true) => Quadrant::Invest,
            (true, false) => Quadrant::Develop,
            (false, true) => Quadrant::Maintain,
            (false, false) => Quadrant::Monitor,
        }
    }
}

/// One scored account.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Account index.
    pub account: usize,
    /// Σ weight × score over the growth factors.
    pub growth: f64,
    /// Σ weight × score over the harmony factors.
    pub harmony: f64,
    /// g × growth + (1 − g) × harmony.
    pub total: f64,
    /// 1 for the highest total (ties by name).
    pub rank: usize,
    /// Quadrant at the scale's midpoint.
    pub quadrant: Quadrant,
}

/// The scoring matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Scored accounts by rank.
    pub rows: Vec<Scored>,
    /// Midpoint of the scale: (1 + scale) / 2.
    pub midpoint: f64,
    /// Accounts without scores.
    pub unscored: usize,
}

impl Scoring {
    /// The scored row of an account.
    pub fn of(&self, account: usize) -> Option<&Scored> {
        self.rows.iter().find(|r| r.account == account)
    }
}

/// Σ weight × score; factors without a score count as zero (validation rejects them).
pub fn weighted(weights: &OrderedMap<f64>, scores: &OrderedMap<i64>) -> f64 {
    weights.iter().map(|(k, w)| w * scores.get(k).copied().unwrap_or(0) as f64).sum()
}

/// Scores every active account that has scores and ranks them by total: an account that
/// left is no longer where the team's time goes.
pub fn scoring(p: &Portfolio) -> Scoring {
    let s = &p.settings.scoring;
    let midpoint = (1.0 + s.scale as f64) / 2.0;
    let mut rows: Vec<Scored> = p
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| super::is_active(a, p.latest_year()))
        .filter_map(|(i, a)| {
            let sc = a.scores.as_ref()?;
            let growth = super::settle(weighted(&s.growth, &sc.growth));
            let harmony = super::settle(weighted(&s.harmony, &sc.harmony));
            let total = super::settle(s.growth_weight * growth + (1.0 - s.growth_weight) * harmony);
            Some(Scored {
                account: i,
                growth,
                harmony,
                total,
                rank: 0,
                quadrant: Quadrant::of(growth, harmony, midpoint),
            })
        })
        .collect();
    rows.sort_by(|x, y| {
        y.total.total_cmp(&x.total).then_with(|| super::by_name(&p.accounts[x.account], &p.accounts[y.account]))
    });
    for (n, r) in rows.iter_mut().enumerate() {
        r.rank = n + 1;
    }
    let active = p.accounts.iter().filter(|a| super::is_active(a, p.latest_year())).count();
    let unscored = active - rows.len();
    Scoring { rows, midpoint, unscored }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::testing::portfolio;

    const BASE: &str = "seller: { name: S }\nfiscal_years: [Y]\nsettings:\n  scoring:\n    scale: 5\n    growth_weight: 0.6\n    growth: { g1: 0.5, g2: 0.5 }\n    harmony: { h1: 0.25, h2: 0.75 }\naccounts:\n";

    #[test]
    fn weighted_totals_rank_and_quadrants() {
        let p = portfolio(&format!(
            "{BASE}  - {{ id: a, name: A, revenue: {{ Y: 1 }}, scores: {{ growth: {{ g1: 5, g2: 3 }}, harmony: {{ h1: 1, h2: 1 }} }} }}\n  - {{ id: b, name: B, revenue: {{ Y: 1 }}, scores: {{ growth: {{ g1: 2, g2: 2 }}, harmony: {{ h1: 5, h2: 5 }} }} }}\n  - {{ id: c, name: C, revenue: {{ Y: 1 }} }}\n"
        ));
        let s = scoring(&p);
        assert_eq!(s.midpoint, 3.0);
        assert_eq!(s.unscored, 1);
        // a: growth 4, harmony 1, total .6*4 + .4*1 = 2.8 ; b: growth 2, harmony 5, total 3.2
        let b = &s.rows[0];
        assert_eq!((b.account, b.rank), (1, 1));
        assert!((b.total - 3.2).abs() < 1e-12);
        assert_eq!(b.quadrant, Quadrant::Maintain);
        let a = &s.rows[1];
        assert!((a.growth - 4.0).abs() < 1e-12 && (a.harmony - 1.0).abs() < 1e-12);
        assert!((a.total - 2.8).abs() < 1e-12);
        assert_eq!(a.quadrant, Quadrant::Develop);
    }

    #[test]
    fn midpoint_counts_as_high() {
        assert_eq!(Quadrant::of(5.5, 5.5, 5.5), Quadrant::Invest);
        assert_eq!(Quadrant::of(5.4, 5.5, 5.5), Quadrant::Maintain);
        assert_eq!(Quadrant::of(1.0, 1.0, 5.5), Quadrant::Monitor);
    }

    #[test]
    fn tied_totals_rank_by_name() {
        let p = portfolio(&format!(
            "{BASE}  - {{ id: z, name: Zed, revenue: {{ Y: 1 }}, scores: {{ growth: {{ g1: 3, g2: 3 }}, harmony: {{ h1: 3, h2: 3 }} }} }}\n  - {{ id: y, name: Amy, revenue: {{ Y: 1 }}, scores: {{ growth: {{ g1: 3, g2: 3 }}, harmony: {{ h1: 3, h2: 3 }} }} }}\n"
        ));
        let s = scoring(&p);
        assert_eq!(s.rows.iter().map(|r| (r.account, r.rank)).collect::<Vec<_>>(), [(1, 1), (0, 2)]);
    }

    #[test]
    fn totals_equal_on_paper_tie_and_rank_by_name() {
        // Growth 0.4·4 + 0.3·2 + 0.3·2 = 2.8 and 0.4·4 + 0.3·1 + 0.3·3 = 2.8, which differ in
        // binary; harmony 4 each: totals 3.4 both, so the name decides.
        let base = "seller: { name: S }\nfiscal_years: [Y]\nsettings:\n  scoring:\n    scale: 5\n    growth_weight: 0.5\n    growth: { a: 0.4, b: 0.3, c: 0.3 }\n    harmony: { h: 1.0 }\naccounts:\n";
        let p = portfolio(&format!(
            "{base}  - {{ id: z, name: Zeta, revenue: {{ Y: 1 }}, scores: {{ growth: {{ a: 4, b: 2, c: 2 }}, harmony: {{ h: 3.6 }} }} }}\n  - {{ id: y, name: Alpha, revenue: {{ Y: 1 }}, scores: {{ growth: {{ a: 4, b: 1, c: 3 }}, harmony: {{ h: 3.6 }} }} }}\n"
        ).replace("h: 3.6", "h: 4"));
        let s = scoring(&p);
        assert_eq!(s.rows[0].growth, s.rows[1].growth, "2.8 both");
        assert_eq!(s.rows[0].total, s.rows[1].total, "3.4 both");
        assert_eq!(s.rows[0].total, 3.4);
        assert_eq!(
            s.rows.iter().map(|r| (r.account, r.rank)).collect::<Vec<_>>(),
            [(1, 1), (0, 2)],
            "Alpha before Zeta"
        );
    }

    #[test]
    fn a_single_account_and_no_scores() {
        let p = portfolio(&format!("{BASE}  - {{ id: a, name: A, revenue: {{ Y: 1 }} }}\n"));
        let s = scoring(&p);
        assert!(s.rows.is_empty());
        assert_eq!(s.unscored, 1);
        // An account without revenue or MRR has left: it is not where the time goes.
        let p = portfolio(&format!(
            "{BASE}  - {{ id: a, name: A, revenue: {{ Y: 0 }}, scores: {{ growth: {{ g1: 1, g2: 1 }}, harmony: {{ h1: 1, h2: 1 }} }} }}\n  - {{ id: b, name: B, revenue: {{ Y: 5 }}, scores: {{ growth: {{ g1: 1, g2: 1 }}, harmony: {{ h1: 1, h2: 1 }} }} }}\n"
        ));
        let s = scoring(&p);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(
            (s.rows[0].account, s.rows[0].rank, s.rows[0].total, s.rows[0].quadrant),
            (1, 1, 1.0, Quadrant::Monitor)
        );
        assert_eq!(s.unscored, 0);
    }
}
