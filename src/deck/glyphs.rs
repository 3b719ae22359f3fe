//! Text the theme's fonts cannot show, found before typesetting.
//!
//! Typst draws a character its fonts lack with a fallback font of its own, so a client's
//! name in Chinese under a Latin-only theme would come out in another typeface, or as
//! boxes, without a word. The deck says so first, naming the text and the slide.

use serde_json::Value;

use crate::slides::Deck;
use crate::theme::Glyphs;

/// At most this many texts are named; the rest are counted.
const MAX_NAMED: usize = 12;

/// One warning per text of `deck` holding a character `glyphs` lacks (each text once).
pub(super) fn missing(deck: &Deck<'_>, glyphs: &Glyphs, family: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<String> = Vec::new();
    let mut more = 0usize;
    let mut page = 0usize;
    for (section, slide) in deck.slides() {
        page += 1;
        let mut texts: Vec<&str> = vec![&slide.kicker, &slide.title];
        texts.extend(slide.notes.iter().map(String::as_str));
        strings(&slide.data, &mut texts);
        for text in texts {
            let Some(c) = text.chars().find(|&c| !glyphs.covers(c)) else { continue };
            if !seen.insert(text) {
                continue;
            }
            if found.len() == MAX_NAMED {
                more += 1;
                continue;
            }
            let shown: String = text.chars().filter(|c| !crate::i18n::is_bidi_control(*c)).take(60).collect();
            found.push(format!(
                "slide {page} ({}): the theme's fonts ({family}) have no `{c}` (U+{:04X}) for \"{shown}\": it would be drawn in another typeface; add a font that has it to the theme's fonts/ folder",
                section.kind.id,
                u32::from(c)
            ));
        }
    }
    if more > 0 {
        found.push(format!("… and {more} more texts the theme's fonts cannot show"));
    }
    found
}

/// Every string in `v`.
fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}
