//! The PowerPoint writer: an editable deck laid out exactly as the PDF.
//!
//! Typst stays the one layout engine. The theme marks the blocks PowerPoint rebuilds
//! natively (tables, text blocks); after the compile that makes the PDF, `layout` reads
//! where Typst put every block from the same laid-out pages. This module then writes each
//! page as a slide: text as text boxes in the theme's fonts, tables as PowerPoint tables,
//! charts as native charts (`chart`, data from the slide's typed `ChartData`, never from the
//! SVG) with their workbooks embedded, shapes as shapes, and the slide's definitions and
//! workbook sheet as speaker notes. The package is our own code (see ARCHITECTURE.md: the
//! crates looked at lack combo charts, a second axis or linked embedded workbooks).

mod chart;
mod drawing;
pub mod layout;
mod package;
mod xml;

use std::collections::BTreeMap;

use self::drawing::{Parts, Tree, emu};
use self::layout::{Page, Rect, Rgba};
use self::package::{HEAD, NS, Package, Rel, TREE_HEAD};
use crate::slides::{Deck, Slide};
use crate::theme::Theme;

/// The PowerPoint package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PptxError {
    /// Zipping the package failed.
    #[error("PowerPoint package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A chart's embedded workbook failed.
    #[error("PowerPoint chart workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

/// The theme's colour scheme for PowerPoint, as `RRGGBB`.
#[derive(Debug, Clone)]
pub(crate) struct Palette {
    dk1: String,
    lt1: String,
    dk2: String,
    lt2: String,
    accents: Vec<String>,
    hlink: String,
    fol_hlink: String,
}

/// What the writer takes from the theme: its colours by name, fonts and colour scheme.
#[derive(Debug, Clone)]
pub struct Brand {
    name: String,
    colors: BTreeMap<String, Rgba>,
    palette: Palette,
    heading: String,
    body: String,
}

fn hex(s: &str) -> Rgba {
    let (r, g, b) = crate::theme::parse_hex(s).unwrap_or((0, 0, 0));
    Rgba([r, g, b, 255])
}

impl Brand {
    /// The theme's colours and fonts.
    pub fn of(theme: &Theme) -> Self {
        let c = &theme.colors;
        // By the names the Typst theme's `col(name)` reads from `theme.json`: a table's tints
        // name the same colours.
        let colors: BTreeMap<String, Rgba> = match serde_json::to_value(c) {
            Ok(serde_json::Value::Object(map)) => {
                map.into_iter().filter_map(|(k, v)| Some((k, hex(v.as_str()?)))).collect()
            }
            _ => BTreeMap::new(),
        };
        let h = |s: &str| hex(s).hex();
        let mut accents: Vec<String> = c.series.iter().take(6).map(|s| h(s)).collect();
        while accents.len() < 6 {
            accents.push(h(&c.primary));
        }
        // A dark theme's page is dark: its text (dk1) is light and its page (lt1) dark, as
        // PowerPoint expects dk1 on lt1.
        let palette = Palette {
            dk1: h(&c.text),
            lt1: h(&c.background),
            dk2: h(&c.primary),
            lt2: h(&c.surface),
            accents,
            hlink: h(&c.accent),
            fol_hlink: h(&c.subtle),
        };
        Self {
            name: theme.name.clone(),
            colors,
            palette,
            heading: theme.fonts.heading.clone(),
            body: theme.fonts.body.clone(),
        }
    }

    fn color(&self, name: &str) -> Option<Rgba> {
        self.colors.get(name).copied()
    }
}

/// The speaker notes of a slide: what it shows, the definitions and settings it states,
/// and the workbook sheet that mirrors it.
fn notes(slide: &Slide, sheet: &str, sheet_label: &str) -> Vec<String> {
    let mut out = vec![format!("{}: {}", slide.kicker, slide.title)];
    out.extend(slide.notes.iter().cloned());
    // The slide's own definitions: its rule, formula and key lines, as the slide states them.
    if let serde_json::Value::Object(map) = &slide.data {
        for key in ["rule", "formula", "size_key", "key", "raci_key", "rank", "summary", "caption", "splits", "shown"] {
            if let Some(serde_json::Value::String(s)) = map.get(key)
                && !s.is_empty()
            {
                out.push(s.clone());
            }
        }
    }
    out.push(format!("{sheet_label} {sheet}"));
    out
}

/// The parts one slide refers to: its pictures and charts, numbered across the deck.
struct SlideParts<'a, 'd> {
    pkg: &'a mut Package,
    rels: Vec<Rel>,
    deck: &'a Deck<'d>,
    style: &'a chart::Style<'a>,
    images: &'a mut usize,
    charts: &'a mut usize,
    error: Option<PptxError>,
}

impl SlideParts<'_, '_> {
    fn rel(&mut self, kind: &'static str, target: String) -> String {
        let id = format!("rId{}", self.rels.len() + 1);
        self.rels.push(Rel { id: id.clone(), kind, target });
        id
    }
}

impl Parts for SlideParts<'_, '_> {
    fn picture(&mut self, data: &[u8], ext: &'static str, rect: Rect) -> (String, Option<String>) {
        let add = |parts: &mut Self, bytes: Vec<u8>, ext: &str| {
            *parts.images += 1;
            let name = format!("image{}.{ext}", parts.images);
            parts.pkg.file(&format!("ppt/media/{name}"), bytes);
            parts.rel("image", format!("../media/{name}"))
        };
        if ext == "svg"
            && let Some(png) = png_of_svg(data, rect)
        {
            let png = add(self, png, "png");
            let svg = add(self, data.to_vec(), "svg");
            return (png, Some(svg));
        }
        (add(self, data.to_vec(), ext), None)
    }

    fn chart(&mut self, slide: usize, chart: usize, rect: Rect) -> Option<(String, Vec<layout::Item>)> {
        let (_, s) = self.deck.slides().nth(slide)?;
        let c = s.charts.get(chart)?;
        let native = match chart::native(&c.data, &c.look, rect, self.style) {
            Ok(n) => n,
            Err(e) => {
                self.error.get_or_insert(e.into());
                return None;
            }
        };
        *self.charts += 1;
        let n = *self.charts;
        let part = format!("ppt/charts/chart{n}.xml");
        self.pkg.part(&part, "drawingml.chart+xml", native.xml);
        let book = format!("Microsoft_Excel_Worksheet{n}.xlsx");
        self.pkg.file(&format!("ppt/embeddings/{book}"), native.workbook);
        self.pkg.rels(&part, &[Rel { id: "rId1".into(), kind: "package", target: format!("../embeddings/{book}") }]);
        Some((self.rel("chart", format!("../charts/chart{n}.xml")), native.overlay))
    }
}

/// An SVG drawn at four pixels per point of `rect`, as PNG.
fn png_of_svg(data: &[u8], rect: Rect) -> Option<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_data(data, &usvg::Options::default()).ok()?;
    let (w, h) = ((rect.w * 4.0).round().clamp(1.0, 4096.0), (rect.h * 4.0).round().clamp(1.0, 4096.0));
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32)?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

/// The deck's pages as a PowerPoint package.
pub fn write(deck: &Deck<'_>, pages: &[Page], brand: &Brand) -> Result<Vec<u8>, PptxError> {
    let lang = deck.doc.lang.as_str();
    let date = deck.doc.date.unwrap_or((2000, 1, 1));
    let pick = |name: &str, fallback: [u8; 4]| brand.color(name).unwrap_or(Rgba(fallback));
    let style = chart::Style {
        font: &brand.body,
        text: pick("text", [0x1F, 0x29, 0x33, 255]),
        subtle: pick("subtle", [0x5A, 0x66, 0x73, 255]),
        light: pick("light", [0xD9, 0xDE, 0xE4, 255]),
        accent: pick("accent", [0xD9, 0x48, 0x1E, 255]),
        lang,
        date,
        money: crate::i18n::currency_symbol(&deck.ctx.p.currency).to_owned(),
    };
    let mut pkg = Package::new();
    let size = pages.first().map_or((emu(842.0), emu(473.6)), |p| (emu(p.width), emu(p.height)));
    pkg.part("ppt/presentation.xml", "presentationml.presentation.main+xml", package::presentation(pages.len(), size));
    let mut rels = vec![
        Rel { id: "rId1".into(), kind: "slideMaster", target: "slideMasters/slideMaster1.xml".into() },
        Rel { id: "rId2".into(), kind: "notesMaster", target: "notesMasters/notesMaster1.xml".into() },
        Rel { id: "rId3".into(), kind: "theme", target: "theme/theme1.xml".into() },
        Rel { id: "rId4".into(), kind: "presProps", target: "presProps.xml".into() },
        Rel { id: "rId5".into(), kind: "viewProps", target: "viewProps.xml".into() },
        Rel { id: "rId6".into(), kind: "tableStyles", target: "tableStyles.xml".into() },
    ];
    for k in 0..pages.len() {
        rels.push(Rel { id: format!("rId{}", 10 + k), kind: "slide", target: format!("slides/slide{}.xml", k + 1) });
    }
    pkg.rels("ppt/presentation.xml", &rels);
    pkg.part("ppt/slideMasters/slideMaster1.xml", "presentationml.slideMaster+xml", package::master());
    pkg.rels(
        "ppt/slideMasters/slideMaster1.xml",
        &[
            Rel { id: "rId1".into(), kind: "slideLayout", target: "../slideLayouts/slideLayout1.xml".into() },
            Rel { id: "rId2".into(), kind: "theme", target: "../theme/theme1.xml".into() },
        ],
    );
    pkg.part("ppt/slideLayouts/slideLayout1.xml", "presentationml.slideLayout+xml", package::layout());
    pkg.rels(
        "ppt/slideLayouts/slideLayout1.xml",
        &[Rel { id: "rId1".into(), kind: "slideMaster", target: "../slideMasters/slideMaster1.xml".into() }],
    );
    let theme = package::theme(&brand.name, &brand.palette, &brand.heading, &brand.body);
    pkg.part("ppt/theme/theme1.xml", "theme+xml", theme.clone());
    pkg.part("ppt/theme/theme2.xml", "theme+xml", theme);
    pkg.part("ppt/notesMasters/notesMaster1.xml", "presentationml.notesMaster+xml", package::notes_master());
    pkg.rels(
        "ppt/notesMasters/notesMaster1.xml",
        &[Rel { id: "rId1".into(), kind: "theme", target: "../theme/theme2.xml".into() }],
    );
    pkg.part("ppt/presProps.xml", "presentationml.presProps+xml", package::pres_props());
    pkg.part("ppt/viewProps.xml", "presentationml.viewProps+xml", package::view_props());
    pkg.part("ppt/tableStyles.xml", "presentationml.tableStyles+xml", package::table_styles());

    let slides: Vec<_> = deck.slides().collect();
    let sheet_label = deck.ctx.t("footer.sheet");
    let tints = |name: &str| brand.color(name);
    let (mut images, mut charts) = (0, 0);
    for (k, page) in pages.iter().enumerate() {
        let n = k + 1;
        let name = format!("ppt/slides/slide{n}.xml");
        let mut parts = SlideParts {
            pkg: &mut pkg,
            rels: vec![Rel {
                id: "rId1".into(),
                kind: "slideLayout",
                target: "../slideLayouts/slideLayout1.xml".into(),
            }],
            deck,
            style: &style,
            images: &mut images,
            charts: &mut charts,
            error: None,
        };
        parts.rel("notesSlide", format!("../notesSlides/notesSlide{n}.xml"));
        let mut tree = Tree::new();
        for item in &page.items {
            tree.item(item, &mut parts, &tints, lang);
        }
        if let Some(e) = parts.error.take() {
            return Err(e);
        }
        let rels = std::mem::take(&mut parts.rels);
        let bg = page.fill.map(|c| {
            let mut x = String::from("<p:bg><p:bgPr>");
            drawing::fill(&mut x, c);
            x.push_str("<a:effectLst/></p:bgPr></p:bg>");
            x
        });
        let xml = format!(
            "{HEAD}<p:sld {NS}><p:cSld>{}<p:spTree>{TREE_HEAD}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
            bg.unwrap_or_default(),
            tree.into_xml()
        );
        pkg.part(&name, "presentationml.slide+xml", xml);
        pkg.rels(&name, &rels);
        let lines = slides
            .get(page.slide)
            .map(|(section, slide)| notes(slide, &section.sheet, &sheet_label))
            .unwrap_or_default();
        let notes = format!("ppt/notesSlides/notesSlide{n}.xml");
        pkg.part(&notes, "presentationml.notesSlide+xml", package::notes(&lines, lang));
        pkg.rels(
            &notes,
            &[
                Rel { id: "rId1".into(), kind: "notesMaster", target: "../notesMasters/notesMaster1.xml".into() },
                Rel { id: "rId2".into(), kind: "slide", target: format!("../slides/slide{n}.xml") },
            ],
        );
    }
    pkg.part(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        package::core(&deck.doc.title, &deck.doc.author, deck.doc.date),
    );
    pkg.part("docProps/app.xml", "extended-properties+xml", package::app(pages.len()));
    pkg.rels(
        "",
        &[
            Rel { id: "rId1".into(), kind: "officeDocument", target: "ppt/presentation.xml".into() },
            Rel {
                id: "rId2".into(),
                kind: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                target: "docProps/core.xml".into(),
            },
            Rel { id: "rId3".into(), kind: "extended-properties", target: "docProps/app.xml".into() },
        ],
    );
    Ok(pkg.finish()?)
}
