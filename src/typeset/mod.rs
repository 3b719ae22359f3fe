//! Typst source → PDF, in-process.

pub mod world;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem};
use typst::syntax::Lines;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

pub use world::{Base, DeckWorld};

/// A Typst diagnostic with its place in the generated source.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// `file:line:col` (1-based) in the generated or theme source.
    pub place: String,
    /// Typst's message and hints.
    pub message: String,
}

/// Why typesetting failed.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    /// Typst reported errors.
    #[error("typst could not compile the deck:\n{}", .0.iter().map(|d| format!("  {}: {}", d.place, d.message)).collect::<Vec<_>>().join("\n"))]
    Compile(Vec<Diagnostic>),
    /// The PDF writer failed.
    #[error("PDF export failed:\n{}", .0.iter().map(|d| format!("  {}: {}", d.place, d.message)).collect::<Vec<_>>().join("\n"))]
    Pdf(Vec<Diagnostic>),
    /// Typst itself failed (a panic inside it): a fault in Typst, not in the input.
    #[error(
        "typst stopped on an internal error ({0}); this is a fault in Typst rather than in the input: please report it with the portfolio"
    )]
    Internal(String),
}

/// At most this many errors are shown: one unclosed bracket gives a hundred follow-ups.
const MAX_DIAGNOSTICS: usize = 5;

fn diagnostics(world: &DeckWorld, diags: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(MAX_DIAGNOSTICS)
        .map(|d| {
            let place = d
                .span
                .id()
                .and_then(|id| {
                    let source = typst::World::source(world, id).ok()?;
                    let range = world.range(d.span)?;
                    let lines = Lines::new(source.text().to_owned());
                    let (line, col) = lines.byte_to_line_column(range.start)?;
                    Some(format!("{}:{}:{}", id.get().vpath().get_without_slash(), line + 1, col + 1))
                })
                .unwrap_or_else(|| world.main_source().id().get().vpath().get_without_slash().to_owned());
            let mut message = d.message.to_string();
            for h in &d.hints {
                message.push_str(&format!(" (hint: {})", h.v));
            }
            Diagnostic { place, message }
        })
        .collect()
}

/// When each compile now running began: Typst cannot be stopped from outside, so a run's
/// watchdog (`cli`) reads this and ends the process when one runs too long.
static RUNNING: std::sync::Mutex<Vec<(u64, std::time::Instant)>> = std::sync::Mutex::new(Vec::new());
static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn running() -> std::sync::MutexGuard<'static, Vec<(u64, std::time::Instant)>> {
    RUNNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// How long the oldest compile now running has taken.
pub fn longest_running() -> Option<std::time::Duration> {
    running().iter().map(|(_, t)| t.elapsed()).max()
}

/// Compiles the world's main source into pages.
pub fn compile(world: &DeckWorld) -> Result<PagedDocument, TypesetError> {
    struct Running(u64);
    impl Drop for Running {
        fn drop(&mut self) {
            running().retain(|(id, _)| *id != self.0);
        }
    }
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    running().push((id, std::time::Instant::now()));
    let _running = Running(id);
    // A panic inside Typst (its shaping has failed on rare mixes of scripts and controls)
    // ends this deck with an error instead of the process: no output is half-written.
    COMPILING.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typst::compile::<PagedDocument>(world)));
    COMPILING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    let compiled = compiled.map_err(|p| TypesetError::Internal(panic_message(&p)))?;
    compiled.output.map_err(|errs| TypesetError::Compile(diagnostics(world, &errs)))
}

/// Compiles running now: a panic meanwhile is Typst's, caught and reported as an error.
static COMPILING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Keeps the default panic report (message and backtrace on stderr) for kamdeck's own
/// panics, and silences Typst's: `compile` turns those into an error the command reports.
pub fn quiet_typst_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if COMPILING.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            report(info);
        }
    }));
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "no message".to_owned())
}

/// The smallest text size on each page, in points, above its bottom `footer` points (the
/// footer's small print is left out): what a reader at the back of the room must read.
pub fn smallest_text(doc: &PagedDocument, footer: f64) -> Vec<f64> {
    fn walk(frame: &Frame, y0: f64, limit: f64, min: &mut f64) {
        for (pos, item) in frame.items() {
            let y = y0 + pos.y.to_pt();
            match item {
                FrameItem::Group(g) => {
                    // A scaled group (a chart drawn larger than its place) scales its text.
                    let scale = g.transform.sy.get();
                    let mut inner = f64::INFINITY;
                    walk(&g.frame, 0.0, f64::INFINITY, &mut inner);
                    if y < limit && inner.is_finite() {
                        *min = min.min(inner * scale);
                    }
                }
                FrameItem::Text(t) if y < limit && !t.text.trim().is_empty() => *min = min.min(t.size.to_pt()),
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|p| {
            let mut min = f64::INFINITY;
            walk(&p.frame, 0.0, p.frame.height().to_pt() - footer, &mut min);
            min
        })
        .collect()
}

/// Writes `doc` as a PDF whose bytes depend only on the document and `date`.
pub fn pdf(
    world: &DeckWorld,
    doc: &PagedDocument,
    ident: &str,
    date: Option<(i32, u8, u8)>,
) -> Result<Vec<u8>, TypesetError> {
    let timestamp = date.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)).map(Timestamp::new_utc);
    let options = PdfOptions { ident: Smart::Custom(ident.to_owned()), timestamp, ..PdfOptions::default() };
    typst_pdf::pdf(doc, &options).map_err(|errs| TypesetError::Pdf(diagnostics(world, &errs)))
}

/// The text of every page, in reading order of the layout (for tests and the CLI's page count).
pub fn page_texts(doc: &PagedDocument) -> Vec<String> {
    /// Runs joined by a space, except a run that continues the one before it on its line
    /// (a word in a box of its own, `cross-sell` in a title, is one word).
    fn walk(frame: &Frame, origin: typst::layout::Point, last: &mut Option<(f64, f64)>, out: &mut String) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(g) => walk(&g.frame, at, last, out),
                FrameItem::Text(t) => {
                    let (x, y) = (at.x.to_pt(), at.y.to_pt());
                    let joined = last.is_some_and(|(ly, lx)| (ly - y).abs() < 0.1 && (lx - x).abs() < 0.5);
                    if !joined && !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&t.text);
                    *last = Some((y, x + t.width().to_pt()));
                }
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|p| {
            let mut s = String::new();
            walk(&p.frame, typst::layout::Point::zero(), &mut None, &mut s);
            s
        })
        .collect()
}
