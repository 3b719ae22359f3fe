//! The theme's fonts: which families its files hold, and which characters they can show.
//!
//! Fonts come only from the theme's folders, never from the system. Typst falls back to
//! its own embedded fonts for a character the theme's fonts lack, which would put a name
//! in another typeface without a word; `Glyphs` lets the deck say so first.

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInfo, FontVariant, FontVariations};

/// A font file of the theme: its path and its faces.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// Path in the assets (`themes/+deck/fonts/Inter-Regular.otf`).
    pub path: String,
    /// The faces it holds.
    pub faces: Vec<FontInfo>,
}

/// Whether `path` names a font file.
pub fn is_font(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".otf", ".ttf", ".ttc", ".otc"].iter().any(|e| lower.ends_with(e))
}

/// The faces of each font file, or the first file that holds none or is damaged.
pub fn read<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> Result<Vec<FontFile>, String> {
    files
        .filter(|(p, _)| is_font(p))
        .map(|(path, data)| {
            let faces: Vec<FontInfo> = FontInfo::iter(data).collect();
            if faces.is_empty() || !whole(data, faces.len()) {
                Err(path.to_owned())
            } else {
                Ok(FontFile { path: path.to_owned(), faces })
            }
        })
        .collect()
}

/// Whether every face of `data` draws the letters and digits it maps: a file cut short
/// still names its family, but its glyphs are gone and the text would vanish from the page.
fn whole(data: &[u8], faces: usize) -> bool {
    let bytes = Bytes::new(data.to_vec());
    (0..faces).all(|i| {
        let Some(font) = Font::new(bytes.clone(), u32::try_from(i).unwrap_or(0)) else { return false };
        let instance = font.instantiate(FontVariant::default(), Abs::pt(10.0), &FontVariations::default());
        let face = instance.ttf();
        "AZaz09".chars().filter_map(|c| face.glyph_index(c)).all(|g| face.glyph_bounding_box(g).is_some())
    })
}

/// The family names of `files`, sorted, each once.
pub fn families(files: &[FontFile]) -> Vec<String> {
    let mut names: Vec<String> = files.iter().flat_map(|f| f.faces.iter().map(|i| i.family.clone())).collect();
    names.sort();
    names.dedup();
    names
}

/// Whether `family` is among `files` (Typst matches family names without regard to case).
pub fn has_family(files: &[FontFile], family: &str) -> bool {
    files.iter().flat_map(|f| &f.faces).any(|i| i.family.eq_ignore_ascii_case(family))
}

/// The file of `family` whose variant is closest to `weight` (400 regular, 600 semibold).
pub fn file_of<'a>(files: &'a [FontFile], family: &str, weight: u16) -> Option<&'a str> {
    files
        .iter()
        .flat_map(|f| f.faces.iter().map(move |i| (f, i)))
        .filter(|(_, i)| i.family.eq_ignore_ascii_case(family) && i.variant.style == FontVariant::default().style)
        .min_by_key(|(_, i)| i.variant.weight.to_number().abs_diff(weight))
        .map(|(f, _)| f.path.as_str())
}

/// The characters a theme's fonts can show.
#[derive(Debug, Clone)]
pub struct Glyphs {
    faces: Vec<FontInfo>,
}

impl Glyphs {
    /// The glyphs of `files`.
    pub fn new(files: &[FontFile]) -> Self {
        Self { faces: files.iter().flat_map(|f| f.faces.iter().cloned()).collect() }
    }

    /// Whether some font of the theme has `c`. Spaces, controls and invisible formatting
    /// characters (the isolates around names) need no glyph.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || crate::i18n::is_bidi_control(c)
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{AD}')
            || self.faces.iter().any(|f| f.coverage.contains(c as u32))
    }
}
