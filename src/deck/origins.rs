//! Typst's diagnostics in the user's own files: a fault in a theme folder of theirs names
//! that folder's file and line (exit 2), not the virtual path the World gave it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::assets::Assets;
use crate::error::Error;
use crate::theme::{Theme, ThemeError};
use crate::typeset::{self, Base, DeckWorld, TypesetError};

/// The theme's files that came from a user's folder: virtual path (`theme/theme.typ`) →
/// the file it was read from.
#[derive(Debug, Clone, Default)]
pub(super) struct Origins(Vec<(String, PathBuf)>);

impl Origins {
    /// The user's files among the theme's.
    pub(super) fn of(theme: &Theme, assets: &Assets) -> Self {
        Self(
            assets
                .under(&theme.root)
                .filter_map(|(path, _)| {
                    let origin = assets.origin(path)?;
                    Some((format!("theme/{}", &path[theme.root.len()..]), origin.to_owned()))
                })
                .collect(),
        )
    }

    /// `place` (`theme/theme.typ:21:5`) in the user's file, when it is one of theirs.
    pub(super) fn map(&self, place: &str) -> Option<String> {
        let (file, rest) = place.split_once(':').unwrap_or((place, ""));
        let (_, origin) = self.0.iter().find(|(v, _)| v == file)?;
        Some(if rest.is_empty() { origin.display().to_string() } else { format!("{}:{rest}", origin.display()) })
    }
}

/// Typst's messages, without hints about command-line options kamdeck does not have.
pub(super) fn message(m: &str) -> String {
    match m.find(" (hint: ") {
        Some(i) if m[i..].contains("--root") => m[..i].to_owned(),
        _ => m.to_owned(),
    }
}

/// Compiles the theme once with its logo, before any deck: a fault in `theme.typ` or an
/// image that cannot be decoded stops the run at once, at its place, rather than in every
/// deck of a batch.
pub(super) fn check_theme(base: &Arc<Base>, theme: &Theme, origins: &Origins) -> Result<(), Error> {
    let probe = "#import \"/theme/theme.typ\": *\n#if T.logo != none { image(\"/theme/\" + T.logo.file) }\n";
    let world = DeckWorld::new(Arc::clone(base), "/theme-check.typ", probe.to_owned(), None);
    let Err(e) = typeset::compile(&world) else { return Ok(()) };
    let TypesetError::Compile(diags) = e else { return Err(e.into()) };
    let message = diags.iter().map(|d| message(&d.message)).collect::<Vec<_>>().join("; ");
    // The probe's second line is the logo: an image that does not decode is the logo file's fault.
    let logo = theme.logo.as_ref().filter(|_| diags.iter().any(|d| d.place.starts_with("theme-check.typ:2:")));
    if let Some(l) = logo {
        let virtual_path = format!("theme/{}", l.file);
        let place = origins.map(&virtual_path).unwrap_or(virtual_path);
        let mut e =
            ThemeError::user(place, format!("the logo cannot be shown: {message}; use an SVG, PNG or JPEG file"));
        e.user = !origins.0.is_empty();
        return Err(e.into());
    }
    let first = diags.first().map(|d| (origins.map(&d.place), d));
    let (place, user) = match first {
        Some((Some(mapped), _)) => (mapped, true),
        Some((None, d)) => (d.place.clone(), !origins.0.is_empty()),
        None => (theme.name.clone(), false),
    };
    let mut e = ThemeError::user(place, format!("the theme does not compile: {message}"));
    e.user = user;
    Err(e.into())
}
