//! The PDF writer: a built deck → one Typst source (templates) → Typst document → PDF.

use std::sync::Arc;
use std::time::Instant;

use serde_json::json;

use super::{Failed, Timings};
use crate::error::Error;
use crate::render::Renderer;
use crate::slides::Deck;
use crate::typeset::{self, Base, DeckWorld};

/// What the PDF writer made of a deck.
pub(super) struct Pdf {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The Typst source it was compiled from.
    pub source: String,
    /// Text of each page.
    pub page_texts: Vec<String>,
    /// Slide titles in order.
    pub titles: Vec<String>,
    /// Templates, typesetting and export.
    pub timings: Timings,
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
pub(super) fn write(renderer: &Renderer, base: &Arc<Base>, deck: &Deck<'_>) -> Result<Pdf, Failed> {
    let mut t = Timings::default();
    let p = deck.ctx.p;
    let date = deck.doc.date;
    // The main file is named as `--keep-typst` writes it, so diagnostics point into that file.
    let main = deck.ctx.account.map_or_else(|| "/review.typ".to_owned(), |i| format!("/{}.typ", p.accounts[i].id));
    let build = |numbers: Numbers| -> Result<(DeckWorld, String, Vec<String>), Failed> {
        let (source, files, titles) = source(renderer, deck, numbers)?;
        let mut world = DeckWorld::new(Arc::clone(base), &main, source.clone(), date);
        for (path, bytes) in files {
            world.add(&path, bytes);
        }
        Ok((world, source, titles))
    };
    let keep = |e: typeset::TypesetError, source: &str| Failed { error: e.into(), source: Some(source.to_owned()) };

    let clock = Instant::now();
    let (mut world, mut source, titles) = build(Numbers::Known)?;
    t.templates = clock.elapsed();
    let clock = Instant::now();
    let mut doc = typeset::compile(&world).map_err(|e| keep(e, &source))?;
    // A template that made two pages of one slide shifted every later number: lay the
    // deck out again with numbers Typst counts.
    if doc.pages().len() != titles.len() {
        (world, source, _) = build(Numbers::Counted)?;
        doc = typeset::compile(&world).map_err(|e| keep(e, &source))?;
    }
    t.typeset = clock.elapsed();
    let clock = Instant::now();
    let ident = match deck.ctx.account {
        Some(i) => format!("kamdeck-plan-{}-{}", p.seller.name, p.accounts[i].id),
        None => format!("kamdeck-review-{}", p.seller.name),
    };
    let bytes = typeset::pdf(&world, &doc, &ident, date).map_err(|e| keep(e, &source))?;
    t.pdf = clock.elapsed();
    Ok(Pdf { bytes, page_texts: typeset::page_texts(&doc), source, titles, timings: t })
}

/// The Typst source of the deck, the virtual files it uses and the slide titles.
#[allow(clippy::type_complexity)]
fn source(
    renderer: &Renderer,
    deck: &Deck<'_>,
    numbers: Numbers,
) -> Result<(String, Vec<(String, Vec<u8>)>, Vec<String>), Error> {
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
        out.push_str(&text);
        titles.push(s.title.clone());
        files.extend(s.charts.iter().map(|c| (c.path.clone(), c.svg.clone().into_bytes())));
    }
    Ok((out, files, titles))
}
