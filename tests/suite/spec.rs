//! The deck spec: slide selection and order, unknown themes, languages and slides, and bad
//! plan selections refused before any file is read or written.

use calamine::{Reader, Xlsx};
use kamdeck::{DeckKind, DeckSpec, Engine, SpecRequest};

use crate::support::{example, kamdeck, norm, scratch, stderr};

fn sheets(xlsx: &[u8]) -> Vec<String> {
    Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap().sheet_names()
}

fn mirrors(xlsx: &[u8]) -> Vec<String> {
    sheets(xlsx).into_iter().filter(|s| s.starts_with(|c: char| c.is_ascii_digit())).collect()
}

#[test]
fn the_selection_decides_slides_footers_and_sheets() {
    let request = SpecRequest { slides: Some(vec!["pareto".into(), "dashboard".into()]), ..SpecRequest::default() };
    let engine = Engine::new(&request.resolve(DeckKind::Review).unwrap()).unwrap();
    let yaml = std::fs::read_to_string(example("northbridge.yaml")).unwrap();
    let p = kamdeck::input::from_yaml_str(&yaml, "northbridge.yaml").unwrap();
    let r = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let pages: Vec<String> = r.page_texts.iter().map(|t| norm(t)).collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[0].contains("PARETO ANALYSIS") && pages[0].contains("Sheet 01 Pareto"), "{}", pages[0]);
    assert!(pages[1].contains("KA DASHBOARD") && pages[1].contains("Sheet 02 Dashboard"), "{}", pages[1]);
    assert_eq!(mirrors(r.workbook.as_ref().unwrap()), ["01 Pareto", "02 Dashboard"]);
    // The input sheets are all there whatever the selection: the workbook stays a portfolio.
    assert!(sheets(r.workbook.as_ref().unwrap()).contains(&"Accounts".to_owned()));
}

#[test]
fn the_whole_deck_is_the_default() {
    let spec = DeckSpec::new(DeckKind::Plan);
    let ids = |k: &[&kamdeck::slides::SlideKind]| k.iter().map(|k| k.id).collect::<Vec<_>>();
    assert_eq!(ids(&spec.slides), ids(kamdeck::slides::PLAN));
}

/// A run that must fail with exit 2 and `expected` in its message, writing nothing.
fn refused(args: &[&str], expected: &str) {
    let out = scratch(&format!("refused-{}", args.join("-").replace(['/', '.', ','], "_")));
    let out = out.join("out");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", out.to_str().unwrap()]);
    let o = kamdeck(&all);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(expected), "{args:?}: expected {expected:?} in {}", stderr(&o));
    assert!(!out.exists(), "{args:?}: the output folder was created");
}

#[test]
fn unknown_choices_exit_2_listing_the_valid_ones() {
    let input = example("northbridge.yaml");
    let input = input.to_str().unwrap();
    refused(
        &["review", input, "--theme", "neon"],
        "--theme neon: no such theme (built in: contrast, default, midnight)",
    );
    refused(&["review", input, "--lang", "xx"], "--lang xx: no such language (shipped: de, en, es, fr)");
    refused(
        &["review", input, "--slides", "dashboard,paretto"],
        "--slides paretto: no such slide in the review deck (slides: title, summary, agenda, dashboard, pareto, abc,",
    );
    refused(
        &["plan", input, "--all", "--slides", "pareto"],
        "--slides pareto: no such slide in the plan deck (slides: plan_title, snapshot,",
    );
}

#[test]
fn choices_are_checked_before_the_portfolio_is_read() {
    // The portfolio does not exist: the first complaint is about the choice.
    refused(&["review", "missing.yaml", "--theme", "nope"], "--theme nope");
    refused(&["plan", "missing.yaml", "--tier", "D"], "--tier D: use A, B or C");
    refused(&["plan", "missing.yaml", "--all", "--shard", "9/4"], "--shard 9/4: write I/N");
    let o = kamdeck(&["check", "missing.yaml", "--lang", "xx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--lang xx: no such language"), "{}", stderr(&o));
}

#[test]
fn plans_take_a_selection_too() {
    let out = scratch("plan-selection");
    let o = kamdeck(&[
        "plan",
        example("northbridge.yaml").to_str().unwrap(),
        "--account",
        "northbridge",
        "--slides",
        "actions,snapshot",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xlsx = std::fs::read(out.join("plans/northbridge.xlsx")).unwrap();
    assert_eq!(mirrors(&xlsx), ["01 Actions", "02 Snapshot"]);
}

#[test]
fn the_readme_lists_every_slide_id() {
    let readme = norm(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap());
    for (deck, registry) in [("review's", kamdeck::slides::REVIEW), ("plan's", kamdeck::slides::PLAN)] {
        let ids = registry.iter().map(|k| k.id).collect::<Vec<_>>().join(", ");
        assert!(readme.contains(&format!("{deck} slide ids are `{ids}`")), "README: the {deck} slide ids are {ids}");
    }
}

#[test]
fn the_portfolio_chooses_its_slides_and_the_command_line_wins() {
    let dir = scratch("portfolio-slides");
    let minimal = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    let input = dir.join("p.yaml");
    let deck = "deck:\n  slides: [pareto, dashboard]\n  plan_slides: [snapshot]\n  confidentiality: Board only\n";
    std::fs::write(&input, format!("{deck}{minimal}")).unwrap();
    let run = |out: &str, extra: &[&str]| {
        let out = dir.join(out);
        let mut args = vec!["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend(extra);
        let o = kamdeck(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        mirrors(&std::fs::read(out.join("review.xlsx")).unwrap())
    };
    assert_eq!(run("own", &[]), ["01 Pareto", "02 Dashboard"]);
    assert_eq!(run("cli", &["--slides", "abc"]), ["01 ABC"]);
    // The same choice read back from the workbook `convert` writes.
    let xlsx = dir.join("p.xlsx");
    assert!(kamdeck(&["convert", input.to_str().unwrap(), xlsx.to_str().unwrap()]).status.success());
    let back = kamdeck::input::load(&xlsx).unwrap();
    assert_eq!(back.deck.slides, Some(vec!["pareto".to_owned(), "dashboard".to_owned()]));
    assert_eq!(back.deck.plan_slides, Some(vec!["snapshot".to_owned()]));
    assert_eq!(back.deck.confidentiality.as_deref(), Some("Board only"));
    let engine = Engine::new(&DeckSpec::new(DeckKind::Review)).unwrap();
    let r = engine.review(&back).unwrap_or_else(|f| panic!("{}", f.error));
    assert!(r.page_texts[1].contains("Board only"), "the footers take the deck's line: {}", r.page_texts[1]);

    // Unknown or doubled ids are problems of the file, at their place.
    std::fs::write(
        &input,
        format!("deck:\n  slides: [dashboard, paretto]\n  plan_slides: [snapshot, snapshot]\n{minimal}"),
    )
    .unwrap();
    let o = kamdeck(&["check", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("p.yaml:2:23: deck.slides[1]: `paretto`: no such slide in the review deck"), "{err}");
    assert!(err.contains("did you mean `pareto`?"), "{err}");
    assert!(err.contains("p.yaml:3:27: deck.plan_slides[1]: `snapshot`: named twice"), "{err}");
}
