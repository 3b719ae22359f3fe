//! The command line: arguments → a plain config → the library; errors printed once here.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::output::write_atomic;
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
    /// Build the quarterly KAM review deck (PDF) and its workbook (XLSX).
    Review(ReviewArgs),
    /// Build account plans: one deck (PDF) and workbook (XLSX) per client account, in parallel.
    Plan(PlanArgs),
    /// Validate a portfolio and list what each slide is missing.
    Check {
        /// The portfolio file (.yaml, .yml or .xlsx).
        input: PathBuf,
    },
    /// Convert a portfolio between YAML and Excel (by the files' extensions).
    Convert {
        /// The portfolio to read (.yaml, .yml or .xlsx).
        input: PathBuf,
        /// The file to write (.yaml, .yml or .xlsx).
        output: PathBuf,
    },
    /// Start a portfolio: write a small example as portfolio.yaml and portfolio.xlsx into DIR.
    Init {
        /// Folder to create (or an empty existing one).
        dir: PathBuf,
        /// Replace portfolio.yaml and portfolio.xlsx if they exist.
        #[arg(long)]
        force: bool,
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
#[command(group(clap::ArgGroup::new("which").required(true).args(["account", "all", "tier"])))]
struct PlanArgs {
    /// The portfolio file (.yaml, .yml or .xlsx).
    input: PathBuf,
    /// The account id to plan (repeat for several).
    #[arg(long, value_name = "ID")]
    account: Vec<String>,
    /// Every account of the portfolio.
    #[arg(long)]
    all: bool,
    /// The accounts of an ABC tier in the latest fiscal year (A, B or C).
    #[arg(long, value_name = "TIER")]
    tier: Option<String>,
    /// Render only the I-th of N equal shares of the selected accounts (e.g. 2/8).
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct ReviewArgs {
    /// The portfolio file (.yaml, .yml or .xlsx).
    input: PathBuf,
    #[command(flatten)]
    out: OutputArgs,
}

/// Where decks go and how they are built; shared by `review` and `plan`.
#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Folder to write into (created if missing): review.pdf/.xlsx, or plans/<id>.pdf/.xlsx.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    /// Write the decks only, without their workbooks.
    #[arg(long)]
    no_workbook: bool,
    /// Also write the generated Typst source (review.typ, plans/<id>.typ).
    #[arg(long)]
    keep_typst: bool,
    /// Folder of templates that replace built-in ones with the same name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Folder of theme files (theme.yaml, theme.typ, fonts/) that replace the default theme's.
    #[arg(long, value_name = "DIR")]
    theme_dir: Option<PathBuf>,
    /// Print progress, timings and the summary on stderr (default: only on a terminal).
    #[arg(short, long)]
    verbose: bool,
}

impl OutputArgs {
    fn engine(&self) -> Result<Engine, Error> {
        Engine::new(&EngineOptions {
            templates: self.templates.clone(),
            theme_dir: self.theme_dir.clone(),
            locale: None,
            no_workbook: self.no_workbook,
        })
    }

    fn verbose(&self) -> bool {
        self.verbose || std::io::stderr().is_terminal()
    }
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
        Command::Plan(args) => plan(&args),
        Command::Convert { input, output } => convert(&input, &output),
        Command::Init { dir, force } => init(&dir, force),
        Command::Generate { accounts, seed, stakeholders } => {
            let yaml = crate::generate::portfolio_yaml(crate::generate::Synthetic { accounts, seed, stakeholders });
            std::io::stdout().lock().write_all(yaml.as_bytes()).map_err(|e| Error::io(Path::new("<stdout>"), e))
        }
    }
}

fn check(path: &Path) -> Result<(), Error> {
    let p = input::load(path)?;
    let mut out = std::io::stdout().lock();
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "ok: {}, {}, {}",
        count(p.accounts.len(), "account", "accounts"),
        count(p.fiscal_years.len(), "fiscal year", "fiscal years"),
        count(p.team.len(), "team member", "team members")
    );
    for line in crate::figures::gaps(&p) {
        let _ = writeln!(out, "  note: {line}");
    }
    Ok(())
}

fn review(args: &ReviewArgs) -> Result<(), Error> {
    let r = &args.out;
    let verbose = r.verbose();
    let start = Instant::now();
    let portfolio = input::load(&args.input)?;
    let loaded = start.elapsed();
    let engine = r.engine()?;
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
    if let Some(wb) = &rendered.workbook {
        write_atomic(&r.output.join("review.xlsx"), wb)?;
    }
    if r.keep_typst {
        write_atomic(&typ_path, rendered.source.as_bytes())?;
    }
    if verbose {
        let t = rendered.timings;
        eprintln!(
            "wrote {} ({} pages) in {:.0} ms: load {:.0} ms, figures {:.1} ms, charts {:.1} ms, templates {:.1} ms, typeset {:.0} ms, pdf {:.0} ms, workbook {:.0} ms (beside typesetting)",
            pdf_path.display(),
            rendered.page_texts.len(),
            start.elapsed().as_secs_f64() * 1e3,
            loaded.as_secs_f64() * 1e3,
            t.figures.as_secs_f64() * 1e3,
            t.charts.as_secs_f64() * 1e3,
            t.templates.as_secs_f64() * 1e3,
            t.typeset.as_secs_f64() * 1e3,
            t.pdf.as_secs_f64() * 1e3,
            t.workbook.as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

/// The format a path names by its extension.
fn is_xlsx(path: &Path) -> Result<bool, Error> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Ok(true),
        Some("yaml" | "yml") => Ok(false),
        _ => Err(Error::Usage(format!("{}: name a .yaml, .yml or .xlsx file", path.display()))),
    }
}

/// The portfolio in the format `path` names.
fn portfolio_bytes(p: &crate::model::Portfolio, path: &Path) -> Result<Vec<u8>, Error> {
    if is_xlsx(path)? {
        let locale = crate::i18n::Locale::load(&crate::assets::Assets::builtin(), "en")?;
        Ok(crate::workbook::portfolio_workbook(p, &locale)?)
    } else {
        Ok(input::to_yaml(p).into_bytes())
    }
}

fn convert(from: &Path, to: &Path) -> Result<(), Error> {
    is_xlsx(to)?;
    let p = input::load(from)?;
    write_atomic(to, &portfolio_bytes(&p, to)?)
}

/// The example `init` starts from.
const STARTER: &str = include_str!("../examples/minimal.yaml");

fn init(dir: &Path, force: bool) -> Result<(), Error> {
    let files = [dir.join("portfolio.yaml"), dir.join("portfolio.xlsx")];
    if !force && let Some(f) = files.iter().find(|f| f.exists()) {
        return Err(Error::Usage(format!("{} exists: pass --force to replace it", f.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let p = input::from_yaml_str(STARTER, "examples/minimal.yaml")?;
    // The YAML keeps the example's comments; the workbook is written from the same portfolio.
    write_atomic(&files[0], STARTER.as_bytes())?;
    write_atomic(&files[1], &portfolio_bytes(&p, &files[1])?)?;
    println!(
        "wrote {} and {}\nnext: kamdeck review {} -o {}",
        files[0].display(),
        files[1].display(),
        files[0].display(),
        dir.join("out").display()
    );
    Ok(())
}

/// Which accounts a `plan` run covers, in file order.
fn select(p: &crate::model::Portfolio, a: &PlanArgs) -> Result<Vec<usize>, Error> {
    let mut chosen: Vec<usize> = if a.all {
        (0..p.accounts.len()).collect()
    } else if let Some(t) = &a.tier {
        let tier = match t.to_ascii_uppercase().as_str() {
            "A" => crate::figures::abc::Tier::A,
            "B" => crate::figures::abc::Tier::B,
            "C" => crate::figures::abc::Tier::C,
            _ => return Err(Error::Usage(format!("--tier {t}: use A, B or C"))),
        };
        let abc = crate::figures::abc::abc(p);
        (0..p.accounts.len()).filter(|&i| abc.latest_tier(i) == Some(tier)).collect()
    } else {
        let ids: Vec<&str> = p.accounts.iter().map(|x| x.id.as_str()).collect();
        a.account
            .iter()
            .map(|id| {
                ids.iter().position(|x| x == id).ok_or_else(|| {
                    let hint = crate::model::validate::did_you_mean(id, ids.iter().copied())
                        .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
                    Error::Usage(format!("--account {id}: no account has this id{hint}"))
                })
            })
            .collect::<Result<_, _>>()?
    };
    chosen.dedup();
    if let Some(s) = &a.shard {
        let parsed = s
            .split_once('/')
            .and_then(|(i, n)| Some((i.trim().parse::<usize>().ok()?, n.trim().parse::<usize>().ok()?)));
        let (i, n) = parsed
            .filter(|(i, n)| *n >= 1 && (1..=*n).contains(i))
            .ok_or_else(|| Error::Usage(format!("--shard {s}: write I/N with 1 ≤ I ≤ N, e.g. 2/8")))?;
        chosen = crate::batch::shard(&chosen, i, n);
    }
    Ok(chosen)
}

fn plan(a: &PlanArgs) -> Result<(), Error> {
    let verbose = a.out.verbose();
    let start = Instant::now();
    let portfolio = input::load(&a.input)?;
    let accounts = select(&portfolio, a)?;
    let engine = a.out.engine()?;
    let bar = if verbose && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(accounts.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} plans {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let done = |r: &crate::batch::PlanResult| {
        if let Some(b) = &bar {
            b.set_message(portfolio.accounts[r.account].id.clone());
            b.inc(1);
        }
    };
    let results = crate::batch::plans(&engine, &portfolio, &accounts, &a.out.output, a.out.keep_typst, &done);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mut failed = 0;
    for r in &results {
        if let Err(e) = &r.outcome {
            failed += 1;
            eprintln!("error: account `{}`: {e}", portfolio.accounts[r.account].id);
        }
    }
    let pages: usize = results.iter().filter_map(|r| r.outcome.as_ref().ok()).sum();
    let shortened: Vec<&str> = results
        .iter()
        .filter(|r| r.shortened && r.outcome.is_ok())
        .map(|r| portfolio.accounts[r.account].id.as_str())
        .collect();
    if verbose || failed > 0 {
        let mut line = format!(
            "{} plans, {pages} pages in {:.2} s into {}",
            results.len() - failed,
            start.elapsed().as_secs_f64(),
            a.out.output.join("plans").display()
        );
        if !shortened.is_empty() {
            line.push_str(&format!(
                "; {} without stakeholders, divisions or milestones got shorter plans ({}{})",
                shortened.len(),
                shortened.iter().take(5).copied().collect::<Vec<_>>().join(", "),
                if shortened.len() > 5 { ", …" } else { "" }
            ));
        }
        if failed > 0 {
            line.push_str(&format!("; {failed} failed"));
        }
        eprintln!("{line}");
    }
    if failed > 0 {
        return Err(Error::Batch(format!("{failed} of {} plans failed (see above)", results.len())));
    }
    Ok(())
}
