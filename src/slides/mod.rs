//! The slide kinds of each deck: one module per kind, one registry per deck.
//!
//! A slide kind turns the figures into what its template shows (a JSON context), its
//! charts (SVG) and its finding-stating title. To add a slide: write a module with a
//! `build` function and a template `templates/review/<id>.typ`, its mirror writer in
//! `workbook::mirrors`, then list both in `REVIEW`.
//! An empty `Vec` from `build` leaves the slide out (its data is missing).

mod abc;
mod agenda;
mod appendix;
mod charter;
mod dashboard;
mod divisions;
mod pareto;
pub mod plan;
mod profit;
mod retention;
mod risk;
mod scoring;
pub(crate) mod team;
pub(crate) mod timeline;
mod title;

use serde_json::Value;

use crate::charts::{ChartError, ChartStyle};
use crate::figures::Figures;
use crate::figures::abc::Tier;
use crate::i18n::{Fmt, Locale};
use crate::model::Portfolio;
use crate::workbook::mirrors::review;

/// What a slide kind's `build` reads.
pub struct Ctx<'a> {
    /// The portfolio.
    pub p: &'a Portfolio,
    /// Its figures.
    pub f: &'a Figures,
    /// Number formatting.
    pub fmt: Fmt<'a>,
    /// Messages.
    pub loc: &'a Locale,
    /// Chart colours and font.
    pub style: &'a ChartStyle,
    /// The account of an account plan (index in `Portfolio::accounts`); `None` for the review.
    pub account: Option<usize>,
}

impl Ctx<'_> {
    /// Message `key`.
    pub fn t(&self, key: &str) -> String {
        self.loc.t(key)
    }

    /// Message `key` with arguments.
    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.loc.tr(key, args)
    }

    /// Message `key.one` or `key.other` by `n` (which is also passed as `{n}`).
    pub fn tn(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        self.loc.tn(key, n, &self.fmt.count(n), args)
    }

    /// `n` with its unit in the right plural form (`unit.<unit>` in the catalogue): "1 account".
    pub fn units(&self, unit: &str, n: usize) -> String {
        self.tn(&format!("unit.{unit}"), n, &[])
    }

    /// Name of account `i`.
    pub fn name(&self, i: usize) -> &str {
        &self.p.accounts[i].name
    }

    /// "A" / "B" / "C" / "–".
    pub fn tier(&self, t: Option<Tier>) -> String {
        t.map_or_else(|| "–".to_owned(), |t| t.letter().to_owned())
    }

    /// Name of a team member id, or the id itself.
    pub fn member_name(&self, id: Option<&str>) -> String {
        id.map(|id| self.p.member(id).map_or(id, |m| m.name.as_str()).to_owned()).unwrap_or_default()
    }

    /// The latest fiscal year.
    pub fn year(&self) -> &str {
        self.p.latest_year()
    }
}

/// A chart handed to Typst as a virtual file.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Absolute virtual path, e.g. `/charts/pareto.svg`.
    pub path: String,
    /// The SVG.
    pub svg: String,
}

/// One slide, ready for its template.
#[derive(Debug, Clone)]
pub struct Slide {
    /// Template under `templates/`.
    pub template: &'static str,
    /// The analysis name above the title (also the PDF bookmark).
    pub kicker: String,
    /// The finding.
    pub title: String,
    /// What the template shows.
    pub data: Value,
    /// Charts referenced by `data`.
    pub charts: Vec<Chart>,
    /// One-line notes about missing data.
    pub notes: Vec<String>,
    /// Listed in the agenda and bookmarks as a section.
    pub outlined: bool,
}

impl Slide {
    /// A slide of template `template` with a kicker and title.
    pub fn new(template: &'static str, kicker: String, title: String, data: Value) -> Self {
        Self { template, kicker, title, data, charts: Vec::new(), notes: Vec::new(), outlined: true }
    }

    /// Adds a chart, returning its path for the data.
    pub fn chart(&mut self, name: &str, svg: String) -> String {
        let path = format!("/charts/{name}.svg");
        self.charts.push(Chart { path: path.clone(), svg });
        path
    }

    /// Adds a note about missing data.
    pub fn note(&mut self, s: String) {
        self.notes.push(s);
    }
}

/// A kind of slide.
pub struct SlideKind {
    /// Id: names the template and the workbook sheet (`sheet.<id>` in the catalogue).
    pub id: &'static str,
    /// Builds the kind's slides (none when its data is missing).
    pub build: fn(&Ctx<'_>) -> Result<Vec<Slide>, ChartError>,
    /// Writes the kind's mirror sheet in the workbook.
    pub(crate) mirror: crate::workbook::mirrors::Writer,
}

/// The quarterly KAM review, in deck order.
pub const REVIEW: &[SlideKind] = &[
    SlideKind { id: "title", build: title::build, mirror: review::title },
    SlideKind { id: "agenda", build: agenda::build, mirror: review::agenda },
    SlideKind { id: "dashboard", build: dashboard::build, mirror: review::dashboard },
    SlideKind { id: "pareto", build: pareto::build, mirror: review::pareto },
    SlideKind { id: "abc", build: abc::build, mirror: review::abc },
    SlideKind { id: "scoring", build: scoring::build, mirror: review::scoring },
    SlideKind { id: "profit", build: profit::build, mirror: review::profit },
    SlideKind { id: "risk", build: risk::build, mirror: review::risk },
    SlideKind { id: "retention", build: retention::build, mirror: review::retention },
    SlideKind { id: "divisions", build: divisions::build, mirror: review::divisions },
    SlideKind { id: "team", build: team::build, mirror: review::team },
    SlideKind { id: "timeline", build: timeline::build, mirror: review::timeline },
    SlideKind { id: "charter", build: charter::build, mirror: review::charter },
    SlideKind { id: "appendix", build: appendix::build, mirror: review::appendix },
];

/// Most chart categories on one slide.
pub const MAX_CATEGORIES: usize = 30;
/// Most points on a scatter: beyond that dots only add ink, and the file grows.
pub const MAX_POINTS: usize = 250;
