//! The PDF writer: a built deck → one Typst source (templates) → Typst document → PDF.

use std::sync::Arc;
use std::time::Instant;

use serde_json::json;

use super::origins::Origins;
use super::{Failed, Timings};
use crate::error::Error;
use crate::render::Renderer;
use crate::slides::Deck;
use crate::typeset::{self, Base, DeckWorld};

/// The virtual file that turns the theme's PowerPoint marks on (`true`) or off.
pub(super) const MARKS: &str = "/kamdeck/marks.json";

/// What the PDF writer made of a deck.
pub(super) struct Pdf {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The Typst source it was compiled from.
    pub source: String,
    /// Text of each page.
    pub page_texts: Vec<String>,
    /// The smallest text of each page above its footer, in points.
    pub smallest: Vec<f64>,
    /// Slide titles in order.
    pub titles: Vec<String>,
    /// Templates, typesetting and export.
    pub timings: Timings,
    /// Where every block went, when the theme's marks were on (for the PowerPoint writer).
    pub pages: Option<Vec<crate::pptx::layout::Page>>,
}

/// Where the footers' page numbers come from.
#[derive(Debug, Clone, Copy)]
enum Numbers {
    /// Written into the source: every slide is one page, so slide n is page n. Typst then
    /// lays the deck out once; a counted number makes it lay every page out a second time.
    Known,
    /// Counted by Typst, for a deck where a slide took more than one page.
    Counted,
}

/// Templates → Typst source → document → PDF.
pub(super) fn write(
    renderer: &Renderer,
    base: &Arc<Base>,
    origins: &Origins,
    footer: f64,
    deck: &Deck<'_>,
    marks: bool,
) -> Result<Pdf, Failed> {
    let mut t = Timings::default();
    let p = deck.ctx.p;
    let date = deck.doc.date;
    // The main file is named as `--keep-typst` writes it, so diagnostics point into that file.
    let main = deck.ctx.account.map_or_else(|| "/review.typ".to_owned(), |i| format!("/{}.typ", p.accounts[i].id));
    let build = |numbers: Numbers| -> Result<(DeckWorld, String, Vec<String>, Vec<Made>), Failed> {
        let (source, files, titles, made) = source(renderer, deck, numbers)?;
        let mut world = DeckWorld::new(Arc::clone(base), &main, source.clone(), date);
        if marks {
            world.add(MARKS, b"true".to_vec());
        }
        for (path, bytes) in files {
            world.add(&path, bytes);
        }
        Ok((world, source, titles, made))
    };
    let keep = |e: typeset::TypesetError, source: &str, made: &[Made]| Failed {
        error: blame(e, main.trim_start_matches('/'), made, renderer, origins),
        source: Some(source.to_owned()),
    };

    let clock = Instant::now();
    let (mut world, mut source, titles, mut made) = build(Numbers::Known)?;
    t.templates = clock.elapsed();
    let clock = Instant::now();
    let mut doc = typeset::compile(&world).map_err(|e| keep(e, &source, &made))?;
    // A template that made two pages of one slide shifted every later number: lay the
    // deck out again with numbers Typst counts.
    if doc.pages().len() != titles.len() {
        (world, source, _, made) = build(Numbers::Counted)?;
        doc = typeset::compile(&world).map_err(|e| keep(e, &source, &made))?;
    }
    t.typeset = clock.elapsed();
    let clock = Instant::now();
    let ident = match deck.ctx.account {
        Some(i) => format!("kamdeck-plan-{}-{}", p.seller.name, p.accounts[i].id),
        None => format!("kamdeck-review-{}", p.seller.name),
    };
    let bytes = typeset::pdf(&world, &doc, &ident, date).map_err(|e| keep(e, &source, &made))?;
    t.pdf = clock.elapsed();
    let smallest = typeset::smallest_text(&doc, footer);
    let clock = Instant::now();
    let pages = marks.then(|| {
        let charts: crate::pptx::layout::ChartIndex<'_> = deck
            .slides()
            .enumerate()
            .flat_map(|(k, (_, s))| s.charts.iter().enumerate().map(move |(c, chart)| (chart.svg.as_bytes(), (k, c))))
            .collect();
        crate::pptx::layout::pages(&doc, &charts, titles.len())
    });
    // The layout walk is the PowerPoint deck's first step.
    t.pptx = clock.elapsed();
    Ok(Pdf { bytes, page_texts: typeset::page_texts(&doc), smallest, source, titles, timings: t, pages })
}

/// The lines of the generated source one slide's template made.
struct Made {
    /// Its first line (1-based).
    line: usize,
    /// The template.
    template: &'static str,
    /// The slide's number in the deck.
    slide: usize,
}

/// A Typst error with the template and slide that made the lines it points at; an error in
/// lines a user's template made is that template's fault (exit 2), at its file.
fn blame(e: typeset::TypesetError, main: &str, made: &[Made], renderer: &Renderer, origins: &Origins) -> Error {
    let typeset::TypesetError::Compile(mut diags) = e else { return e.into() };
    let mut user = None;
    let mut in_theme = false;
    for d in &mut diags {
        d.message = super::origins::message(&d.message);
        // In a theme file of the user's: their file and line.
        if let Some(mapped) = origins.map(&d.place) {
            in_theme |= user.is_none();
            user.get_or_insert_with(|| mapped.clone());
            d.place = mapped;
            continue;
        }
        let line = d
            .place
            .strip_prefix(main)
            .and_then(|rest| rest.trim_start_matches(':').split(':').next()?.parse::<usize>().ok());
        let Some(m) = line.and_then(|l| made.iter().rev().find(|m| m.line <= l)) else { continue };
        match renderer.origin(m.template) {
            Some(path) => {
                user.get_or_insert_with(|| format!("{} (slide {})", path.display(), m.slide));
                d.message.push_str(&format!(" [in what {} made for slide {}]", path.display(), m.slide));
            }
            None => d.message.push_str(&format!(" [template {}, slide {}]", m.template, m.slide)),
        }
    }
    match user {
        Some(place) if in_theme => crate::theme::ThemeError::user(
            place,
            format!(
                "the theme does not compile: {}",
                diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("; ")
            ),
        )
        .into(),
        Some(place) => crate::render::RenderError {
            place,
            message: format!(
                "Typst cannot compile what it made:\n{}",
                diags.iter().map(|d| format!("  {}: {}", d.place, d.message)).collect::<Vec<_>>().join("\n")
            ),
            user: true,
        }
        .into(),
        None => typeset::TypesetError::Compile(diags).into(),
    }
}

/// The Typst source of the deck, the virtual files it uses, the slide titles and which
/// lines each slide's template made.
#[allow(clippy::type_complexity)]
fn source(
    renderer: &Renderer,
    deck: &Deck<'_>,
    numbers: Numbers,
) -> Result<(String, Vec<(String, Vec<u8>)>, Vec<String>, Vec<Made>), Error> {
    let d = &deck.doc;
    let doc = json!({
        "title": d.title,
        "author": d.author,
        "date": d.date.map(|(y, m, day)| [y, i32::from(m), i32::from(day)]),
        "lang": d.lang,
    });
    let sheet_label = deck.ctx.t("footer.sheet");
    let mut out = renderer.render("deck.typ", json!({ "doc": doc }))?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut titles = Vec::new();
    let mut made = Vec::new();
    let mut lines = out.lines().count();
    for (section, s) in deck.slides() {
        let page = match numbers {
            Numbers::Known => Some(titles.len() + 1),
            Numbers::Counted => None,
        };
        let meta = json!({
            "page": page,
            "kicker": s.kicker, "title": s.title, "sheet": section.sheet, "sheet_label": sheet_label,
            "period": d.period, "confidentiality": d.confidentiality, "notes": s.notes, "outlined": s.outlined,
        });
        let text = renderer.render(s.template, json!({ "meta": meta, "d": s.data }))?;
        out.push('\n');
        made.push(Made { line: lines + 1, template: s.template, slide: titles.len() + 1 });
        lines += text.split('\n').count();
        out.push_str(&text);
        titles.push(s.title.clone());
        files.extend(s.charts.iter().map(|c| (c.path.clone(), c.svg.clone().into_bytes())));
    }
    Ok((out, files, titles, made))
}
