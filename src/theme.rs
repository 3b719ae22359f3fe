//! A theme: colours, fonts and sizes (`theme.yaml`) plus Typst layout functions (`theme.typ`).
//!
//! The same data drives the charts (plotters) and the slides (Typst reads it as JSON), so
//! a colour changed in `theme.yaml` changes everywhere at once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assets::Assets;

/// Colours of the default palette, as `#RRGGBB`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Dark primary (titles, highlighted data).
    pub primary: String,
    /// The one accent per slide.
    pub accent: String,
    /// Body text.
    pub text: String,
    /// Secondary text.
    pub subtle: String,
    /// Muted data (the trivial many).
    pub muted: String,
    /// Rules and light fills.
    pub light: String,
    /// Relationship / health: positive.
    pub positive: String,
    /// Neutral / watch.
    pub neutral: String,
    /// Negative / at risk.
    pub negative: String,
    /// Unknown.
    pub unknown: String,
    /// Tier A.
    pub tier_a: String,
    /// Tier B.
    pub tier_b: String,
    /// Tier C.
    pub tier_c: String,
    /// Series colours for plans and categories.
    pub series: Vec<String>,
}

/// A loaded theme.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    /// One line on what the theme looks like (`kamdeck themes`).
    #[serde(default)]
    pub description: String,
    /// Font family used everywhere (must be among the theme's fonts).
    pub font: String,
    /// Colours.
    pub colors: Colors,
    /// Sizes in points: title, kicker, body, table, footer, chart.
    pub sizes: BTreeMap<String, f64>,
    /// Logo file inside the theme folder, if any.
    #[serde(default)]
    pub logo: Option<String>,
    /// Folder of the theme in the assets (`themes/default/`).
    #[serde(skip)]
    pub root: String,
}

/// Why a theme could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("theme `{name}`: {message}")]
pub struct ThemeError {
    name: String,
    message: String,
}

impl Theme {
    /// Loads `themes/<name>/theme.yaml` from the assets.
    pub fn load(assets: &Assets, name: &str) -> Result<Self, ThemeError> {
        let err = |message: String| ThemeError { name: name.to_owned(), message };
        let root = format!("themes/{name}/");
        let path = format!("{root}theme.yaml");
        let bytes = assets.get(&path).ok_or_else(|| err(format!("{path} not found (built in: default)")))?;
        let text = std::str::from_utf8(bytes).map_err(|e| err(e.to_string()))?;
        let mut theme: Theme = serde_saphyr::from_str(text).map_err(|e| err(format!("{path}: {e}")))?;
        theme.root = root;
        for c in theme.all_colors() {
            parse_hex(c).ok_or_else(|| err(format!("`{c}` is not a #RRGGBB colour")))?;
        }
        if theme.colors.series.is_empty() {
            return Err(err("colors.series needs at least one colour".into()));
        }
        Ok(theme)
    }

    fn all_colors(&self) -> Vec<&str> {
        let c = &self.colors;
        let mut v = vec![
            &c.primary,
            &c.accent,
            &c.text,
            &c.subtle,
            &c.muted,
            &c.light,
            &c.positive,
            &c.neutral,
            &c.negative,
            &c.unknown,
            &c.tier_a,
            &c.tier_b,
            &c.tier_c,
        ];
        v.extend(c.series.iter());
        v.into_iter().map(String::as_str).collect()
    }

    /// A size from `sizes`, or `default`.
    pub fn size(&self, key: &str, default: f64) -> f64 {
        self.sizes.get(key).copied().unwrap_or(default)
    }

    /// The font files of the theme (`.otf`, `.ttf`), in path order.
    pub fn fonts<'a>(&'a self, assets: &'a Assets) -> impl Iterator<Item = &'a [u8]> + 'a {
        assets
            .under(&self.root)
            .filter(|(p, _)| p.ends_with(".otf") || p.ends_with(".ttf") || p.ends_with(".ttc") || p.ends_with(".otc"))
            .map(|(_, b)| b)
    }
}

/// `#RRGGBB` → (r, g, b).
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}
