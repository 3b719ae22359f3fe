//! The review at 5, 25, 1,000 and 10,000 accounts (generated with stakeholders, an 11 × 13
//! RACI and tied scores): every title true to what the slide shows, every part the slide
//! leaves out counted, the bridge adding up, no raw ids, and type a room can read.

use kamdeck::figures::Figures;
use kamdeck::figures::scoring::Quadrant;
use kamdeck::generate::{Synthetic, portfolio_yaml};
use kamdeck::model::Portfolio;
use kamdeck::slides::Deck;
use kamdeck::{DeckKind, Rendered};

use crate::support::{engine, norm};

/// The smallest text a content slide may print, in points (DECK-DESIGN: charts ≥ 9).
const SMALLEST: f64 = 9.0;

fn generated(accounts: usize) -> Portfolio {
    let yaml = portfolio_yaml(Synthetic { stakeholders: true, ..Synthetic::new(accounts) });
    kamdeck::input::from_yaml_str(&yaml, "generated.yaml").unwrap_or_else(|e| panic!("{e}"))
}

fn example() -> Portfolio {
    kamdeck::input::load(&crate::support::example("northbridge.yaml")).unwrap()
}

/// Whether `title` names `name` as a whole item of a list (not as the start of a longer name).
fn names(title: &str, name: &str) -> bool {
    title.match_indices(name).any(|(i, _)| {
        let after = &title[i + name.len()..];
        let before = &title[..i];
        (before.is_empty() || before.ends_with(' '))
            && [",", ":", ";", " and ", " ("].iter().any(|e| after.starts_with(e))
    })
}

/// The checks of one portfolio's review.
fn holds(label: &str, p: &Portfolio) {
    let figures = Figures::compute(p);
    let e = engine();
    let deck: Deck<'_> = e.slides(p, &figures, DeckKind::Review, None).unwrap_or_else(|e| panic!("{e}"));
    let r: Rendered = e.review(p).unwrap_or_else(|f| panic!("{label}: {}", f.error));

    // Scoring: the accounts the title names sit in Invest.
    let scoring = deck.slides().find(|(s, _)| s.kind.id == "scoring").map(|(_, x)| x.title.clone());
    if let Some(title) = scoring {
        for row in &figures.scoring.rows {
            let name = &p.accounts[row.account].name;
            if names(&title, name) && !title.starts_with("No account") {
                assert_eq!(
                    row.quadrant,
                    Quadrant::Invest,
                    "{label}: the scoring title names {name}, which is not in Invest"
                );
            }
        }
    }

    // Team: every activity and member of the RACI is on a slide, or a note counts the rest.
    let team: String = deck
        .slides()
        .filter(|(s, _)| s.kind.id == "team")
        .map(|(_, x)| format!("{:?} {:?}", x.data, x.notes))
        .collect();
    for activity in p.program.raci.keys() {
        assert!(
            team.contains(activity) || team.contains("activities and"),
            "{label}: RACI activity {activity} neither shown nor counted"
        );
    }

    // Onboarding: with the target in the title, the chart starts with the lowest score.
    let chart = deck
        .slides()
        .filter(|(s, _)| s.kind.id == "risk")
        .flat_map(|(_, x)| x.charts.iter())
        .find(|c| c.path.contains("satisfaction"));
    if let Some(kamdeck::charts::ChartData::Series { series, .. }) = chart.map(|c| &c.data) {
        let shown: Vec<f64> = series[0].values.iter().flatten().copied().collect();
        let lowest = figures.risk.satisfaction.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
        assert_eq!(
            shown.first().copied(),
            Some(lowest),
            "{label}: the satisfaction chart does not start at the lowest score"
        );
    }

    // The bridge adds up.
    if let Some(b) = &figures.bridge {
        assert!((b.sum() - b.end.amount).abs() <= 1e-6 * b.end.amount.max(1.0), "{label}: the bridge does not add up");
    }

    let text = norm(&r.page_texts.join(" "));
    // No raw ids (factor keys, account ids) and no template leftovers.
    for raw in
        ["revenue_growth", "share_of_wallet", "upsell_potential", "strategic_fit", "a00001", "{{", "{%", "NaN", "⟦"]
    {
        assert!(!text.contains(raw), "{label}: `{raw}` on a slide");
    }
    // Type a room can read, except on the title slide and the org chart's badges.
    let small: Vec<String> = r
        .smallest_text
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, size)| **size < SMALLEST - 0.05)
        .map(|(page, size)| {
            format!("page {} ({}) at {size:.1} pt", page + 1, r.titles.get(page).map_or("", String::as_str))
        })
        .collect();
    assert!(small.is_empty(), "{label}: text below {SMALLEST} pt:\n{}", small.join("\n"));
}

#[test]
fn five_accounts() {
    holds("5 accounts", &generated(5));
}

#[test]
fn the_example() {
    holds("the example", &example());
}

#[test]
fn a_thousand_accounts() {
    holds("1,000 accounts", &generated(1_000));
}

#[test]
fn ten_thousand_accounts() {
    holds("10,000 accounts", &generated(10_000));
}
