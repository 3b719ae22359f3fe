//! The review deck of the worked example and of edge-case portfolios: pages, titles,
//! figures in the text, reproducibility, scale.

use kamdeck::{DeckKind, DeckSpec, Engine, Rendered};

use kamdeck::assets::Assets;
use kamdeck::i18n::Locale;
use kamdeck::slides::{PLAN, REVIEW};

use crate::support::{all_text, engine, norm, northbridge, review_yaml};

#[test]
fn example_has_every_slide_in_order() {
    let r = northbridge();
    assert!(r.page_texts.len() >= 14, "{} pages", r.page_texts.len());
    let text = all_text(r);
    // Every kind of the registry that has a kicker of its own shows it, in registry order.
    let en = Locale::load(&Assets::builtin(), "en").unwrap();
    let mut at = 0;
    for kind in REVIEW {
        let key = format!("kicker.{}", kind.id);
        if kind.id == "agenda" || !en.has(&key) {
            continue;
        }
        let kicker = en.t(&key).to_uppercase();
        let found = text[at..].find(&kicker).unwrap_or_else(|| panic!("missing section {kicker} (after byte {at})"));
        at += found + kicker.len();
    }
    for title in &r.titles {
        assert!(text.contains(&norm(title)), "title not on any page: {title}");
    }
    assert!(!text.contains('⟦'), "a message key is missing from the catalogue");
    for leak in ["NaN", "inf ", "null", "{{", "{%"] {
        assert!(!text.contains(leak), "leaked {leak:?}");
    }
}

#[test]
fn every_kind_builds_on_the_example_with_the_templates_it_names() {
    let yaml = std::fs::read_to_string(crate::support::example("northbridge.yaml")).unwrap();
    let p = kamdeck::input::from_yaml_str(&yaml, "northbridge.yaml").unwrap();
    let f = kamdeck::figures::Figures::compute(&p);
    let flagship = p.accounts.iter().position(|a| !a.stakeholders.is_empty()).unwrap();
    for (deck, account, registry) in [(DeckKind::Review, None, REVIEW), (DeckKind::Plan, Some(flagship), PLAN)] {
        let built = engine().slides(&p, &f, deck, account).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = built.sections.iter().map(|s| s.kind.id).collect();
        let all: Vec<&str> = registry.iter().map(|k| k.id).collect();
        assert_eq!(ids, all, "the example has data for every slide kind");
        for (section, slide) in built.slides() {
            assert!(
                section.kind.templates.contains(&slide.template),
                "{}: its slide uses {}, which the kind does not name",
                section.kind.id,
                slide.template
            );
        }
        assert!(built.slides().all(|(_, s)| !s.title.contains('⟦') && !s.notes.iter().any(|n| n.contains('⟦'))));
    }
}

#[test]
fn example_figures_on_the_slides() {
    let text = all_text(northbridge());
    // Hand-checked against examples/northbridge.yaml (see tests/README.md).
    assert!(text.contains("Quarterly KAM review"));
    assert!(text.contains("CONTOSO CLOUD · HEALTHCARE CLOUD"), "title slide names the seller");
    assert!(text.contains("Sheet 05 Pareto"), "footer names the mirror sheet");
    assert!(text.contains("Dana Whitfield") || text.contains("Northbridge Health System"));
}

#[test]
fn same_input_same_bytes() {
    let yaml = std::fs::read_to_string(crate::support::example("northbridge.yaml")).unwrap();
    let a = review_yaml(&yaml);
    let b = review_yaml(&yaml);
    assert!(a.pdf == b.pdf, "two renders of the same portfolio differ");
    assert!(a.pdf.starts_with(b"%PDF-"));
}

#[test]
fn minimal_portfolio_renders_without_empty_slides() {
    let r = review_yaml(&std::fs::read_to_string(crate::support::example("minimal.yaml")).unwrap());
    let text = all_text(&r);
    assert!(text.contains("PARETO ANALYSIS") && text.contains("ABC ANALYSIS") && text.contains("ACCOUNT RETENTION"));
    assert!(!text.contains("SCORING MATRIX"), "no scores: the scoring slide is left out");
    // What the deck does not show is not defined, and no appendix column is all dashes.
    for absent in ["Profit matrix Revenue against margin", "Scoring Scores", "Whitespace An offering", "Renewals due"] {
        assert!(!text.contains(absent), "a definition of a slide the deck lacks: {absent}");
    }
    assert!(!text.contains("Margin Owner") && !text.contains("Score rank"), "empty appendix columns: {text}");
    for (n, page) in r.page_texts.iter().enumerate() {
        assert!(page.split_whitespace().count() >= 5, "page {} is nearly empty: {page}", n + 1);
    }
}

#[test]
fn single_account_and_zero_revenue() {
    let r = review_yaml(
        "seller: { name: Solo }\nfiscal_years: [FY1, FY2]\naccounts:\n  - { id: a, name: Only One, revenue: { FY1: 0, FY2: 100 } }\n  - { id: z, name: Zero, revenue: { FY1: 0, FY2: 0 } }\n",
    );
    let text = all_text(&r);
    assert!(text.contains("1 accounts (100%) generate 100% of FY2 revenue") || text.contains("1 account"), "{text}");
    assert!(!text.contains("NaN"));
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let r = review_yaml(
        "seller: { name: Solo }\nfiscal_years: [FY1, FY2]\nplans: [ { id: p, name: P } ]\naccounts:\n  - { id: a, name: Only One, revenue: { FY1: 80, FY2: 100 }, mrr: { p: 10 } }\n",
    );
    let text = all_text(&r);
    assert!(text.contains("across 1 active account;"), "{text}");
    assert!(text.contains("from 1 account in FY2"), "{text}");
    for plural in ["1 accounts", "1 active accounts", "1 new accounts", "1 divisions", "1 days"] {
        assert!(!text.contains(plural), "{plural}: {text}");
    }
}

#[test]
fn ten_thousand_accounts_stay_readable() {
    let yaml = kamdeck::generate::portfolio_yaml(kamdeck::generate::Synthetic::new(10_000));
    let r = review_yaml(&yaml);
    let text = all_text(&r);
    assert!(text.contains("Others ("), "top rows plus Others");
    assert!(text.contains("more accounts are in the workbook sheet"), "appendix stops at its row limit");
    // 200 appendix rows at 20 a slide: 10 slides, plus definitions.
    assert!(r.page_texts.len() < 40, "{} pages", r.page_texts.len());
}

#[test]
fn hand_computed_figures_on_the_pages() {
    let g = "growth: { revenue_growth: G, share_of_wallet: G, upsell_potential: G }";
    let h = "harmony: { strategic_fit: H, culture: H, vision: H, strategy: H }";
    let scores =
        |gv: u8, hv: u8| format!("{{ {}, {} }}", g.replace('G', &gv.to_string()), h.replace('H', &hv.to_string()));
    let yaml = format!(
        "seller: {{ name: S }}\nfiscal_years: [FY1, FY2]\nplans: [ {{ id: p, name: P }} ]\naccounts:\n\
  - {{ id: a, name: Alpha, revenue: {{ FY1: 100, FY2: 150 }}, mrr: {{ p: 10 }}, health: {{ churn_risk: high }}, scores: {} }}\n\
  - {{ id: b, name: Beta, revenue: {{ FY1: 50, FY2: 30 }}, mrr: {{ p: 5 }}, scores: {} }}\n\
  - {{ id: c, name: Gamma, revenue: {{ FY1: 50, FY2: 0 }} }}\n\
  - {{ id: d, name: Delta, revenue: {{ FY2: 20 }}, mrr: {{ p: 2 }}, health: {{ engagement: 0.1 }}, scores: {} }}\n",
        scores(9, 3),
        scores(2, 2),
        scores(6, 8),
    );
    let text = all_text(&review_yaml(&yaml));
    // Pareto FY2: 150 + 30 of 200 reach 80 % with two of the three accounts with revenue.
    assert!(text.contains("2 accounts (67%) generate 90% of FY2 revenue"), "{text}");
    // ABC: FY1 all three before 80 % → A; FY2 Alpha, Beta A (shares before 0, .75), Delta B (.90).
    assert!(text.contains("FY1 3 0 0") && text.contains("FY2 2 1 0"), "{text}");
    // Retention FY2 over Alpha, Beta, Gamma: GRR 130/200, NRR 180/200, churn 1/3.
    assert!(text.contains("FY2 3 65.0% 90.0% 33.3%"), "{text}");
    // Dashboard: total MRR 17; at risk Alpha (churn high) and Delta (engagement .1): MRR 12.
    assert!(text.contains("$17") && text.contains("2 accounts with $12 MRR are at risk"), "{text}");
    // Scoring (equal weights within each group, g = .5): Delta 7 (growth 6, harmony 8: Invest),
    // Alpha 6 (9, 3: Develop), Beta 2 (Monitor). Only an account in Invest is named.
    assert!(text.contains("Focus the team's time on Delta: 1 of 3 accounts sits in Invest"), "{text}");
}

/// Every page after the title ends its footer line with its own number ("Sheet 04 Pareto · 4").
fn assert_pages_numbered(r: &Rendered) {
    for (i, page) in r.page_texts.iter().enumerate().skip(1) {
        let footer = page.lines().rev().find(|l| l.contains("Sheet "));
        let number = footer.and_then(|l| l.split_whitespace().last());
        assert_eq!(number, Some((i + 1).to_string().as_str()), "page {}: {footer:?}", i + 1);
    }
}

#[test]
fn footers_number_the_pages() {
    assert_pages_numbered(northbridge());
}

#[test]
fn a_template_that_makes_two_pages_keeps_the_numbers_right() {
    // A charter template that makes two pages: kamdeck writes each slide's page number into
    // its footer when every slide is one page; here Typst has to count them instead.
    let dir = crate::support::scratch("two-page-template");
    std::fs::create_dir_all(dir.join("review")).unwrap();
    std::fs::write(dir.join("review/charter.typ"), "#slide({{ meta }})[First half]\n#slide({{ meta }})[Second half]\n")
        .unwrap();
    let spec = DeckSpec { templates: Some(dir), ..DeckSpec::new(DeckKind::Review).without_workbook() };
    let engine = Engine::new(&spec).unwrap_or_else(|e| panic!("{e}"));
    let yaml = std::fs::read_to_string(crate::support::example("northbridge.yaml")).unwrap();
    let p = kamdeck::input::from_yaml_str(&yaml, "northbridge.yaml").unwrap_or_else(|e| panic!("{e}"));
    let r = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    assert_eq!(r.page_texts.len(), r.titles.len() + 1, "the charter takes two pages");
    assert_pages_numbered(&r);
    let second = r.page_texts.iter().position(|t| t.contains("Second half")).unwrap();
    assert!(r.page_texts[second - 1].contains("First half"));
}

#[test]
fn the_pareto_slide_lists_as_many_of_the_vital_few_as_fit() {
    let r = northbridge();
    let page = r.page_texts.iter().map(|t| norm(t)).find(|t| t.contains("PARETO ANALYSIS")).unwrap();
    // Nine accounts make the 80 %; all nine fit beside the chart.
    assert!(page.contains("9 accounts (38%) generate 81% of FY2026 revenue"), "{page}");
    assert!(page.contains("Gulf Coast Medical Group") && !page.contains("more"), "{page}");
}
