//! A theme: a folder with `theme.yaml` (colours, fonts, sizes, page, logo, footer), an
//! optional `theme.typ` (the layout functions the templates call), `fonts/` and images.
//!
//! A theme may extend a built-in theme or a theme folder beside it; its files and keys are
//! laid over those of the theme it extends (`resolve.rs`). The resolved values are the one
//! place the Typst theme (as `theme.json`), the charts and the workbook read colours and
//! fonts from, so a colour changed in `theme.yaml` changes everywhere at once.

mod complete;
pub mod fonts;
mod layer;
mod resolve;

use serde::Serialize;

pub use self::fonts::{FontFile, Glyphs};
pub use self::resolve::ThemeSource;

/// Colour roles, each `#RRGGBB`.
#[derive(Debug, Clone, Serialize)]
pub struct Colors {
    /// The page behind every slide.
    pub background: String,
    /// Panels on the page: KPI tiles, call-outs.
    pub surface: String,
    /// The title slide's background.
    pub cover: String,
    /// Text on the title slide (and workbook headers, which take the cover's colours).
    pub on_cover: String,
    /// Titles and the highlighted data.
    pub primary: String,
    /// The one accent per slide (kickers, cut lines, today).
    pub accent: String,
    /// Body text.
    pub text: String,
    /// Secondary text (axis labels, notes, table headers).
    pub subtle: String,
    /// Muted data: the trivial many; secondary text on the cover.
    pub muted: String,
    /// Rules and grid lines.
    pub light: String,
    /// Good / healthy / won.
    pub positive: String,
    /// Watch.
    pub neutral: String,
    /// At risk / lost.
    pub negative: String,
    /// Not known.
    pub unknown: String,
    /// Tier A.
    pub tier_a: String,
    /// Tier B.
    pub tier_b: String,
    /// Tier C.
    pub tier_c: String,
    /// Chart series and categories, in order (at least six).
    pub series: Vec<String>,
}

/// Font families, each among the theme's font files.
#[derive(Debug, Clone, Serialize)]
pub struct Fonts {
    /// Kickers, titles and the title slide.
    pub heading: String,
    /// Everything else, charts included.
    pub body: String,
    /// Key figures (KPI tiles).
    pub numbers: String,
}

/// Point sizes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sizes {
    /// Slide titles.
    pub title: f64,
    /// The analysis name above a title.
    pub kicker: f64,
    /// Body text.
    pub body: f64,
    /// Tables.
    pub table: f64,
    /// Chart labels, as printed.
    pub chart: f64,
    /// The footer line.
    pub footer: f64,
    /// Notes and captions.
    pub note: f64,
    /// Small labels (KPI labels, badges).
    pub label: f64,
    /// Key figures in KPI tiles.
    pub kpi: f64,
    /// The deck's name on the title slide.
    pub cover_title: f64,
    /// The period under it.
    pub cover_subtitle: f64,
}

/// Page shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Aspect {
    /// 16:9, the default.
    #[serde(rename = "16:9")]
    Wide,
    /// 4:3.
    #[serde(rename = "4:3")]
    Standard,
}

impl Aspect {
    /// Typst's paper name.
    pub fn paper(self) -> &'static str {
        match self {
            Self::Wide => "presentation-16-9",
            Self::Standard => "presentation-4-3",
        }
    }

    /// Page width in points (Typst's presentation papers: 297 mm and 280 mm wide).
    pub fn width(self) -> f64 {
        (match self {
            Self::Wide => 297.0,
            Self::Standard => 280.0,
        }) * 72.0
            / 25.4
    }
}

/// Margins in points.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Margins {
    /// Left.
    pub left: f64,
    /// Right.
    pub right: f64,
    /// Top.
    pub top: f64,
    /// Bottom (above the footer).
    pub bottom: f64,
}

/// The page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Page {
    /// Shape.
    pub aspect: Aspect,
    /// Typst's paper name.
    pub paper: &'static str,
    /// Margins.
    pub margins: Margins,
}

impl Page {
    /// Width of the slides' content area in points.
    pub fn content_width(&self) -> f64 {
        self.aspect.width() - self.margins.left - self.margins.right
    }
}

/// The logo.
#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    /// Its path in the theme folder.
    pub file: String,
    /// What it shows, for screen readers (the tagged PDF's alternative text).
    pub alt: String,
    /// On the title slide.
    pub title: bool,
    /// In every footer.
    pub footer: bool,
}

/// The footer.
#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    /// A line of the brand's (a company name), before the period.
    pub text: Option<String>,
}

/// A resolved theme: every key known, every colour a hex value, every font present.
#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    /// One line on what the theme looks like (`kamdeck themes`).
    pub description: String,
    /// The body font (what `theme.typ` and tests call `T.font`).
    pub font: String,
    /// Page.
    pub page: Page,
    /// Colours.
    pub colors: Colors,
    /// Fonts.
    pub fonts: Fonts,
    /// Sizes.
    pub sizes: Sizes,
    /// Logo.
    pub logo: Option<Logo>,
    /// Footer.
    pub footer: Footer,
    /// Light text on a dark page (the layout functions pick tints by it).
    pub dark: bool,
    /// Folder of the composed theme files in the assets (`themes/+deck/`).
    #[serde(skip)]
    pub root: String,
    /// The theme's font files with their faces.
    #[serde(skip)]
    pub font_files: Vec<FontFile>,
    /// What the user should know about the theme (text colours below WCAG AA contrast).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// Why a theme could not be loaded: where, and what would fix it.
#[derive(Debug, thiserror::Error)]
#[error("{}{message}", if place.is_empty() { String::new() } else { format!("{place}: ") })]
pub struct ThemeError {
    place: String,
    message: String,
    /// Whether a user's theme folder is at fault (exit 2) rather than a built-in theme.
    pub user: bool,
}

impl ThemeError {
    pub(crate) fn user(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self { place: place.into(), message: message.into(), user: true }
    }
}

impl Theme {
    /// The font files of the theme, in path order.
    pub fn font_data<'a>(&'a self, assets: &'a crate::assets::Assets) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.font_files.iter().filter_map(|f| assets.get(&f.path))
    }
}

/// `#RRGGBB` → (r, g, b).
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG 2's relative luminance of `#RRGGBB`.
pub fn relative_luminance(hex: &str) -> Option<f64> {
    let (r, g, b) = parse_hex(hex)?;
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    Some(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b))
}

/// WCAG 2's contrast ratio of two colours (1 to 21; AA asks 4.5 for text, 3 for large text
/// and graphics).
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (relative_luminance(a)?, relative_luminance(b)?);
    Some((la.max(lb) + 0.05) / (la.min(lb) + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_ratio("#000000", "#FFFFFF").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_ratio("#777777", "#FFFFFF").unwrap() - 4.48).abs() < 0.01);
        assert_eq!(contrast_ratio("#FFF", "#FFFFFF"), None);
    }
}
