//! Everything that decides a deck, assembled once and checked before any file is written.
//!
//! The command line (and, for a batch of plans, the portfolio's accounts) give a
//! `SpecRequest` of plain strings; `SpecRequest::resolve` checks each choice against what is
//! built in — themes, languages, the deck's slide kinds — and yields a `DeckSpec` that the
//! engine and the writers take as it is. Nothing below the command line names a theme or a
//! language itself.

use std::path::PathBuf;

use super::AccountSelection;
use crate::assets::Assets;
pub use crate::error::SpecError;
use crate::model::Portfolio;
use crate::slides::{PLAN, REVIEW, SlideKind};
use crate::theme::ThemeSource;

/// Which deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeckKind {
    /// The quarterly KAM review.
    Review,
    /// Account plans, one deck per account.
    Plan,
}

impl DeckKind {
    /// Its slide kinds, in deck order.
    pub fn registry(self) -> &'static [&'static SlideKind] {
        match self {
            Self::Review => REVIEW,
            Self::Plan => PLAN,
        }
    }

    /// The command that builds it.
    fn command(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::Plan => "plan",
        }
    }
}

/// The theme used when none is named.
pub const DEFAULT_THEME: &str = "default";
/// The language used when none is named.
pub const DEFAULT_LANG: &str = "en";

/// What a deck is asked for, as given: nothing checked yet.
#[derive(Debug, Clone, Default)]
pub struct SpecRequest {
    /// A built-in theme's name (default `default`) or a theme folder (`./brand/`).
    pub theme: Option<String>,
    /// A folder whose files replace built-in templates by name.
    pub templates: Option<PathBuf>,
    /// The catalogue's language (default `en`).
    pub lang: Option<String>,
    /// Slide kind ids, in the order wanted (default: the whole deck).
    pub slides: Option<Vec<String>>,
    /// Leave out the workbook.
    pub no_workbook: bool,
    /// Also keep the generated Typst source.
    pub keep_typst: bool,
    /// Also write an editable PowerPoint deck.
    pub pptx: bool,
    /// Warnings are errors.
    pub strict: bool,
    /// The accounts of a batch of plans (checked already: `AccountSelection::parse`).
    pub accounts: Option<AccountSelection>,
    /// The portfolio's own slide lists (review, plans), taken where `slides` is not set.
    pub portfolio_slides: [Option<Vec<String>>; 2],
    /// The portfolio's folder, when the portfolio named the theme folder.
    pub theme_bound: Option<PathBuf>,
}

/// What a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// The workbook beside each PDF.
    pub workbook: bool,
    /// The generated Typst source beside each PDF.
    pub typst: bool,
    /// An editable PowerPoint deck beside each PDF.
    pub pptx: bool,
}

/// A checked deck spec: one plain value passed down to the engine and the writers.
#[derive(Debug, Clone)]
pub struct DeckSpec {
    /// Which deck.
    pub deck: DeckKind,
    /// The theme.
    pub theme: ThemeSource,
    /// A folder every theme folder must stay inside (the portfolio's, when it names the theme).
    pub theme_bound: Option<PathBuf>,
    /// A folder overriding built-in templates.
    pub templates: Option<PathBuf>,
    /// The catalogue's language.
    pub lang: String,
    /// The slide kinds, in deck order.
    pub slides: Vec<&'static SlideKind>,
    /// What is written.
    pub outputs: Outputs,
    /// Warnings (text the fonts cannot show) are errors.
    pub strict: bool,
    /// For plans: the accounts of the batch (every account when none were named).
    pub accounts: AccountSelection,
}

impl DeckSpec {
    /// The whole deck of `deck` with the default theme and language, PDF and workbook.
    pub fn new(deck: DeckKind) -> Self {
        Self {
            deck,
            theme: ThemeSource::Builtin(DEFAULT_THEME.to_owned()),
            theme_bound: None,
            templates: None,
            lang: DEFAULT_LANG.to_owned(),
            slides: deck.registry().to_vec(),
            outputs: Outputs { workbook: true, typst: false, pptx: false },
            strict: false,
            accounts: AccountSelection::all(),
        }
    }

    /// The same spec with an editable PowerPoint deck beside the PDF.
    #[must_use]
    pub fn with_pptx(mut self) -> Self {
        self.outputs.pptx = true;
        self
    }

    /// The same spec without the workbook.
    #[must_use]
    pub fn without_workbook(mut self) -> Self {
        self.outputs.workbook = false;
        self
    }
}

impl SpecRequest {
    /// The request with the portfolio's own choices (`deck:`) where the command line made
    /// none: the command line wins. A theme folder named in the portfolio is relative to the
    /// portfolio file's folder, `base`.
    #[must_use]
    pub fn with_portfolio(mut self, p: &Portfolio, base: &std::path::Path) -> Self {
        if self.lang.is_none() {
            self.lang.clone_from(&p.deck.lang);
        }
        self.portfolio_slides = [p.deck.slides.clone(), p.deck.plan_slides.clone()];
        self.pptx |= p.deck.pptx;
        if self.theme.is_none()
            && let Some(theme) = &p.deck.theme
        {
            self.theme = Some(if crate::assets::is_folder_name(theme) {
                self.theme_bound = Some(base.to_owned());
                base.join(theme).to_string_lossy().into_owned()
            } else {
                theme.clone()
            });
        }
        self
    }

    /// Checks every choice against what is built in.
    pub fn resolve(self, deck: DeckKind) -> Result<DeckSpec, SpecError> {
        let builtin = Assets::builtin();
        let theme = self.theme.unwrap_or_else(|| DEFAULT_THEME.to_owned());
        let theme = if crate::assets::is_folder_name(&theme) {
            ThemeSource::Folder(PathBuf::from(&theme))
        } else {
            let themes = builtin.names("themes/", "/theme.yaml");
            if !themes.contains(&theme) {
                let folder = if std::path::Path::new(&theme).is_dir() {
                    format!("; for the folder, write --theme ./{theme}/")
                } else {
                    crate::model::validate::hint(&theme, themes.iter().map(String::as_str))
                };
                return Err(SpecError(format!(
                    "--theme {theme}: no such theme (built in: {}){folder}",
                    themes.join(", ")
                )));
            }
            ThemeSource::Builtin(theme)
        };
        let lang = self.lang.unwrap_or_else(|| DEFAULT_LANG.to_owned());
        let langs = builtin.names("locales/", ".yaml");
        if !langs.contains(&lang) {
            return Err(SpecError(format!("--lang {lang}: no such language (shipped: {})", langs.join(", "))));
        }
        let from_portfolio = match deck {
            DeckKind::Review => &self.portfolio_slides[0],
            DeckKind::Plan => &self.portfolio_slides[1],
        };
        let slides = match self.slides.or_else(|| from_portfolio.clone()) {
            None => deck.registry().to_vec(),
            Some(ids) => select(deck, &ids)?,
        };
        Ok(DeckSpec {
            deck,
            theme,
            theme_bound: self.theme_bound,
            templates: self.templates,
            lang,
            slides,
            outputs: Outputs { workbook: !self.no_workbook, typst: self.keep_typst, pptx: self.pptx },
            strict: self.strict,
            accounts: self.accounts.unwrap_or_else(AccountSelection::all),
        })
    }
}

/// A list of slide ids that does not pick slides: the position and id at fault, and why.
struct BadSlides {
    at: Option<(usize, String)>,
    why: String,
}

/// The kinds `ids` names, in that order; each id once.
fn pick(deck: DeckKind, ids: &[String]) -> Result<Vec<&'static SlideKind>, BadSlides> {
    let registry = deck.registry();
    let valid = || registry.iter().map(|k| k.id).collect::<Vec<_>>().join(", ");
    let mut out: Vec<&'static SlideKind> = Vec::new();
    for (i, id) in ids.iter().enumerate().map(|(i, s)| (i, s.trim())).filter(|(_, s)| !s.is_empty()) {
        let at = Some((i, id.to_owned()));
        let Some(kind) = registry.iter().find(|k| k.id == id) else {
            let hint = crate::model::validate::hint(id, registry.iter().map(|k| k.id));
            return Err(BadSlides {
                at,
                why: format!("no such slide in the {} deck (slides: {}){hint}", deck.command(), valid()),
            });
        };
        if out.iter().any(|k| k.id == id) {
            return Err(BadSlides { at, why: "named twice".to_owned() });
        }
        out.push(kind);
    }
    if out.is_empty() {
        return Err(BadSlides { at: None, why: format!("name at least one slide (slides: {})", valid()) });
    }
    Ok(out)
}

/// `--slides` as asked on the command line.
fn select(deck: DeckKind, ids: &[String]) -> Result<Vec<&'static SlideKind>, SpecError> {
    pick(deck, ids).map_err(|b| match b.at {
        Some((_, id)) => SpecError(format!("--slides {id}: {}", b.why)),
        None => SpecError(format!("--slides: {}", b.why)),
    })
}

/// What is wrong with the deck choices a portfolio makes that only the decks know of (its
/// slide lists), as problems of the file: `input::load_checked` places them.
pub fn portfolio_problems(p: &Portfolio) -> Vec<crate::model::validate::Problem> {
    [("deck.slides", DeckKind::Review, &p.deck.slides), ("deck.plan_slides", DeckKind::Plan, &p.deck.plan_slides)]
        .into_iter()
        .filter_map(|(key, deck, ids)| {
            let b = pick(deck, ids.as_ref()?).err()?;
            Some(match b.at {
                Some((i, id)) => crate::model::validate::Problem {
                    path: format!("{key}[{i}]"),
                    message: format!("`{id}`: {}", b.why),
                },
                None => crate::model::validate::Problem { path: key.to_owned(), message: b.why },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn defaults_are_the_whole_deck() {
        let spec = DeckSpec::new(DeckKind::Review);
        let resolved = SpecRequest::default().resolve(DeckKind::Review).unwrap();
        assert_eq!((&resolved.theme, resolved.lang.as_str()), (&spec.theme, spec.lang.as_str()));
        assert_eq!((spec.theme.to_string().as_str(), spec.lang.as_str()), ("default", "en"));
        assert_eq!(spec.slides.len(), REVIEW.len());
        assert!(spec.outputs.workbook && !spec.outputs.typst);
    }

    #[test]
    fn unknown_choices_list_the_valid_ones() {
        let ask = |r: SpecRequest| r.resolve(DeckKind::Review).map(|_| ()).unwrap_err().0;
        let theme = ask(SpecRequest { theme: Some("neon".into()), ..SpecRequest::default() });
        assert_eq!(theme, "--theme neon: no such theme (built in: contrast, default, midnight)");
        let folder = SpecRequest { theme: Some("./brand/".into()), ..SpecRequest::default() };
        let spec = folder.resolve(DeckKind::Review).unwrap();
        assert_eq!(spec.theme, ThemeSource::Folder(Path::new("./brand/").to_owned()));
        let lang = ask(SpecRequest { lang: Some("xx".into()), ..SpecRequest::default() });
        assert_eq!(lang, "--lang xx: no such language (shipped: de, en, es, fr)");
        let slide = ask(SpecRequest { slides: Some(vec!["paretto".into()]), ..SpecRequest::default() });
        assert!(
            slide.starts_with("--slides paretto: no such slide in the review deck (slides: title, summary, agenda,"),
            "{slide}"
        );
        let twice = ask(SpecRequest { slides: Some(vec!["abc".into(), "abc".into()]), ..SpecRequest::default() });
        assert_eq!(twice, "--slides abc: named twice");
    }

    #[test]
    fn slides_come_in_the_order_asked() {
        let r = SpecRequest { slides: Some(vec!["abc".into(), " pareto".into()]), ..SpecRequest::default() };
        let spec = r.resolve(DeckKind::Review).unwrap();
        assert_eq!(spec.slides.iter().map(|k| k.id).collect::<Vec<_>>(), ["abc", "pareto"]);
        let plan = SpecRequest { slides: Some(vec!["snapshot".into()]), ..SpecRequest::default() };
        assert!(plan.clone().resolve(DeckKind::Plan).is_ok());
        assert!(plan.resolve(DeckKind::Review).is_err());
    }
}
