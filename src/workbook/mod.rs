//! The workbook that goes with every deck: a README sheet, the portfolio's input sheets
//! (so the workbook is itself a valid input) and one mirror sheet per slide.
//!
//! Mirrors compute their derived columns with live formulas over the input sheets and store
//! each formula's cached result (each slide kind's sheet writer takes it from the figures), so
//! readers that do not recalculate show the slide's numbers. This module knows no slide: a
//! mirror's cells come from a `SheetWriter` closure. Output is deterministic: the document date is the report date and
//! nothing depends on the clock or on hash order.

mod formulas;
mod inputs;
mod mirror;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

pub(crate) use self::formulas::*;
pub(crate) use self::inputs::InputRefs;
pub(crate) use self::mirror::{At, CellFmt, Col, Mirror, V};
use crate::i18n::Locale;
use crate::model::Portfolio;

/// A workbook could not be built.
#[derive(Debug, thiserror::Error)]
#[error("workbook sheet `{sheet}`: {source}")]
pub struct WorkbookError {
    /// The sheet being written.
    pub sheet: String,
    /// rust_xlsxwriter's error.
    pub source: Box<XlsxError>,
}

/// Attaches the sheet name to rust_xlsxwriter's errors.
pub(crate) trait InSheet<T> {
    fn in_sheet(self, sheet: &str) -> Result<T, WorkbookError>;
}

impl<T> InSheet<T> for Result<T, XlsxError> {
    fn in_sheet(self, sheet: &str) -> Result<T, WorkbookError> {
        self.map_err(|source| WorkbookError { sheet: sheet.to_owned(), source: Box::new(source) })
    }
}

/// Cell formats shared by every sheet.
pub(crate) struct Styles {
    pub header: Format,
    pub title: Format,
    pub note: Format,
    pub bold: Format,
    pub money: Format,
    pub percent: Format,
    pub integer: Format,
    pub decimal: Format,
    pub date: Format,
    pub text: Format,
    pub link: Format,
    /// The money number format, for chart axes.
    pub money_code: String,
}

/// The deck's brand in its workbook: the theme's body font and cover colours on the
/// header rows and titles (a portfolio workbook alone keeps Excel's defaults).
#[derive(Debug, Clone)]
pub struct Brand {
    /// Font family of headers and titles.
    pub font: String,
    /// Header fill and title colour, `#RRGGBB`.
    pub strong: String,
    /// Header text, `#RRGGBB`.
    pub on_strong: String,
}

impl Styles {
    fn new(currency: &str, brand: Option<&Brand>) -> Self {
        let symbol = crate::i18n::currency_symbol(currency).replace('"', "");
        let money_code = format!("\"{symbol}\"#,##0;-\"{symbol}\"#,##0");
        let mut header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
        let mut title = Format::new().set_bold().set_font_size(14);
        if let Some(b) = brand {
            header = header
                .set_font_name(&b.font)
                .set_background_color(b.strong.as_str())
                .set_font_color(b.on_strong.as_str());
            title = title.set_font_name(&b.font).set_font_color(b.strong.as_str());
        }
        Self {
            header,
            title,
            note: Format::new().set_italic().set_font_color("#595959"),
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format(&money_code),
            percent: Format::new().set_num_format("0.0%"),
            integer: Format::new().set_num_format("0"),
            decimal: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            text: Format::new(),
            link: Format::new().set_font_color("#0563C1").set_underline(rust_xlsxwriter::FormatUnderline::Single),
            money_code,
        }
    }
}

/// A workbook being built: formats, and where the input sheets put things.
pub(crate) struct Book {
    wb: Workbook,
    styles: Styles,
}

impl Book {
    fn new(p: &Portfolio, brand: Option<&Brand>) -> Result<Self, WorkbookError> {
        let mut wb = Workbook::new();
        // Fixed properties: the same portfolio gives the same bytes.
        let d = p.report_date.unwrap_or(crate::model::Date { year: 2000, month: 1, day: 1 });
        let created = ExcelDateTime::from_ymd(u16::try_from(d.year).unwrap_or(2000), d.month, d.day).in_sheet("")?;
        let props = DocProperties::new()
            .set_title(format!("{} — {}", p.seller.name, p.period.as_deref().unwrap_or(p.latest_year())))
            .set_author("kamdeck")
            .set_company(&p.seller.name)
            .set_creation_datetime(&created);
        wb.set_properties(&props);
        // Fast compression: at 10,000 accounts the default level doubles the writing time
        // for a file a few percent smaller.
        wb.set_zip_compression_level(1);
        Ok(Self { wb, styles: Styles::new(&p.currency, brand) })
    }

    fn finish(mut self) -> Result<Vec<u8>, WorkbookError> {
        self.wb.save_to_buffer().in_sheet("")
    }
}

/// The portfolio alone as a workbook (README + input sheets): `convert` and `init`.
pub fn portfolio_workbook(p: &Portfolio, loc: &Locale) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Book::new(p, None)?;
    let tables = crate::input::excel::tables(p);
    let mut readme = Worksheet::new();
    inputs::readme(&mut readme, &book.styles, p, loc, &[]).in_sheet("README")?;
    book.wb.push_worksheet(readme);
    let blank = (0..tables.len()).map(|_| Worksheet::new()).collect();
    for ws in inputs::sheets(&tables, blank, &book.styles, loc)? {
        book.wb.push_worksheet(ws);
    }
    book.finish()
}

/// Writes the cells of one mirror sheet (a slide kind's sheet writer, bound to its deck).
pub(crate) type SheetWriter<'a> = Box<dyn Fn(&mut Mirror<'_>) -> Result<(), XlsxError> + Sync + 'a>;

/// A mirror sheet to write: its name (`04 Pareto`), its slide's heading and writer.
pub(crate) struct MirrorSheet<'a> {
    /// Sheet name, as the slide footer prints it.
    pub name: String,
    /// The slide kind's id.
    pub kind: &'static str,
    /// The first slide's kicker and title.
    pub kicker: String,
    /// The finding.
    pub title: String,
    /// Writes the mirror.
    pub write: SheetWriter<'a>,
}

/// The deck's workbook: README, the input sheets of `inputs` (the whole portfolio `p` for the
/// review, one account for a plan), then one mirror per slide kind in deck order.
///
/// Sheets are independent until the workbook is saved, so with `parallel` each is built on
/// its own thread: at 10,000 accounts the input sheets and the four largest mirrors take
/// similar times. In a batch every core already has a deck of its own, and threads spawned
/// per deck cost more than they win.
pub(crate) fn deck_workbook(
    p: &Portfolio,
    inputs: &Portfolio,
    loc: &Locale,
    sheets: &[MirrorSheet<'_>],
    brand: &Brand,
    parallel: bool,
    scratch: Option<&std::path::Path>,
) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Book::new(p, Some(brand))?;
    let names: Vec<(String, &'static str)> = sheets.iter().map(|s| (s.name.clone(), s.kind)).collect();
    let tables = crate::input::excel::tables(inputs);
    let refs = InputRefs::of(&tables);
    let note = loc.t("workbook.mirror_note");
    // Every sheet writes its rows in order, which is what streaming them needs.
    if scratch.is_some() {
        // Streamed sheets number their formats in the workbook as they first use them; with
        // sheets written on several threads that order would change from run to run.
        let st = &book.styles;
        for f in [
            &st.header,
            &st.title,
            &st.note,
            &st.bold,
            &st.money,
            &st.percent,
            &st.integer,
            &st.decimal,
            &st.date,
            &st.text,
            &st.link,
        ] {
            book.wb.register_format(f);
        }
    }
    let mut blank = |n: usize| -> Result<Vec<Worksheet>, WorkbookError> {
        match scratch {
            Some(dir) => {
                book.wb.set_tempdir(dir).in_sheet("")?;
                (0..n).map(|_| book.wb.new_worksheet_with_constant_memory().in_sheet("")).collect()
            }
            None => Ok((0..n).map(|_| Worksheet::new()).collect()),
        }
    };
    let input_blank = blank(tables.len())?;
    let mirror_blank = blank(sheets.len())?;
    let st = &book.styles;
    let mirror = |(s, mut ws): (&MirrorSheet<'_>, Worksheet)| {
        ws.set_name(&s.name).in_sheet(&s.name)?;
        let mut m = Mirror::new(&mut ws, &s.name, st, &refs, &names);
        m.streamed = scratch.is_some();
        m.heading(&s.kicker, &s.title, &note).in_sheet(&s.name)?;
        (s.write)(&mut m).in_sheet(&s.name)?;
        m.finish().in_sheet(&s.name)?;
        Ok::<_, WorkbookError>(ws)
    };
    // The input tables are the largest thing the workbook holds: they go once their sheets are
    // written, not when the last mirror is.
    let input_job = move || {
        let written = inputs::sheets(&tables, input_blank, st, loc);
        drop(tables);
        written
    };
    let (inputs_ws, mirrors) = if parallel {
        // As many workers as cores, each taking the next sheet: one thread per sheet would hold
        // every sheet's transient data at once for no more speed.
        let jobs: Vec<std::sync::Mutex<Option<(&MirrorSheet<'_>, Worksheet)>>> =
            sheets.iter().zip(mirror_blank).map(|j| std::sync::Mutex::new(Some(j))).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(jobs.len() + 1);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(slot) = jobs.get(i) else { return done };
                let job = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                done.extend(job.map(|j| (i, mirror(j))));
            }
        };
        std::thread::scope(|scope| {
            let input_sheets = scope.spawn(input_job);
            let others: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
            let mut mirrors = work();
            for h in others {
                mirrors.extend(join(h));
            }
            mirrors.sort_by_key(|(i, _)| *i);
            (join(input_sheets), mirrors.into_iter().map(|(_, m)| m).collect::<Vec<_>>())
        })
    } else {
        let mirrors = sheets.iter().zip(mirror_blank).map(mirror).collect::<Vec<_>>();
        (input_job(), mirrors)
    };
    // Saving holds every sheet's XML at once: free what the sheets no longer need first.
    drop(refs);
    let mut readme = Worksheet::new();
    inputs::readme(&mut readme, &book.styles, inputs, loc, &names).in_sheet("README")?;
    book.wb.push_worksheet(readme);
    for ws in inputs_ws? {
        book.wb.push_worksheet(ws);
    }
    for ws in mirrors {
        book.wb.push_worksheet(ws?);
    }
    book.finish()
}

/// A thread's result, its panic passed on.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// A sheet name as a formula writes it: quoted when it has spaces or starts with a digit.
pub(crate) fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit()) {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}
