//! Any text through the template escaper comes out of Typst as itself: `typst_literal` makes
//! a code literal that evaluates to exactly the input string, whatever it holds, and that
//! literal typesets in markup without an error.

#![no_main]

use std::sync::LazyLock;

use kamdeck::deck::{DeckKind, Engine, SpecRequest};
use kamdeck::typeset;
use libfuzzer_sys::fuzz_target;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;

// The deck's own fonts and text settings (the theme's `deck`).
static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(&SpecRequest::default().resolve(DeckKind::Review).unwrap()).unwrap());

// Typst 0.15's shaping panics on some Arabic text with marks its fallback font lacks (this
// target found it: `م` + U+0617). kamdeck catches the panic and fails the deck with an error
// (`typeset::compile`); libfuzzer's panic hook would abort on the caught panic too, so it is
// replaced by a silent one. A panic kamdeck does not catch still aborts the run.
static QUIET: std::sync::Once = std::sync::Once::new();

fuzz_target!(|text: &str| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut literal = String::new();
    kamdeck::render::typst_literal(&minijinja::Value::from(text), &mut literal).unwrap();
    // In code (the metadata) and in markup (`#"…"`, as templates write it).
    let source = format!(
        "#import \"/theme/theme.typ\": *\n#show: deck.with((title: \"\", author: \"\", date: none, lang: \"en\"))\n#metadata({literal}) <probe>\n#{literal}\n"
    );
    let world = ENGINE.world(source.clone());
    let doc = match typeset::compile(&world) {
        Ok(doc) => doc,
        Err(typeset::TypesetError::Internal(_)) => return,
        Err(e) => panic!("escaped text failed to compile: {e}\n{source}"),
    };
    // Typst memoises every compile process-wide: without eviction two minutes of inputs grew
    // the fuzzer past 2 GB (the batch of plans evicts after each deck the same way).
    typst::comemo::evict(10);
    let label = Label::new(PicoStr::intern("probe")).unwrap();
    let found = doc.introspector().query(&Selector::Label(label));
    let value = found.first().and_then(|c| c.to_packed::<MetadataElem>()).map(|m| m.value.clone());
    assert_eq!(value, Some(Value::Str(text.into())), "{source}");
});
