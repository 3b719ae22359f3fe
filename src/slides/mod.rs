//! The slide kinds of each deck, and a deck built from them as values.
//!
//! A slide kind is one module (`review/pareto.rs`): its finding-stating title, the data its
//! template shows, its charts, its workbook sheet and the notes on data it lacks, plus one
//! template and its catalogue keys. `review::REVIEW` and `plan::PLAN` list the kinds in deck
//! order. `build` turns a portfolio's figures into a `Deck` that every writer reads: the PDF
//! (`deck::pdf`) and the workbook (`deck::xlsx`) are siblings that never build slides.

mod ctx;
pub mod plan;
pub mod review;
mod slide;

use rust_xlsxwriter::XlsxError;

pub use self::ctx::Ctx;
pub use self::plan::PLAN;
pub use self::review::REVIEW;
pub use self::slide::{Chart, Slide};
use crate::charts::ChartError;
pub use crate::charts::{ChartData, Drawn, Point, Series, Span};
use crate::workbook::Mirror;

/// A kind of slide.
pub struct SlideKind {
    /// Id: names the kind on the command line, its workbook sheet (`sheet.<id>`) and kicker
    /// (`kicker.<id>`) in the catalogue.
    pub id: &'static str,
    /// The templates its slides use.
    pub templates: &'static [&'static str],
    /// Builds the kind's slides (none when its data is missing).
    pub build: fn(&Ctx<'_>) -> Result<Vec<Slide>, ChartError>,
    /// Writes the kind's mirror sheet in the workbook.
    pub(crate) sheet: fn(&Ctx<'_>, &mut Mirror<'_>) -> Result<(), XlsxError>,
    /// What the portfolio lacks for this kind, one catalogue message each (`kamdeck check`).
    pub gaps: fn(&Ctx<'_>) -> Vec<String>,
}

impl std::fmt::Debug for SlideKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlideKind").field("id", &self.id).finish_non_exhaustive()
    }
}

/// The `gaps` of a kind that needs nothing beyond what every portfolio has.
pub(crate) fn no_gaps(_: &Ctx<'_>) -> Vec<String> {
    Vec::new()
}

/// Most chart categories on one slide.
pub const MAX_CATEGORIES: usize = 30;

/// The document around the slides: what a writer puts in its metadata and footers.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// "KAM review — Seller FY2026 Q2".
    pub title: String,
    /// Who prepared it.
    pub author: String,
    /// The report date (year, month, day).
    pub date: Option<(i32, u8, u8)>,
    /// The catalogue's language.
    pub lang: String,
    /// The reporting period printed in footers.
    pub period: String,
    /// The footers' confidentiality line.
    pub confidentiality: String,
}

/// The slides of one kind, with the name of the workbook sheet that mirrors them.
pub struct Section {
    /// The kind.
    pub kind: &'static SlideKind,
    /// Sheet name, as the slides' footers print it (`04 Pareto`).
    pub sheet: String,
    /// At least one slide.
    pub slides: Vec<Slide>,
}

/// A deck as values: the document, and its slides by kind in deck order.
pub struct Deck<'a> {
    /// What the slides were built from (the sheet writers read it too).
    pub ctx: Ctx<'a>,
    /// Document metadata and footer text.
    pub doc: DocInfo,
    /// The kinds that have slides, numbered in deck order.
    pub sections: Vec<Section>,
}

impl Deck<'_> {
    /// Every slide, in deck order.
    pub fn slides(&self) -> impl Iterator<Item = (&Section, &Slide)> {
        self.sections.iter().flat_map(|s| s.slides.iter().map(move |x| (s, x)))
    }
}

/// Builds `kinds` in order; those with slides get a number and a sheet name.
pub fn build<'a>(ctx: Ctx<'a>, kinds: &[&'static SlideKind]) -> Result<Deck<'a>, ChartError> {
    let mut sections: Vec<Section> = Vec::new();
    for &kind in kinds {
        let slides = (kind.build)(&ctx)?;
        if !slides.is_empty() {
            let sheet = format!("{:02} {}", sections.len() + 1, ctx.t(&format!("sheet.{}", kind.id)));
            sections.push(Section { kind, sheet, slides });
        }
    }
    let doc = doc_info(&ctx);
    Ok(Deck { ctx, doc, sections })
}

fn doc_info(c: &Ctx<'_>) -> DocInfo {
    let p = c.p;
    let period = p.period.clone().unwrap_or_else(|| p.latest_year().to_owned());
    DocInfo {
        title: match c.account {
            Some(i) => format!("{} — {} {}", c.t("deck.plan"), p.accounts[i].name, period),
            None => format!("{} — {} {}", review::title::deck_name(c), p.seller.name, period),
        },
        author: p.prepared_by.clone().unwrap_or_else(|| p.seller.name.clone()),
        date: p.report_date.map(|d| (d.year, d.month, d.day)),
        lang: c.loc.lang.clone(),
        confidentiality: p
            .deck
            .confidentiality
            .clone()
            .or_else(|| p.confidentiality.clone())
            .unwrap_or_else(|| c.t("confidential")),
        period,
    }
}

/// What the portfolio lacks, kind by kind (`kind: note`), for `kamdeck check`.
pub fn gaps(ctx: &Ctx<'_>, kinds: &[&'static SlideKind]) -> Vec<String> {
    kinds.iter().flat_map(|k| (k.gaps)(ctx).into_iter().map(move |g| format!("{}: {g}", k.id))).collect()
}

/// `note` when `cond` holds: one line of a kind's `gaps`.
pub(crate) fn gap(cond: bool, note: String) -> Option<String> {
    cond.then_some(note)
}
