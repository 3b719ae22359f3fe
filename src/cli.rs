//! The command line: arguments → a plain config → the library; errors printed once here.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::{Engine, EngineOptions, input};

/// Key-account decks from a portfolio file.
#[derive(Debug, Parser)]
#[command(name = "kamdeck", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the quarterly KAM review deck (PDF).
    Review(ReviewArgs),
    /// Validate a portfolio and list what each slide is missing.
    Check {
        /// The portfolio file (.yaml or .yml).
        input: PathBuf,
    },
    /// Print a synthetic portfolio (YAML) for trying kamdeck at scale.
    Generate {
        /// Number of accounts.
        #[arg(long, default_value_t = 1000)]
        accounts: usize,
        /// Varies the data; the same seed prints the same file.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Give every account 5–15 stakeholders.
        #[arg(long)]
        stakeholders: bool,
    },
}

#[derive(Debug, clap::Args)]
struct ReviewArgs {
    /// The portfolio file (.yaml or .yml).
    input: PathBuf,
    /// Folder to write review.pdf into (created if missing).
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Also write the generated Typst source (review.typ) next to the PDF.
    #[arg(long)]
    keep_typst: bool,
    /// Folder of templates that replace built-in ones with the same name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Folder of theme files (theme.yaml, theme.typ, fonts/) that replace the default theme's.
    #[arg(long, value_name = "DIR")]
    theme_dir: Option<PathBuf>,
    /// Print progress and timings on stderr (default: only on a terminal).
    #[arg(short, long)]
    verbose: bool,
}

/// Parses the arguments, runs, prints any error once and maps it to an exit code.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    }
}

/// Runs one command.
pub fn run(args: Args) -> Result<(), Error> {
    match args.command {
        Command::Check { input } => check(&input),
        Command::Review(r) => review(&r),
        Command::Generate { accounts, seed, stakeholders } => {
            let yaml = crate::generate::portfolio_yaml(crate::generate::Synthetic { accounts, seed, stakeholders });
            std::io::stdout().lock().write_all(yaml.as_bytes()).map_err(|e| Error::io(Path::new("<stdout>"), e))
        }
    }
}

fn check(path: &Path) -> Result<(), Error> {
    let p = input::load(path)?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "ok: {} accounts, {} fiscal years, {} team members",
        p.accounts.len(),
        p.fiscal_years.len(),
        p.team.len()
    );
    for line in crate::figures::gaps(&p) {
        let _ = writeln!(out, "  note: {line}");
    }
    Ok(())
}

fn review(r: &ReviewArgs) -> Result<(), Error> {
    let verbose = r.verbose || std::io::stderr().is_terminal();
    let start = Instant::now();
    let portfolio = input::load(&r.input)?;
    let loaded = start.elapsed();
    let engine =
        Engine::new(&EngineOptions { templates: r.templates.clone(), theme_dir: r.theme_dir.clone(), locale: None })?;
    std::fs::create_dir_all(&r.output).map_err(|e| Error::io(&r.output, e))?;
    let typ_path = r.output.join("review.typ");
    let rendered = match engine.review(&portfolio) {
        Ok(x) => x,
        Err(failed) => {
            if let Some(src) = &failed.source {
                // Keep the generated source so the Typst error's line:col can be read.
                if write_atomic(&typ_path, src.as_bytes()).is_ok() {
                    eprintln!("note: the generated Typst source is in {}", typ_path.display());
                }
            }
            return Err(failed.error);
        }
    };
    let pdf_path = r.output.join("review.pdf");
    write_atomic(&pdf_path, &rendered.pdf)?;
    if r.keep_typst {
        write_atomic(&typ_path, rendered.source.as_bytes())?;
    }
    if verbose {
        let t = rendered.timings;
        eprintln!(
            "wrote {} ({} pages) in {:.0} ms: load {:.0} ms, figures {:.1} ms, charts {:.1} ms, templates {:.1} ms, typeset {:.0} ms, pdf {:.0} ms",
            pdf_path.display(),
            rendered.page_texts.len(),
            start.elapsed().as_secs_f64() * 1e3,
            loaded.as_secs_f64() * 1e3,
            t.figures.as_secs_f64() * 1e3,
            t.charts.as_secs_f64() * 1e3,
            t.templates.as_secs_f64() * 1e3,
            t.typeset.as_secs_f64() * 1e3,
            t.pdf.as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it: a reader never sees
/// half a file and a failed run leaves no partial output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::io(path, e))
}
