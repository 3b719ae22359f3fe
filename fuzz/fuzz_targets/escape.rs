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

// The deck's own fonts: without any, Typst's shaping panics on some text (a Typst fault that
// a deck, which always has fonts, does not reach).
static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(&SpecRequest::default().resolve(DeckKind::Review).unwrap()).unwrap());

fuzz_target!(|text: &str| {
    let mut literal = String::new();
    kamdeck::render::typst_literal(&minijinja::Value::from(text), &mut literal).unwrap();
    // In code (the metadata) and in markup (`#"…"`, as templates write it).
    let source = format!("#metadata({literal}) <probe>\n#{literal}\n");
    let world = ENGINE.world(source.clone());
    let doc = match typeset::compile(&world) {
        Ok(doc) => doc,
        Err(e) => panic!("escaped text failed to compile: {e}\n{source}"),
    };
    let label = Label::new(PicoStr::intern("probe")).unwrap();
    let found = doc.introspector().query(&Selector::Label(label));
    let value = found.first().and_then(|c| c.to_packed::<MetadataElem>()).map(|m| m.value.clone());
    assert_eq!(value, Some(Value::Str(text.into())), "{source}");
});
