//! From a theme's name or folder to a resolved `Theme`: follow `extends`, lay each theme's
//! files and keys over those it extends, then check every value against what it names.

use std::path::{Path, PathBuf};

use super::layer::{At, Layer};
use super::{Theme, ThemeError};
use crate::assets::{Assets, is_folder_name};
use crate::model::validate::did_you_mean;

/// Where a theme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeSource {
    /// A built-in theme, by name.
    Builtin(String),
    /// A folder of the user's.
    Folder(PathBuf),
}

impl std::fmt::Display for ThemeSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Builtin(name) => f.write_str(name),
            Self::Folder(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// Where the resolved theme's files are composed in the assets.
const ROOT: &str = "themes/+deck/";
/// How many themes a chain of `extends` may hold.
const MAX_CHAIN: usize = 8;

/// One theme of a chain: where its files are in the assets, and its parsed file.
struct Link {
    prefix: String,
    layer: Layer,
    /// Its folder, when it is the user's.
    dir: Option<PathBuf>,
    file: String,
}

fn fault(place: impl Into<String>, message: impl Into<String>) -> ThemeError {
    ThemeError::user(place, message)
}

impl Theme {
    /// Loads the theme `source` names, reading a user's folders into `assets`; the resolved
    /// theme's files are then under `theme.root`.
    pub fn load(assets: &mut Assets, source: &ThemeSource) -> Result<Self, ThemeError> {
        Self::load_within(assets, source, None)
    }

    /// `load`, with every theme folder of the chain inside `bound` (the portfolio's folder,
    /// when the portfolio names the theme: a shared portfolio must not read elsewhere).
    pub fn load_within(assets: &mut Assets, source: &ThemeSource, bound: Option<&Path>) -> Result<Self, ThemeError> {
        let chain = chain(assets, source, bound)?;
        let user = chain.iter().any(|l| l.dir.is_some());
        for link in chain.iter().rev() {
            assets.copy_under(&link.prefix, ROOT);
        }
        let top = chain.first().map(|l| l.file.clone()).unwrap_or_default();
        let mut merged = Layer::default();
        for link in chain.into_iter().rev() {
            merged.merge(link.layer);
        }
        super::complete::resolve(merged, &top, assets, ROOT).map_err(|mut e| {
            e.user = user;
            e
        })
    }
}

/// The themes `source` extends, itself first.
fn chain(assets: &mut Assets, source: &ThemeSource, bound: Option<&Path>) -> Result<Vec<Link>, ThemeError> {
    let bound = match bound {
        Some(b) => Some(b.canonicalize().map_err(|e| fault(b.display().to_string(), e.to_string()))?),
        None => None,
    };
    let builtin = Assets::builtin().names("themes/", "/theme.yaml");
    let mut links: Vec<Link> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut next = Some((source.clone(), None::<String>));
    // A folder may extend only folders beside it: a shared theme must not read the files
    // of the folders around it.
    let beside = match source {
        ThemeSource::Folder(dir) => {
            Some(dir.canonicalize().map_err(|e| fault(dir.display().to_string(), e.to_string()))?)
        }
        ThemeSource::Builtin(_) => None,
    };
    while let Some((src, named_at)) = next.take() {
        let at = named_at.unwrap_or_else(|| format!("--theme {src}"));
        if links.len() == MAX_CHAIN {
            return Err(fault(at, format!("themes extend each other more than {MAX_CHAIN} deep")));
        }
        let (prefix, file, dir) = match &src {
            ThemeSource::Builtin(name) => {
                if !builtin.contains(name) {
                    let hint = did_you_mean(name, builtin.iter().map(String::as_str))
                        .map_or(String::new(), |b| format!("; did you mean `{b}`?"));
                    return Err(fault(at, format!("`{name}` is not a built-in theme ({}){hint}", builtin.join(", "))));
                }
                let prefix = format!("themes/{name}/");
                (prefix.clone(), format!("{prefix}theme.yaml (built in)"), None)
            }
            ThemeSource::Folder(dir) => {
                let real = dir.canonicalize().map_err(|e| fault(at.clone(), format!("{}: {e}", dir.display())))?;
                if !real.is_dir() {
                    return Err(fault(at, format!("{} is not a theme folder", dir.display())));
                }
                if let Some(b) = &bound
                    && (!real.starts_with(b) || &real == b)
                {
                    return Err(fault(
                        at,
                        format!(
                            "{} leads out of the portfolio's folder ({}): a portfolio's theme stays in a folder beside it",
                            dir.display(),
                            b.display()
                        ),
                    ));
                }
                if let (Some(named), false) = (&beside, links.is_empty()) {
                    let parent = named.parent().unwrap_or(named);
                    if !real.starts_with(parent) || real == parent {
                        return Err(fault(
                            at,
                            format!(
                                "{}: a theme folder extends a built-in theme or a theme folder beside it",
                                dir.display()
                            ),
                        ));
                    }
                }
                if seen.contains(&real) {
                    return Err(fault(at, format!("`{src}` extends itself")));
                }
                seen.push(real);
                let prefix = format!("themes/+{}/", links.len());
                assets.overlay(&prefix, dir).map_err(|e| fault(String::new(), e.to_string()))?;
                (prefix, dir.join("theme.yaml").display().to_string(), Some(dir.clone()))
            }
        };
        if links.iter().any(|l| l.prefix == prefix) {
            return Err(fault(file, format!("`{src}` extends itself")));
        }
        let layer = match assets.get(&format!("{prefix}theme.yaml")) {
            Some(bytes) => {
                let text = std::str::from_utf8(bytes).map_err(|_| fault(file.clone(), "not UTF-8 text"))?;
                Layer::parse(text, &file)?
            }
            // A folder without theme.yaml holds files that replace the default theme's.
            None if dir.is_some() => Layer { extends: Some(default_parent()), ..Layer::default() },
            None => return Err(fault(file, "missing")),
        };
        next = match &layer.extends {
            Some(e) if is_folder_name(&e.value) => match &dir {
                Some(d) => Some((ThemeSource::Folder(d.join(&e.value)), Some(e.place()))),
                None => return Err(fault(e.place(), "a built-in theme extends built-in themes only")),
            },
            Some(e) => Some((ThemeSource::Builtin(e.value.clone()), Some(e.place()))),
            None => None,
        };
        links.push(Link { prefix, layer, dir, file });
    }
    Ok(links)
}

fn default_parent() -> At<String> {
    Layer::parse("extends: default\n", "(a theme folder without theme.yaml)")
        .ok()
        .and_then(|l| l.extends)
        .unwrap_or_else(|| unreachable!("a constant theme file"))
}
