//! The portfolio's `deck:` block, checked against what kamdeck ships: a language it has, a
//! built-in theme or a theme folder that stays beside the portfolio.

use std::path::{Component, Path};

use super::DeckOptions;
use super::suggest::hint;
use crate::assets::{Assets, is_folder_name};

/// Every problem of `d`: its data path and what is wrong.
pub(super) fn check(d: &DeckOptions) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |path: &str, message: String| out.push((path.to_owned(), message));
    if let Some(lang) = &d.lang {
        let shipped = Assets::builtin().names("locales/", ".yaml");
        if !shipped.contains(lang) {
            let hint = hint(lang, shipped.iter().map(String::as_str));
            push("deck.lang", format!("`{lang}` is not a language of kamdeck ({}){hint}", shipped.join(", ")));
        }
    }
    match d.theme.as_deref() {
        Some(theme) if is_folder_name(theme) => {
            let path = Path::new(theme);
            if path.is_absolute() || path.components().any(|c| c == Component::ParentDir) {
                // A shared portfolio must not make kamdeck read folders elsewhere.
                push(
                    "deck.theme",
                    format!("`{theme}` leaves the portfolio's folder: keep the theme folder beside the portfolio"),
                );
            }
        }
        Some(theme) => {
            let built_in = Assets::builtin().names("themes/", "/theme.yaml");
            if !built_in.iter().any(|b| b == theme) {
                let hint = hint(theme, built_in.iter().map(String::as_str));
                push(
                    "deck.theme",
                    format!(
                        "`{theme}` is not a built-in theme ({}) nor a folder (`./brand/`){hint}",
                        built_in.join(", ")
                    ),
                );
            }
        }
        None => {}
    }
    out
}
