//! Assembling a deck: slides → one Typst source plus its virtual files → PDF.
//!
//! `Engine` holds what is loaded once per process (assets, theme, catalogue, templates,
//! fonts); `Engine::review` runs the pipeline for one portfolio and reports its timings.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::assets::Assets;
use crate::charts::ChartStyle;
use crate::error::Error;
use crate::figures::Figures;
use crate::i18n::{Fmt, Locale};
use crate::model::Portfolio;
use crate::render::Renderer;
use crate::slides::{Ctx, REVIEW, Slide, SlideKind};
use crate::theme::Theme;
use crate::typeset::{self, Base, DeckWorld};
use crate::workbook::{MirrorSheet, deck_workbook};

/// What an engine is built from.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// A folder whose files replace built-in templates by name.
    pub templates: Option<std::path::PathBuf>,
    /// A folder whose files replace the default theme's files by name.
    pub theme_dir: Option<std::path::PathBuf>,
    /// Message catalogue (`en`).
    pub locale: Option<String>,
    /// Leave out the workbook (decks only).
    pub no_workbook: bool,
}

/// Everything loaded once per process.
pub struct Engine {
    locale: Locale,
    renderer: Renderer,
    base: Arc<Base>,
    style: ChartStyle,
    workbook: bool,
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
    /// Templates → Typst source.
    pub templates: Duration,
    /// Typst compile (layout).
    pub typeset: Duration,
    /// PDF export.
    pub pdf: Duration,
    /// The workbook (written while Typst works).
    pub workbook: Duration,
}

/// A rendered deck.
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The workbook mirroring the slides (unless turned off).
    pub workbook: Option<Vec<u8>>,
    /// The generated Typst source (`--keep-typst`).
    pub source: String,
    /// Text of each page.
    pub page_texts: Vec<String>,
    /// Slide titles in order (one per slide, not per page).
    pub titles: Vec<String>,
    /// Stage timings.
    pub timings: Timings,
}

/// A deck that failed in Typst keeps its source for inspection.
pub struct Failed {
    /// The error.
    pub error: Error,
    /// The generated source, when generation got that far.
    pub source: Option<String>,
}

impl Engine {
    /// Loads assets (with overrides), theme, catalogue, templates and fonts.
    pub fn new(opts: &EngineOptions) -> Result<Self, Error> {
        let mut assets = Assets::builtin();
        if let Some(dir) = &opts.templates {
            assets.overlay("templates/", dir).map_err(|e| Error::io(dir, e))?;
        }
        if let Some(dir) = &opts.theme_dir {
            assets.overlay("themes/default/", dir).map_err(|e| Error::io(dir, e))?;
        }
        let theme = Theme::load(&assets, "default")?;
        let locale = Locale::load(&assets, opts.locale.as_deref().unwrap_or("en"))?;
        let renderer = Renderer::new(&assets)?;
        let base = Arc::new(Base::new(theme.fonts(&assets), theme_files(&theme, &assets)));
        let style = ChartStyle::new(&theme, &assets);
        Ok(Self { locale, renderer, base, style, workbook: !opts.no_workbook })
    }

    /// A World with this engine's fonts and theme (`/theme/theme.typ`) around `source`: for
    /// Typst snippets that use the theme's functions outside a deck.
    pub fn world(&self, source: String) -> DeckWorld {
        DeckWorld::new(Arc::clone(&self.base), "/main.typ", source, None)
    }

    /// Builds the quarterly review deck of `p`.
    pub fn review(&self, p: &Portfolio) -> Result<Rendered, Failed> {
        let clock = Instant::now();
        let figures = Figures::compute(p);
        let took = clock.elapsed();
        let mut r = self.render(p, &figures, REVIEW, None, Cores::All)?;
        r.timings.figures = took;
        Ok(r)
    }

    /// Builds the account plan of account `account` (index in `p.accounts`); `figures` are the
    /// portfolio's, computed once for a whole batch of plans. The bytes do not depend on `cores`.
    pub fn plan(&self, p: &Portfolio, figures: &Figures, account: usize, cores: Cores) -> Result<Rendered, Failed> {
        self.render(p, figures, crate::slides::plan::PLAN, Some(account), cores)
    }

    fn render(
        &self,
        p: &Portfolio,
        figures: &Figures,
        kinds: &[SlideKind],
        account: Option<usize>,
        cores: Cores,
    ) -> Result<Rendered, Failed> {
        let fail = |error: Error| Failed { error, source: None };
        let mut t = Timings::default();
        let clock = Instant::now();
        let fmt = Fmt::new(&self.locale, &p.currency);
        let ctx = Ctx { p, f: figures, fmt, loc: &self.locale, style: &self.style, account };
        let (numbered, mirrors) = self.slides(&ctx, kinds).map_err(fail)?;
        t.charts = clock.elapsed();
        let workbook = || {
            if !self.workbook {
                return None;
            }
            let clock = Instant::now();
            let one;
            let inputs = match account {
                Some(i) => {
                    one = p.only_account(i);
                    &one
                }
                None => p,
            };
            Some((deck_workbook(&ctx, inputs, &mirrors, cores), clock.elapsed()))
        };
        let finish = |mut r: Rendered, wb: Option<(Result<Vec<u8>, _>, Duration)>| {
            if let Some((wb, took)) = wb {
                r.workbook = Some(wb.map_err(|e: crate::workbook::WorkbookError| fail(e.into()))?);
                r.timings.workbook = took;
            }
            Ok(r)
        };
        match cores {
            Cores::One => {
                let r = self.typeset(p, &numbered, account, t)?;
                finish(r, workbook())
            }
            // The workbook is written on its own thread while Typst lays out the deck.
            Cores::All => std::thread::scope(|scope| {
                let handle = scope.spawn(workbook);
                let r = self.typeset(p, &numbered, account, t)?;
                finish(r, handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            }),
        }
    }

    /// The review's workbook alone (no PDF): what `review` writes beside the deck.
    pub fn review_workbook(&self, p: &Portfolio, figures: &Figures) -> Result<Vec<u8>, Error> {
        let fmt = Fmt::new(&self.locale, &p.currency);
        let ctx = Ctx { p, f: figures, fmt, loc: &self.locale, style: &self.style, account: None };
        let (_, mirrors) = self.slides(&ctx, REVIEW)?;
        Ok(deck_workbook(&ctx, p, &mirrors, Cores::All)?)
    }

    /// Builds every slide kind; those with slides get a number, a sheet name and a mirror.
    #[allow(clippy::type_complexity)]
    fn slides(
        &self,
        ctx: &Ctx<'_>,
        kinds: &[SlideKind],
    ) -> Result<(Vec<(String, Vec<Slide>)>, Vec<MirrorSheet>), Error> {
        let mut numbered: Vec<(String, Vec<Slide>)> = Vec::new();
        let mut mirrors = Vec::new();
        for kind in kinds {
            let slides = (kind.build)(ctx)?;
            if let Some(first) = slides.first() {
                let sheet = format!("{:02} {}", numbered.len() + 1, self.locale.t(&format!("sheet.{}", kind.id)));
                mirrors.push(MirrorSheet {
                    name: sheet.clone(),
                    kind: kind.id,
                    kicker: first.kicker.clone(),
                    title: first.title.clone(),
                    write: kind.mirror,
                });
                numbered.push((sheet, slides));
            }
        }
        Ok((numbered, mirrors))
    }

    /// Templates → Typst source → document → PDF.
    fn typeset(
        &self,
        p: &Portfolio,
        numbered: &[(String, Vec<Slide>)],
        account: Option<usize>,
        mut t: Timings,
    ) -> Result<Rendered, Failed> {
        let fail = |error: Error| Failed { error, source: None };

        let date = p.report_date.map(|d| (d.year, d.month, d.day));
        // The main file is named as `--keep-typst` writes it, so diagnostics point into that file.
        let main = account.map_or_else(|| "/review.typ".to_owned(), |i| format!("/{}.typ", p.accounts[i].id));
        let build = |numbers: Numbers| -> Result<(DeckWorld, String, Vec<String>), Failed> {
            let (source, files, titles) = self.source(p, numbered, account, numbers).map_err(fail)?;
            let mut world = DeckWorld::new(Arc::clone(&self.base), &main, source.clone(), date);
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
        let ident = match account {
            Some(i) => format!("kamdeck-plan-{}-{}", p.seller.name, p.accounts[i].id),
            None => format!("kamdeck-review-{}", p.seller.name),
        };
        let pdf = typeset::pdf(&world, &doc, &ident, date).map_err(|e| keep(e, &source))?;
        t.pdf = clock.elapsed();
        Ok(Rendered { pdf, workbook: None, page_texts: typeset::page_texts(&doc), source, titles, timings: t })
    }

    /// The Typst source of the deck and the virtual files it uses.
    #[allow(clippy::type_complexity)]
    fn source(
        &self,
        p: &Portfolio,
        numbered: &[(String, Vec<Slide>)],
        account: Option<usize>,
        numbers: Numbers,
    ) -> Result<(String, Vec<(String, Vec<u8>)>, Vec<String>), Error> {
        let loc = &self.locale;
        let period = p.period.clone().unwrap_or_else(|| p.latest_year().to_owned());
        let confidentiality = p.confidentiality.clone().unwrap_or_else(|| loc.t("confidential"));
        let doc = json!({
            "title": match account {
                Some(i) => format!("{} — {} {}", loc.t("deck.plan"), p.accounts[i].name, period),
                None => format!("{} — {} {}", loc.t("deck.review"), p.seller.name, period),
            },
            "author": p.prepared_by.clone().unwrap_or_else(|| p.seller.name.clone()),
            "date": p.report_date.map(|d| [d.year, i32::from(d.month), i32::from(d.day)]),
            "lang": loc.lang,
        });
        let mut out = self.renderer.render("deck.typ", json!({ "doc": doc }))?;
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut titles = Vec::new();
        for (sheet, slides) in numbered {
            for s in slides {
                let page = match numbers {
                    Numbers::Known => Some(titles.len() + 1),
                    Numbers::Counted => None,
                };
                let meta = json!({
                    "page": page,
                    "kicker": s.kicker, "title": s.title, "sheet": sheet, "sheet_label": loc.t("footer.sheet"),
                    "period": period, "confidentiality": confidentiality, "notes": s.notes, "outlined": s.outlined,
                });
                let text = self.renderer.render(s.template, json!({ "meta": meta, "d": s.data }))?;
                out.push('\n');
                out.push_str(&text);
                titles.push(s.title.clone());
                files.extend(s.charts.iter().map(|c| (c.path.clone(), c.svg.clone().into_bytes())));
            }
        }
        Ok((out, files, titles))
    }
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

/// The theme as virtual files under `/theme/`: its data as `theme.json`, `theme.typ` and
/// any other file of the theme folder (a logo) except fonts, which the World holds.
fn theme_files(theme: &Theme, assets: &Assets) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![("/theme/theme.json".to_owned(), serde_json::to_vec(theme).unwrap_or_default())];
    for (path, bytes) in assets.under(&theme.root) {
        let rel = &path[theme.root.len()..];
        if !rel.starts_with("fonts/") {
            files.push((format!("/theme/{rel}"), bytes.to_vec()));
        }
    }
    files
}
