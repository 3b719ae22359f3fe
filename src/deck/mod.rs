//! Assembling decks: a checked `DeckSpec` → slides as values → one file per writer.
//!
//! `Engine` holds what is loaded once per process (assets, theme, catalogue, templates,
//! fonts). For one portfolio it builds the deck's slides (`slides::build`), then hands the
//! same `Deck` to each writer: `pdf` (templates → Typst → PDF) and `xlsx` (the workbook).
//! A further format is a further sibling of these two.

mod glyphs;
mod origins;
mod pdf;
pub mod select;
pub mod spec;
mod xlsx;

use std::sync::Arc;
use std::time::{Duration, Instant};

pub use self::select::{AccountSelection, Accounts};
pub use self::spec::{DEFAULT_LANG, DEFAULT_THEME, DeckKind, DeckSpec, Outputs, SpecError, SpecRequest};
use crate::assets::Assets;
use crate::charts::ChartStyle;
use crate::error::Error;
use crate::figures::Figures;
use crate::i18n::{Fmt, Locale};
use crate::model::Portfolio;
use crate::render::Renderer;
use crate::slides::{self, Ctx, Deck, SlideKind};
use crate::theme::{Glyphs, Theme};
use crate::typeset::{Base, DeckWorld};
use crate::workbook::Brand;

/// Everything loaded once per process, for the decks of one spec.
pub struct Engine {
    spec: DeckSpec,
    locale: Locale,
    renderer: Renderer,
    base: Arc<Base>,
    style: ChartStyle,
    glyphs: Glyphs,
    brand: Brand,
    pptx: crate::pptx::Brand,
    origins: origins::Origins,
    warnings: Vec<String>,
    /// The footer's band at the foot of each page, in points.
    footer: f64,
    /// Where a review's workbook streams its sheets (see `with_scratch`).
    scratch: Option<std::path::PathBuf>,
}

/// How one deck uses the machine's cores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cores {
    /// All of them: the workbook is built beside the typesetting, its sheets on threads of
    /// their own (one deck at a time: the review, a single plan).
    All,
    /// The calling thread's only: in a batch every core already has a deck of its own, and
    /// threads spawned per deck cost more than they win.
    One,
}

/// Wall time of each stage of one deck.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Figures.
    pub figures: Duration,
    /// Slide contexts and charts.
    pub charts: Duration,
    /// Checking the deck's text against the theme's fonts.
    pub glyphs: Duration,
    /// Templates → Typst source.
    pub templates: Duration,
    /// Typst compile (layout).
    pub typeset: Duration,
    /// PDF export.
    pub pdf: Duration,
    /// The workbook (written while Typst works).
    pub workbook: Duration,
    /// The PowerPoint deck: reading the PDF's layout, then writing the package.
    pub pptx: Duration,
}

/// A rendered deck.
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The workbook mirroring the slides (unless turned off).
    pub workbook: Option<Vec<u8>>,
    /// The editable PowerPoint deck (when asked for).
    pub pptx: Option<Vec<u8>>,
    /// What the PowerPoint deck was made from: where Typst put every block of each page.
    pub layout: Option<Vec<crate::pptx::layout::Page>>,
    /// The generated Typst source (`--keep-typst`).
    pub source: String,
    /// Text of each page.
    pub page_texts: Vec<String>,
    /// The smallest text of each page above its footer, in points.
    pub smallest_text: Vec<f64>,
    /// Slide titles in order (one per slide, not per page).
    pub titles: Vec<String>,
    /// Stage timings.
    pub timings: Timings,
    /// What the reader should know (text the theme's fonts cannot show).
    pub warnings: Vec<String>,
}

/// A deck that failed in Typst keeps its source for inspection.
pub struct Failed {
    /// The error.
    pub error: Error,
    /// The generated source, when generation got that far.
    pub source: Option<String>,
}

impl From<Error> for Failed {
    fn from(error: Error) -> Self {
        Self { error, source: None }
    }
}

impl Engine {
    /// Loads assets (with the spec's overrides), theme, catalogue, templates and fonts.
    pub fn new(spec: &DeckSpec) -> Result<Self, Error> {
        let mut assets = Assets::builtin();
        if let Some(dir) = &spec.templates {
            assets.overlay("templates/", dir)?;
        }
        let theme = Theme::load_within(&mut assets, &spec.theme, spec.theme_bound.as_deref())?;
        let locale = Locale::load(&assets, &spec.lang)?;
        let renderer = Renderer::new(&assets)?;
        let base = Arc::new(Base::new(theme.font_data(&assets), theme_files(&theme, &assets)));
        let origins = origins::Origins::of(&theme, &assets);
        origins::check_theme(&base, &theme, &origins)?;
        let style = ChartStyle::new(&theme, &assets);
        let glyphs = Glyphs::new(&theme.font_files);
        let c = &theme.colors;
        let brand = Brand { font: theme.fonts.body.clone(), strong: c.cover.clone(), on_strong: c.on_cover.clone() };
        let mut warnings = theme.warnings.clone();
        // The theme's own text goes on every slide: its fonts must show it too.
        if let Some(text) = &theme.footer.text
            && let Some(c) = text.chars().find(|&c| !glyphs.covers(c))
        {
            warnings.push(format!(
                "theme: the fonts ({}) have no `{c}` (U+{:04X}) for the footer \"{text}\": add a font that has it to the theme's fonts/ folder",
                theme.fonts.body,
                u32::from(c)
            ));
        }
        if spec.strict && !warnings.is_empty() {
            return Err(Error::Strict(warnings));
        }
        let footer = theme.page.margins.bottom;
        let pptx = crate::pptx::Brand::of(&theme);
        Ok(Self {
            spec: spec.clone(),
            locale,
            renderer,
            base,
            style,
            glyphs,
            brand,
            pptx,
            origins,
            warnings,
            footer,
            scratch: None,
        })
    }

    /// What the user should know about the theme, once per run (low text contrast).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The spec this engine was made for.
    pub fn spec(&self) -> &DeckSpec {
        &self.spec
    }

    /// A World with this engine's fonts and theme (`/theme/theme.typ`) around `source`: for
    /// Typst snippets that use the theme's functions outside a deck.
    pub fn world(&self, source: String) -> DeckWorld {
        DeckWorld::new(Arc::clone(&self.base), "/main.typ", source, None)
    }

    /// Streams the review's workbook through unnamed temporary files in `dir` (the output
    /// folder, which must exist): each sheet is written row by row instead of held whole, so
    /// a 10,000-account workbook costs tens of MB rather than hundreds. Plans stay in memory.
    #[must_use]
    pub fn with_scratch(mut self, dir: std::path::PathBuf) -> Self {
        self.scratch = Some(dir);
        self
    }

    /// Builds the quarterly review deck of `p`.
    pub fn review(&self, p: &Portfolio) -> Result<Rendered, Failed> {
        let clock = Instant::now();
        let figures = Figures::compute(p);
        let took = clock.elapsed();
        let mut r = self.render(p, &figures, DeckKind::Review, None, Cores::All)?;
        r.timings.figures = took;
        Ok(r)
    }

    /// Builds the account plan of account `account` (index in `p.accounts`); `figures` are the
    /// portfolio's, computed once for a whole batch of plans. The bytes do not depend on `cores`.
    pub fn plan(&self, p: &Portfolio, figures: &Figures, account: usize, cores: Cores) -> Result<Rendered, Failed> {
        self.render(p, figures, DeckKind::Plan, Some(account), cores)
    }

    /// The review's workbook alone (no PDF): what `review` writes beside the deck.
    pub fn review_workbook(&self, p: &Portfolio, figures: &Figures) -> Result<Vec<u8>, Error> {
        let deck = self.slides(p, figures, DeckKind::Review, None)?;
        Ok(xlsx::workbook(&deck, &self.brand, true, self.scratch.as_deref())?)
    }

    /// What `p` lacks for each slide of the review (`kind: note`), for `kamdeck check`.
    pub fn gaps(&self, p: &Portfolio) -> Vec<String> {
        let figures = Figures::compute(p);
        slides::gaps(&self.ctx(p, &figures, None), self.kinds(DeckKind::Review))
    }

    /// The slide kinds of `deck`: the spec's selection for its own deck, all for the other.
    fn kinds(&self, deck: DeckKind) -> &[&'static SlideKind] {
        if deck == self.spec.deck { &self.spec.slides } else { deck.registry() }
    }

    fn ctx<'a>(&'a self, p: &'a Portfolio, figures: &'a Figures, account: Option<usize>) -> Ctx<'a> {
        let fmt = Fmt::new(&self.locale, &p.currency);
        let kinds = self.kinds(if account.is_some() { DeckKind::Plan } else { DeckKind::Review });
        Ctx { p, f: figures, fmt, loc: &self.locale, style: &self.style, account, kinds }
    }

    /// The slides of `deck` for `p` as values, before any writer: what the PDF and the
    /// workbook are made from (`account` is the plan's account).
    pub fn slides<'a>(
        &'a self,
        p: &'a Portfolio,
        figures: &'a Figures,
        deck: DeckKind,
        account: Option<usize>,
    ) -> Result<Deck<'a>, Error> {
        Ok(slides::build(self.ctx(p, figures, account), self.kinds(deck))?)
    }

    /// Builds the slides, then the PDF and (unless turned off) the workbook from them.
    fn render(
        &self,
        p: &Portfolio,
        figures: &Figures,
        kind: DeckKind,
        account: Option<usize>,
        cores: Cores,
    ) -> Result<Rendered, Failed> {
        let clock = Instant::now();
        let deck = self.slides(p, figures, kind, account)?;
        let charts = clock.elapsed();
        let clock = Instant::now();
        let warnings = glyphs::missing(&deck, &self.glyphs, &self.brand.font);
        let glyphs = clock.elapsed();
        if self.spec.strict && !warnings.is_empty() {
            return Err(Error::Strict(warnings).into());
        }
        let workbook = || {
            self.spec.outputs.workbook.then(|| {
                let clock = Instant::now();
                let scratch = if account.is_none() { self.scratch.as_deref() } else { None };
                (xlsx::workbook(&deck, &self.brand, cores == Cores::All, scratch), clock.elapsed())
            })
        };
        let marks = self.spec.outputs.pptx;
        let pdf = || pdf::write(&self.renderer, &self.base, &self.origins, self.footer, &deck, marks);
        let (pdf, wb) = match cores {
            Cores::One => {
                let pdf = pdf()?;
                (Ok(pdf), workbook())
            }
            // The workbook is written on its own thread while Typst lays out the deck.
            Cores::All => std::thread::scope(|scope| {
                let handle = scope.spawn(workbook);
                let pdf = pdf();
                (pdf, handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            }),
        };
        let pdf = pdf?;
        let mut timings = pdf.timings;
        let clock = Instant::now();
        let pptx = match &pdf.pages {
            Some(pages) => Some(crate::pptx::write(&deck, pages, &self.pptx).map_err(Error::from)?),
            None => None,
        };
        timings.pptx += clock.elapsed();
        timings.charts = charts;
        timings.glyphs = glyphs;
        let workbook = match wb {
            Some((wb, took)) => {
                timings.workbook = took;
                Some(wb.map_err(Error::from)?)
            }
            None => None,
        };
        Ok(Rendered {
            pdf: pdf.bytes,
            workbook,
            pptx,
            layout: pdf.pages,
            source: pdf.source,
            page_texts: pdf.page_texts,
            smallest_text: pdf.smallest,
            titles: pdf.titles,
            timings,
            warnings,
        })
    }
}

/// The theme as virtual files under `/theme/`: its data as `theme.json`, `theme.typ` and
/// any other file of the theme folder (a logo) except fonts, which the World holds.
fn theme_files(theme: &Theme, assets: &Assets) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("/theme/theme.json".to_owned(), serde_json::to_vec(theme).unwrap_or_default()),
        // The PowerPoint writer's marks (see `theme.typ`): off unless a deck turns them on.
        (pdf::MARKS.to_owned(), b"false".to_vec()),
    ];
    for (path, bytes) in assets.under(&theme.root) {
        let rel = &path[theme.root.len()..];
        if !rel.starts_with("fonts/") {
            files.push((format!("/theme/{rel}"), bytes.to_vec()));
        }
    }
    files
}
