//! Account plans in batch: every selected account rendered in parallel on one engine.
//!
//! Fonts, templates, the theme and the portfolio's figures are loaded once and shared by
//! all workers; each account's deck is independent, so a batch gives the same bytes as
//! rendering each account alone, and one account's failure does not stop the others.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::deck::{Cores, Engine, Failed};
use crate::error::Error;
use crate::figures::Figures;
use crate::model::Portfolio;
use crate::output::{write_atomic, write_set};

/// One account's outcome.
pub struct PlanResult {
    /// Account index.
    pub account: usize,
    /// Pages written, or the error.
    pub outcome: Result<usize, Error>,
    /// Slide kinds left out for missing data (stakeholders, divisions, milestones).
    pub shortened: bool,
    /// The plan's warnings (text its fonts cannot show).
    pub warnings: Vec<String>,
}

/// Stack of a batch worker's pool thread: typst recurses deeply on nested content.
const STACK: usize = 16 << 20;

/// Renders the plans of `accounts` into `dir/plans/<id>.pdf`, calling `done` after each.
pub fn plans(
    engine: &Engine,
    p: &Portfolio,
    accounts: &[usize],
    dir: &Path,
    done: &(dyn Fn(&PlanResult) + Sync),
) -> Vec<PlanResult> {
    let figures = Figures::compute(p);
    let out = dir.join("plans");
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(accounts.len()));
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(accounts.len().max(1));
    // One deck alone spreads over the cores; in a batch each worker keeps to its own.
    let cores = if workers > 1 { Cores::One } else { Cores::All };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // typst lays out pages and krilla writes PDF objects with rayon. From a plain
                // thread that work goes to the global pool while the thread blocks, and the
                // pool's threads spin between jobs: on two cores a fifth of a batch's CPU.
                // Inside a one-thread pool of the worker's own, it runs inline instead; the
                // cores are already busy with one deck each.
                let pool =
                    (workers > 1).then(|| rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(STACK).build());
                let work = || loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&account) = accounts.get(k) else { break };
                    let result = one(engine, p, &figures, account, &out, cores);
                    // typst memoises every compile in a process-wide cache; what one deck
                    // alone used is dead weight for the next (500 plans grew it past 3 GB).
                    // Results every deck uses (the theme, fonts) are hit each time and stay.
                    typst::comemo::evict(2);
                    done(&result);
                    results.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(result);
                };
                match pool {
                    Some(Ok(pool)) => pool.install(work),
                    _ => work(),
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|r| r.account);
    results
}

fn one(engine: &Engine, p: &Portfolio, figures: &Figures, account: usize, out: &Path, cores: Cores) -> PlanResult {
    let a = &p.accounts[account];
    let shortened = a.stakeholders.is_empty() || a.divisions.is_empty() || a.milestones.is_empty();
    let path = |ext: &str| -> PathBuf { out.join(format!("{}.{ext}", a.id)) };
    let mut warnings = Vec::new();
    // The folder is made once something is to be written into it.
    let folder = || std::fs::create_dir_all(out).map_err(|e| Error::io(out, e));
    let outcome = (|| -> Result<usize, Error> {
        match engine.plan(p, figures, account, cores) {
            Ok(r) => {
                folder()?;
                let (pdf, xlsx, pptx, typ) = (path("pdf"), path("xlsx"), path("pptx"), path("typ"));
                let mut set: Vec<(&Path, &[u8])> = vec![(&pdf, &r.pdf)];
                if let Some(wb) = &r.workbook {
                    set.push((&xlsx, wb));
                }
                if let Some(deck) = &r.pptx {
                    set.push((&pptx, deck));
                }
                if engine.spec().outputs.typst {
                    set.push((&typ, r.source.as_bytes()));
                }
                write_set(&set)?;
                warnings = r.warnings;
                Ok(r.page_texts.len())
            }
            Err(Failed { error, source }) => {
                // The generated source only when asked for: a failed plan writes nothing else.
                if let Some(src) = source.filter(|_| engine.spec().outputs.typst)
                    && folder().is_ok()
                {
                    let _ = write_atomic(&path("typ"), src.as_bytes());
                }
                Err(error)
            }
        }
    })();
    PlanResult { account, outcome, shortened, warnings }
}
