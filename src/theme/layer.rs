//! One `theme.yaml` as written: every key optional, every value with its place.
//!
//! A theme may extend another (`extends: default`). Each file of the chain is parsed into a
//! `Layer`; the layers merge from the base up, maps key by key, so a user theme can change
//! exactly one colour. Values keep the file, line and column they were written at, so an
//! error found after merging (a palette name that does not exist, a font that is not there)
//! still points at the line to fix.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

use super::ThemeError;
use crate::model::validate::did_you_mean;

/// A value of a theme file with the place it was written.
#[derive(Debug, Clone)]
pub(super) struct At<T> {
    pub value: T,
    line: u64,
    column: u64,
    file: Arc<str>,
}

impl<T> At<T> {
    /// `file:line:col` of the value.
    pub(super) fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        // The file is set once the whole layer is parsed (`Layer::parse`).
        Ok(Self { value: s.value, line: s.referenced.line(), column: s.referenced.column(), file: Arc::from("") })
    }
}

/// A map of optional placed values that merges key by key; `KEYS` are its keys as written.
macro_rules! section {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $name {
            $($(#[$fdoc])* #[serde(default)] pub $field: Option<At<$ty>>,)*
        }

        impl $name {
            pub(super) const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn locate(&mut self, file: &Arc<str>) {
                $(if let Some(a) = &mut self.$field { a.file = Arc::clone(file); })*
            }

            fn merge(&mut self, child: Self) {
                $(if child.$field.is_some() { self.$field = child.$field; })*
            }

            /// `prefix.key` for each key not set.
            #[allow(dead_code, reason = "sections whose keys are all optional never ask")]
            pub(super) fn missing(&self, prefix: &str) -> Vec<String> {
                let mut out = Vec::new();
                $(if self.$field.is_none() { out.push(format!("{prefix}.{}", stringify!($field))); })*
                out
            }
        }
    };
}

section!(
    /// Colour roles: `#RRGGBB` or a name from `palette`.
    ColorsLayer {
        background: String,
        surface: String,
        cover: String,
        on_cover: String,
        primary: String,
        accent: String,
        text: String,
        subtle: String,
        muted: String,
        light: String,
        positive: String,
        neutral: String,
        negative: String,
        unknown: String,
        tier_a: String,
        tier_b: String,
        tier_c: String,
        series: Vec<At<String>>,
    }
);

section!(
    /// Font families for each use.
    FontsLayer {
        heading: String,
        body: String,
        numbers: String,
    }
);

section!(
    /// Point sizes the theme's functions and the templates read.
    SizesLayer {
        title: f64,
        kicker: f64,
        body: f64,
        table: f64,
        chart: f64,
        footer: f64,
        note: f64,
        label: f64,
        kpi: f64,
        cover_title: f64,
        cover_subtitle: f64,
    }
);

section!(
    /// Page margins in points.
    MarginsLayer {
        left: f64,
        right: f64,
        top: f64,
        bottom: f64,
    }
);

section!(
    /// The logo: a file of the theme folder, what it shows, and where it goes.
    LogoLayer {
        file: String,
        alt: String,
        title: bool,
        footer: bool,
    }
);

section!(
    /// The footer line.
    FooterLayer {
        text: String,
    }
);

/// The page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageLayer {
    #[serde(default)]
    pub aspect: Option<At<String>>,
    #[serde(default)]
    pub margins: Option<MarginsLayer>,
}

/// One theme file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Layer {
    #[serde(default)]
    pub name: Option<At<String>>,
    #[serde(default)]
    pub description: Option<At<String>>,
    #[serde(default)]
    pub extends: Option<At<String>>,
    #[serde(default)]
    pub page: Option<PageLayer>,
    #[serde(default)]
    pub palette: Option<BTreeMap<String, At<String>>>,
    #[serde(default)]
    pub colors: Option<ColorsLayer>,
    #[serde(default)]
    pub fonts: Option<FontsLayer>,
    #[serde(default)]
    pub sizes: Option<SizesLayer>,
    #[serde(default)]
    pub logo: Option<LogoLayer>,
    #[serde(default)]
    pub footer: Option<FooterLayer>,
}

/// The keys of each map of a theme file, for "did you mean".
const TOP: &[&str] =
    &["name", "description", "extends", "page", "palette", "colors", "fonts", "sizes", "logo", "footer"];
const PAGE: &[&str] = &["aspect", "margins"];

fn locate<T>(v: &mut Option<At<T>>, file: &Arc<str>) {
    if let Some(a) = v {
        a.file = Arc::clone(file);
    }
}

fn merge_into<T>(base: &mut Option<T>, child: Option<T>, merge: impl FnOnce(&mut T, T)) {
    match (base.as_mut(), child) {
        (Some(b), Some(c)) => merge(b, c),
        (None, Some(c)) => *base = Some(c),
        (_, None) => {}
    }
}

impl Layer {
    /// Parses the theme file `text`, named `file` in messages.
    pub(super) fn parse(text: &str, file: &str) -> Result<Self, ThemeError> {
        let mut layer: Layer = if text.trim().is_empty() {
            Layer::default()
        } else {
            serde_saphyr::from_str(text).map_err(|e| syntax(&e, file))?
        };
        let file: Arc<str> = Arc::from(file);
        locate(&mut layer.name, &file);
        locate(&mut layer.description, &file);
        locate(&mut layer.extends, &file);
        if let Some(page) = &mut layer.page {
            locate(&mut page.aspect, &file);
            if let Some(m) = &mut page.margins {
                m.locate(&file);
            }
        }
        for v in layer.palette.iter_mut().flat_map(BTreeMap::values_mut) {
            v.file = Arc::clone(&file);
        }
        layer.colors.iter_mut().for_each(|s| s.locate(&file));
        // Each colour of the list has its own place.
        for item in layer.colors.iter_mut().flat_map(|c| c.series.iter_mut()).flat_map(|s| s.value.iter_mut()) {
            item.file = Arc::clone(&file);
        }
        layer.fonts.iter_mut().for_each(|s| s.locate(&file));
        layer.sizes.iter_mut().for_each(|s| s.locate(&file));
        layer.logo.iter_mut().for_each(|s| s.locate(&file));
        layer.footer.iter_mut().for_each(|s| s.locate(&file));
        Ok(layer)
    }

    /// `child` written over `self`: maps merge key by key, every other value replaces.
    /// `extends`, `name` and `description` are the child's own.
    pub(super) fn merge(&mut self, child: Layer) {
        self.name = child.name;
        self.description = child.description;
        self.extends = child.extends;
        merge_into(&mut self.page, child.page, |b, c| {
            if c.aspect.is_some() {
                b.aspect = c.aspect;
            }
            merge_into(&mut b.margins, c.margins, MarginsLayer::merge);
        });
        merge_into(&mut self.palette, child.palette, |b, c| b.extend(c));
        merge_into(&mut self.colors, child.colors, ColorsLayer::merge);
        merge_into(&mut self.fonts, child.fonts, FontsLayer::merge);
        merge_into(&mut self.sizes, child.sizes, SizesLayer::merge);
        merge_into(&mut self.logo, child.logo, LogoLayer::merge);
        merge_into(&mut self.footer, child.footer, FooterLayer::merge);
    }
}

/// serde-saphyr's message, with the place first and a suggestion for a misspelt key.
fn syntax(e: &serde_saphyr::Error, file: &str) -> ThemeError {
    let place = e.location().map_or_else(|| file.to_owned(), |l| format!("{file}:{}:{}", l.line(), l.column()));
    let message = e.without_snippet().to_string();
    let message = message.split_once(" at line ").map_or(message.as_str(), |(head, _)| head).trim().to_owned();
    let message = match message.strip_prefix("unknown field `") {
        Some(rest) => {
            let key = rest.split('`').next().unwrap_or(rest);
            let known = known_keys(rest);
            let hint =
                did_you_mean(key, known.iter().copied()).map_or(String::new(), |k| format!("; did you mean `{k}`?"));
            format!("`{key}` is not a theme key (keys here: {}){hint}", known.join(", "))
        }
        None => crate::input::yaml_message(&message),
    };
    ThemeError::user(place, message)
}

/// The keys serde lists after "expected one of", or the map's keys we know of.
fn known_keys(rest: &str) -> Vec<&'static str> {
    let listed: Vec<&str> = rest
        .split_once("expected one of ")
        .map(|(_, list)| list.split(", ").map(|k| k.trim_matches('`')).collect())
        .unwrap_or_default();
    [
        TOP,
        PAGE,
        ColorsLayer::KEYS,
        FontsLayer::KEYS,
        SizesLayer::KEYS,
        MarginsLayer::KEYS,
        LogoLayer::KEYS,
        FooterLayer::KEYS,
    ]
    .into_iter()
    .find(|keys| !listed.is_empty() && listed.iter().all(|l| keys.contains(l)))
    .map_or_else(|| TOP.to_vec(), <[&str]>::to_vec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_place_and_children_win_key_by_key() {
        let mut base = Layer::parse("colors:\n  primary: \"#000000\"\n  accent: \"#111111\"\n", "base.yaml").unwrap();
        let child = Layer::parse("extends: base\ncolors: { primary: \"#D81B60\" }\n", "brand/theme.yaml").unwrap();
        base.merge(child);
        let colors = base.colors.unwrap();
        let primary = colors.primary.unwrap();
        assert_eq!((primary.value.as_str(), primary.place().as_str()), ("#D81B60", "brand/theme.yaml:2:20"));
        assert_eq!(colors.accent.unwrap().place(), "base.yaml:3:11");
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_place_and_a_suggestion() {
        let e = Layer::parse("colors:\n  primray: \"#000000\"\n", "brand/theme.yaml").unwrap_err().to_string();
        assert!(e.starts_with("brand/theme.yaml:2:3: `primray` is not a theme key"), "{e}");
        assert!(e.ends_with("did you mean `primary`?"), "{e}");
        let e = Layer::parse("colour: {}\n", "t.yaml").unwrap_err().to_string();
        assert!(e.contains("did you mean `colors`?"), "{e}");
    }
}
