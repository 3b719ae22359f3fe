//! Languages: message catalogues (every fixed word on a slide) and CLDR formatting.
//!
//! A catalogue is a flat YAML map (`locales/<lang>.yaml`) of keys to texts with `{name}`
//! placeholders. Numbers, percentages, money, dates and plural rules are not in it: they
//! come from CLDR through ICU4X (`format.rs`), so a new language is a catalogue file and the
//! language's CLDR data, which ICU4X compiles in.

mod format;

use std::collections::HashMap;

use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use serde::Deserialize;

use self::format::Cldr;
pub use self::format::{Fmt, currency_symbol};
use crate::assets::Assets;

/// The language every catalogue is checked against, and the fallback for a missing key.
const BASE: &str = "en";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    lang: String,
    messages: HashMap<String, String>,
}

/// A loaded language: its messages and its CLDR formatters.
#[derive(Debug)]
pub struct Locale {
    /// Language code, e.g. `en` (also Typst's `text(lang:)`).
    pub lang: String,
    messages: HashMap<String, String>,
    /// English, for a key this catalogue lacks (the catalogue test keeps this empty-handed).
    fallback: Option<HashMap<String, String>>,
    plurals: PluralRules,
    cldr: Cldr,
}

/// Why a catalogue could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("locale `{name}`: {message}")]
pub struct LocaleError {
    name: String,
    message: String,
}

impl Locale {
    /// Loads `locales/<name>.yaml` from the assets, with CLDR's data for `name`.
    pub fn load(assets: &Assets, name: &str) -> Result<Self, LocaleError> {
        let err = |message: String| LocaleError { name: name.to_owned(), message };
        let file = catalogue(assets, name).map_err(err)?;
        let fallback = if name == BASE { None } else { Some(catalogue(assets, BASE).map_err(err)?.messages) };
        let locale: IcuLocale = file.lang.parse().map_err(|e| err(format!("`lang: {}`: {e}", file.lang)))?;
        let plurals = PluralRules::try_new_cardinal((&locale).into()).map_err(|e| err(format!("plural rules: {e}")))?;
        let cldr = Cldr::new(&locale).map_err(err)?;
        Ok(Self { lang: file.lang, messages: file.messages, fallback, plurals, cldr })
    }

    /// Whether the catalogue itself has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    /// The keys of the catalogue, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.messages.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The plural categories of this language's cardinal numbers (`one`, `other`, …).
    pub fn plural_categories(&self) -> Vec<&'static str> {
        self.plurals.categories().map(category_name).collect()
    }

    /// The text under `key`, in English where this catalogue lacks it; a key no catalogue
    /// has shows as `⟦key⟧` so the tests find it.
    pub fn t(&self, key: &str) -> String {
        self.get(key).map_or_else(|| format!("⟦{key}⟧"), str::to_owned)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.messages.get(key).or_else(|| self.fallback.as_ref()?.get(key)).map(String::as_str)
    }

    /// The text under `key`, or `fallback` when no catalogue has it (user-defined names).
    pub fn messages_or(&self, key: &str, fallback: &str) -> String {
        self.get(key).unwrap_or(fallback).to_owned()
    }

    /// The text under `key` with `{name}` placeholders filled in. A value holding bidi
    /// controls (an account name with a right-to-left override) is isolated, so it cannot
    /// reverse the words of the message around it.
    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &isolate(value));
        }
        s
    }

    /// Like `tr`, choosing `key.<category>` by the language's plural rule for `n`
    /// (`key.other` when the catalogue has no form of its own for the category); `count` is
    /// `n` as the slide shows it (`{n}`).
    pub fn tn(&self, key: &str, n: usize, count: &str, args: &[(&str, &str)]) -> String {
        let form = format!("{key}.{}", category_name(self.plurals.category_for(n)));
        let form = if self.get(&form).is_some() { form } else { format!("{key}.other") };
        let mut all = vec![("n", count)];
        all.extend_from_slice(args);
        self.tr(&form, &all)
    }
}

/// Whether `c` changes the direction of the text around it (embeddings, overrides, isolates,
/// marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` as a directional isolate when it holds bidi controls: every embedding or override it
/// opens is closed inside, so the text after it keeps its own direction.
pub fn isolate(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_bidi_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let (mut embeddings, mut isolates) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '\u{202a}'..='\u{202b}' | '\u{202d}'..='\u{202e}' => embeddings += 1,
            '\u{202c}' => embeddings = embeddings.saturating_sub(1),
            '\u{2066}'..='\u{2068}' => isolates += 1,
            '\u{2069}' => isolates = isolates.saturating_sub(1),
            _ => {}
        }
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push('\u{2068}');
    out.push_str(s);
    out.extend(std::iter::repeat_n('\u{202c}', embeddings));
    out.extend(std::iter::repeat_n('\u{2069}', isolates));
    out.push('\u{2069}');
    std::borrow::Cow::Owned(out)
}

/// The catalogue file of language `name`.
fn catalogue(assets: &Assets, name: &str) -> Result<CatalogueFile, String> {
    let path = format!("locales/{name}.yaml");
    let bytes = assets.get(&path).ok_or_else(|| format!("{path}: no such catalogue"))?;
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))?;
    serde_saphyr::from_str(text).map_err(|e| format!("{path}: {e}"))
}

/// A plural category as catalogue keys name it.
fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests;
