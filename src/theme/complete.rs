//! From the merged layers of a theme chain to a complete `Theme`: every key set, every
//! colour a hex value, every size and margin in a range that keeps the slides readable,
//! the fonts, the logo and `theme.typ` present.

use super::layer::{At, Layer, PageLayer};
use super::{Aspect, Colors, Fonts, Footer, Logo, Margins, Page, Sizes, Theme, ThemeError, contrast_ratio, fonts};
use crate::assets::Assets;
use crate::model::validate::{did_you_mean, preview};

/// The sizes a deck stays readable at, in points: beyond them titles break over pages and
/// tables over footers.
const SIZES: [(&str, f64, f64); 11] = [
    ("title", 14.0, 36.0),
    ("kicker", 7.0, 16.0),
    ("body", 9.0, 20.0),
    ("table", 8.0, 16.0),
    ("chart", 7.0, 16.0),
    ("footer", 6.0, 12.0),
    ("note", 7.0, 14.0),
    ("label", 6.0, 12.0),
    ("kpi", 12.0, 36.0),
    ("cover_title", 18.0, 60.0),
    ("cover_subtitle", 10.0, 32.0),
];
/// Widest margin, in points: an inch.
const MAX_MARGIN: f64 = 72.0;
/// Longest footer line, in characters.
const MAX_FOOTER: usize = 120;

fn fault(place: impl Into<String>, message: impl Into<String>) -> ThemeError {
    ThemeError::user(place, message)
}

/// A required value, or an error naming the theme file that should set it.
fn need<T: Clone>(v: Option<&At<T>>, key: &str, top: &str) -> Result<At<T>, ThemeError> {
    v.cloned().ok_or_else(|| {
        fault(top, format!("`{key}` is missing: set it, or start from a built-in theme with `extends: default`"))
    })
}

/// The complete theme of the merged layers `m`, whose files are under `root` of `assets`;
/// `top` names the file messages about missing keys point at.
pub(super) fn resolve(m: Layer, top: &str, assets: &Assets, root: &str) -> Result<Theme, ThemeError> {
    let mut missing = m.colors.clone().unwrap_or_default().missing("colors");
    missing.extend(m.fonts.clone().unwrap_or_default().missing("fonts"));
    missing.extend(m.sizes.clone().unwrap_or_default().missing("sizes"));
    missing.extend(m.page.clone().unwrap_or_default().margins.unwrap_or_default().missing("page.margins"));
    if !missing.is_empty() {
        let (verb, them) = if missing.len() == 1 { ("is", "it") } else { ("are", "them") };
        let list = preview(&missing.iter().map(String::as_str).collect::<Vec<_>>());
        return Err(fault(
            top,
            format!("{list} {verb} missing: set {them}, or start from a built-in theme with `extends: default`"),
        ));
    }
    if assets.get(&format!("{root}theme.typ")).is_none() {
        return Err(fault(
            top,
            "there is no theme.typ: a theme that extends none needs its own layout functions; add `extends: default` to use the default's",
        ));
    }
    let colors = colors(&m, top)?;
    let sizes = sizes(&m, top)?;
    let page = page(m.page.clone().unwrap_or_default(), top)?;
    let font_files = fonts::read(assets.under(root)).map_err(|path| {
        let shown = assets.origin(&path).map_or_else(|| path[root.len()..].to_owned(), |o| o.display().to_string());
        fault(shown, "not a font kamdeck can use (a TTF or OTF file, whole and undamaged)")
    })?;
    let f = m.fonts.clone().unwrap_or_default();
    let family = |v: Option<&At<String>>, key: &str| -> Result<String, ThemeError> {
        let v = need(v, &format!("fonts.{key}"), top)?;
        if fonts::has_family(&font_files, &v.value) {
            return Ok(v.value);
        }
        let have = fonts::families(&font_files);
        let have = if have.is_empty() { "no fonts".to_owned() } else { have.join(", ") };
        Err(fault(
            v.place(),
            format!(
                "font family `{}` is not in the theme's fonts/ folder (it has: {have}); add its TTF or OTF files there — fonts are never taken from the system",
                v.value
            ),
        ))
    };
    let fonts = Fonts {
        heading: family(f.heading.as_ref(), "heading")?,
        body: family(f.body.as_ref(), "body")?,
        numbers: family(f.numbers.as_ref(), "numbers")?,
    };
    let logo = logo(&m, top, assets, root)?;
    let footer = footer(&m)?;
    let dark = super::relative_luminance(&colors.background).unwrap_or(1.0) < 0.4;
    let warnings = contrast_warnings(&colors);
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
        footer,
        root: root.to_owned(),
        font_files,
        warnings,
    })
}

fn colors(m: &Layer, top: &str) -> Result<Colors, ThemeError> {
    let palette = m.palette.clone().unwrap_or_default();
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
    let c = m.colors.clone().unwrap_or_default();
    let series = need(c.series.as_ref(), "colors.series", top)?;
    if series.value.len() < 6 {
        return Err(fault(series.place(), "list at least six colours: charts tell up to six series apart"));
    }
    Ok(Colors {
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
        series: series.value.iter().map(|s| color(Some(s), "series")).collect::<Result<Vec<_>, _>>()?,
    })
}

fn sizes(m: &Layer, top: &str) -> Result<Sizes, ThemeError> {
    let s = m.sizes.clone().unwrap_or_default();
    let size = |v: Option<&At<f64>>, key: &str| -> Result<f64, ThemeError> {
        let v = need(v, &format!("sizes.{key}"), top)?;
        let (_, lo, hi) = SIZES.iter().find(|(k, _, _)| *k == key).copied().unwrap_or((key, 4.0, 96.0));
        if (lo..=hi).contains(&v.value) {
            Ok(v.value)
        } else {
            Err(fault(v.place(), format!("sizes.{key} is {lo} to {hi} points: beyond, slides no longer fit")))
        }
    };
    Ok(Sizes {
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
    })
}

fn page(p: PageLayer, top: &str) -> Result<Page, ThemeError> {
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
        if (0.0..=MAX_MARGIN).contains(&v.value) {
            Ok(v.value)
        } else {
            Err(fault(v.place(), format!("a margin is 0 to {MAX_MARGIN} points (an inch)")))
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

fn logo(m: &Layer, top: &str, assets: &Assets, root: &str) -> Result<Option<Logo>, ThemeError> {
    let Some(l) = &m.logo else { return Ok(None) };
    let Some(file) = &l.file else {
        return Err(fault(top, "`logo.file` is missing: name the logo's file in the theme folder"));
    };
    // `./logo.svg` and `brand/logo.svg` name files of the folder; `..` and `/` lead out.
    let path = file.value.trim_start_matches("./");
    let lower = path.to_ascii_lowercase();
    if ![".svg", ".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e)) {
        return Err(fault(file.place(), format!("`{}`: a logo is an SVG, PNG or JPEG file", file.value)));
    }
    let outside = path.starts_with('/') || path.split(['/', '\\']).any(|c| c == "..");
    if outside || assets.get(&format!("{root}{path}")).is_none() {
        return Err(fault(file.place(), format!("`{}` is not a file of the theme folder", file.value)));
    }
    let alt = match &l.alt {
        Some(a) if !a.value.trim().is_empty() => a.value.clone(),
        Some(a) => return Err(fault(a.place(), "say what the logo shows: screen readers read it aloud")),
        None => {
            return Err(fault(
                file.place(),
                "`logo.alt` is missing: say what the logo shows (screen readers read it aloud)",
            ));
        }
    };
    Ok(Some(Logo {
        file: path.to_owned(),
        alt: crate::i18n::isolate(&alt).into_owned(),
        title: l.title.as_ref().is_none_or(|v| v.value),
        footer: l.footer.as_ref().is_some_and(|v| v.value),
    }))
}

fn footer(m: &Layer) -> Result<Footer, ThemeError> {
    let Some(t) = m.footer.as_ref().and_then(|f| f.text.as_ref()) else { return Ok(Footer { text: None }) };
    if t.value.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
        return Err(fault(t.place(), "the footer is one line of text, without line breaks or control characters"));
    }
    if t.value.chars().count() > MAX_FOOTER {
        return Err(fault(
            t.place(),
            format!("the footer line is at most {MAX_FOOTER} characters: it shares the line with the page number"),
        ));
    }
    let text = t.value.trim();
    Ok(Footer { text: (!text.is_empty()).then(|| crate::i18n::isolate(text).into_owned()) })
}

/// Text colours below WCAG AA on what they are drawn on: a warning, since a brand may
/// knowingly choose them.
fn contrast_warnings(c: &Colors) -> Vec<String> {
    let pairs = [
        ("text", &c.text, "background", &c.background, 4.5),
        ("subtle", &c.subtle, "background", &c.background, 4.5),
        ("primary", &c.primary, "background", &c.background, 3.0),
        ("text", &c.text, "surface", &c.surface, 4.5),
        ("on_cover", &c.on_cover, "cover", &c.cover, 4.5),
    ];
    pairs
        .iter()
        .filter_map(|(fk, fg, bk, bg, want)| {
            let ratio = contrast_ratio(fg, bg)?;
            (ratio < *want).then(|| {
                format!("theme: colors.{fk} {fg} on colors.{bk} {bg} has a contrast of {ratio:.1}:1, below the {want}:1 that WCAG AA asks of text")
            })
        })
        .collect()
}
