//! Any text as a portfolio file: an error or a portfolio, never a panic or a hang; a
//! portfolio that loads gets its figures and every slide of the review and of its first
//! account's plan built (charts included, Typst not).

#![no_main]

use std::sync::LazyLock;

use kamdeck::deck::{DeckKind, Engine, SpecRequest};
use kamdeck::figures::Figures;
use libfuzzer_sys::fuzz_target;

static REVIEW: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(&SpecRequest::default().resolve(DeckKind::Review).unwrap()).unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(p) = kamdeck::input::from_yaml_str(text, "fuzz.yaml") else { return };
    let figures = Figures::compute(&p);
    REVIEW.slides(&p, &figures, DeckKind::Review, None).expect("a valid portfolio builds its review");
    if !p.accounts.is_empty() {
        REVIEW.slides(&p, &figures, DeckKind::Plan, Some(0)).expect("a valid portfolio builds its plans");
    }
});
