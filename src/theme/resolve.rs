//! From a theme's name or folder to a resolved `Theme`: follow `extends`, lay each theme's
//! files and keys over those it extends, then check every value against what it names.

use std::path::PathBuf;

use super::layer::{At, Layer};
use super::{Aspect, Colors, Fonts, Footer, Logo, Margins, Page, Sizes, Theme, ThemeError, fonts};
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
    ThemeError::user(place.into(), message.into())
}

impl Theme {
    /// Loads the theme `source` names, reading a user's folders into `assets`; the resolved
    /// theme's files are then under `theme.root`.
    pub fn load(assets: &mut Assets, source: &ThemeSource) -> Result<Self, ThemeError> {
        let chain = chain(assets, source)?;
        let user = chain.iter().any(|l| l.dir.is_some());
        for link in chain.iter().rev() {
            assets.copy_under(&link.prefix, ROOT);
        }
        let top = chain.first().map(|l| l.file.clone()).unwrap_or_default();
        let mut merged = Layer::default();
        for link in chain.into_iter().rev() {
            merged.merge(link.layer);
        }
        resolve(merged, &top, assets).map_err(|mut e| {
            e.user = user;
            e
        })
    }
}

/// The themes `source` extends, itself first.
fn chain(assets: &mut Assets, source: &ThemeSource) -> Result<Vec<Link>, ThemeError> {
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

/// A required value, or an error naming the theme file that should set it.
fn need<T: Clone>(v: Option<&At<T>>, key: &str, top: &str) -> Result<At<T>, ThemeError> {
    v.cloned().ok_or_else(|| {
        fault(top, format!("`{key}` is missing: set it, or start from a built-in theme with `extends: default`"))
    })
}

fn resolve(m: Layer, top: &str, assets: &Assets) -> Result<Theme, ThemeError> {
    let mut missing = m.colors.clone().unwrap_or_default().missing("colors");
    missing.extend(m.fonts.clone().unwrap_or_default().missing("fonts"));
    missing.extend(m.sizes.clone().unwrap_or_default().missing("sizes"));
    missing.extend(m.page.clone().unwrap_or_default().margins.unwrap_or_default().missing("page.margins"));
    if !missing.is_empty() {
        return Err(fault(
            top,
            format!(
                "{} {} missing: set {}, or start from a built-in theme with `extends: default`",
                crate::model::validate::preview(&missing.iter().map(String::as_str).collect::<Vec<_>>()),
                if missing.len() == 1 { "is" } else { "are" },
                if missing.len() == 1 { "it" } else { "them" },
            ),
        ));
    }
    let palette = m.palette.unwrap_or_default();
    for v in palette.values() {
        if super::parse_hex(&v.value).is_none() {
            return Err(fault(v.place(), format!("`{}` is not a #RRGGBB colour", v.value)));
        }
    }
    let color = |v: Option<&At<String>>, key: &str| -> Result<String, ThemeError> {
        let v = need(v, &format!("colors.{key}"), top)?;
        if super::parse_hex(&v.value).is_some() {
            return Ok(v.value.to_ascii_uppercase());
        }
        match palette.get(&v.value) {
            Some(p) => Ok(p.value.to_ascii_uppercase()),
            None => {
                let hint = did_you_mean(&v.value, palette.keys().map(String::as_str))
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                Err(fault(
                    v.place(),
                    format!("`{}` is neither a #RRGGBB colour nor a name in `palette`{hint}", v.value),
                ))
            }
        }
    };
    let c = m.colors.unwrap_or_default();
    let series = need(c.series.as_ref(), "colors.series", top)?;
    if series.value.len() < 6 {
        return Err(fault(series.place(), "list at least six colours: charts tell up to six series apart"));
    }
    let series_hex =
        series.value.iter().map(|s| color(Some(&series.with(s.clone())), "series")).collect::<Result<Vec<_>, _>>()?;
    let colors = Colors {
        background: color(c.background.as_ref(), "background")?,
        surface: color(c.surface.as_ref(), "surface")?,
        cover: color(c.cover.as_ref(), "cover")?,
        on_cover: color(c.on_cover.as_ref(), "on_cover")?,
        primary: color(c.primary.as_ref(), "primary")?,
        accent: color(c.accent.as_ref(), "accent")?,
        text: color(c.text.as_ref(), "text")?,
        subtle: color(c.subtle.as_ref(), "subtle")?,
        muted: color(c.muted.as_ref(), "muted")?,
        light: color(c.light.as_ref(), "light")?,
        positive: color(c.positive.as_ref(), "positive")?,
        neutral: color(c.neutral.as_ref(), "neutral")?,
        negative: color(c.negative.as_ref(), "negative")?,
        unknown: color(c.unknown.as_ref(), "unknown")?,
        tier_a: color(c.tier_a.as_ref(), "tier_a")?,
        tier_b: color(c.tier_b.as_ref(), "tier_b")?,
        tier_c: color(c.tier_c.as_ref(), "tier_c")?,
        series: series_hex,
    };
    let s = m.sizes.unwrap_or_default();
    let size = |v: Option<&At<f64>>, key: &str| -> Result<f64, ThemeError> {
        let v = need(v, &format!("sizes.{key}"), top)?;
        if (4.0..=96.0).contains(&v.value) { Ok(v.value) } else { Err(fault(v.place(), "a size is 4 to 96 points")) }
    };
    let sizes = Sizes {
        title: size(s.title.as_ref(), "title")?,
        kicker: size(s.kicker.as_ref(), "kicker")?,
        body: size(s.body.as_ref(), "body")?,
        table: size(s.table.as_ref(), "table")?,
        chart: size(s.chart.as_ref(), "chart")?,
        footer: size(s.footer.as_ref(), "footer")?,
        note: size(s.note.as_ref(), "note")?,
        label: size(s.label.as_ref(), "label")?,
        kpi: size(s.kpi.as_ref(), "kpi")?,
        cover_title: size(s.cover_title.as_ref(), "cover_title")?,
        cover_subtitle: size(s.cover_subtitle.as_ref(), "cover_subtitle")?,
    };
    let page = page(m.page.unwrap_or_default(), top)?;
    let font_files = fonts::read(assets.under(ROOT)).map_err(|path| {
        fault(path.replacen(ROOT, "fonts of the theme: ", 1), "not a font file kamdeck can read (TTF, OTF)")
    })?;
    let f = m.fonts.unwrap_or_default();
    let family = |v: Option<&At<String>>, key: &str| -> Result<String, ThemeError> {
        let v = need(v, &format!("fonts.{key}"), top)?;
        if fonts::has_family(&font_files, &v.value) {
            return Ok(v.value);
        }
        let have = fonts::families(&font_files);
        Err(fault(
            v.place(),
            format!(
                "font family `{}` is not in the theme's fonts/ folder (it has: {}); add its TTF or OTF files there — fonts are never taken from the system",
                v.value,
                if have.is_empty() { "no fonts".to_owned() } else { have.join(", ") }
            ),
        ))
    };
    let fonts = Fonts {
        heading: family(f.heading.as_ref(), "heading")?,
        body: family(f.body.as_ref(), "body")?,
        numbers: family(f.numbers.as_ref(), "numbers")?,
    };
    let logo = match m.logo {
        None => None,
        Some(l) => {
            let file = need(l.file.as_ref(), "logo.file", top)?;
            let lower = file.value.to_ascii_lowercase();
            if ![".svg", ".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e)) {
                return Err(fault(file.place(), format!("`{}`: a logo is an SVG, PNG or JPEG file", file.value)));
            }
            if file.value.contains("..") || assets.get(&format!("{ROOT}{}", file.value)).is_none() {
                return Err(fault(file.place(), format!("`{}` is not a file of the theme folder", file.value)));
            }
            let alt = need(l.alt.as_ref(), "logo.alt", top)?;
            if alt.value.trim().is_empty() {
                return Err(fault(alt.place(), "say what the logo shows: screen readers read it aloud"));
            }
            Some(Logo {
                file: file.value,
                alt: alt.value,
                title: l.title.is_none_or(|v| v.value),
                footer: l.footer.is_some_and(|v| v.value),
            })
        }
    };
    let dark = super::relative_luminance(&colors.background).unwrap_or(1.0) < 0.4;
    Ok(Theme {
        dark,
        name: m.name.map(|n| n.value).unwrap_or_default(),
        description: m.description.map(|d| d.value).unwrap_or_default(),
        font: fonts.body.clone(),
        page,
        colors,
        fonts,
        sizes,
        logo,
        footer: Footer { text: m.footer.and_then(|f| f.text).map(|t| t.value).filter(|t| !t.trim().is_empty()) },
        root: ROOT.to_owned(),
        font_files,
    })
}

fn page(p: super::layer::PageLayer, top: &str) -> Result<Page, ThemeError> {
    let aspect = match p.aspect {
        None => Aspect::Wide,
        Some(a) => match a.value.as_str() {
            "16:9" => Aspect::Wide,
            "4:3" => Aspect::Standard,
            other => return Err(fault(a.place(), format!("`{other}` is not a page aspect: \"16:9\" or \"4:3\""))),
        },
    };
    let m = p.margins.unwrap_or_default();
    let margin = |v: Option<&At<f64>>, key: &str| -> Result<f64, ThemeError> {
        let v = need(v, &format!("page.margins.{key}"), top)?;
        if (0.0..=144.0).contains(&v.value) {
            Ok(v.value)
        } else {
            Err(fault(v.place(), "a margin is 0 to 144 points"))
        }
    };
    let margins = Margins {
        left: margin(m.left.as_ref(), "left")?,
        right: margin(m.right.as_ref(), "right")?,
        top: margin(m.top.as_ref(), "top")?,
        bottom: margin(m.bottom.as_ref(), "bottom")?,
    };
    Ok(Page { aspect, paper: aspect.paper(), margins })
}
