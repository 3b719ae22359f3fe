//! `kamdeck plan`: account plans for the chosen accounts, rendered in parallel.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use super::args::DeckArgs;
use crate::deck::{AccountSelection, DeckKind, Engine};
use crate::error::Error;
use crate::input;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["account", "all", "tier"])))]
pub(super) struct PlanArgs {
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
    out: DeckArgs,
}

pub(super) fn run(a: &PlanArgs) -> Result<(), Error> {
    let selection = AccountSelection::parse(&a.account, a.all, a.tier.as_deref(), a.shard.as_deref())?;
    let request = a.out.request(DeckKind::Plan, Some(selection))?;
    a.out.watch();
    let verbose = a.out.verbose();
    let start = Instant::now();
    let portfolio = input::load_checked(&a.input, &crate::deck::spec::portfolio_problems)?;
    let spec = request.with_portfolio(&portfolio, super::folder_of(&a.input)).resolve(DeckKind::Plan)?;
    let accounts = spec.accounts.resolve(&portfolio)?;
    let engine = Engine::new(&spec)?;
    for w in engine.warnings() {
        eprintln!("warning: {}", super::terminal_safe(w));
    }
    a.out.output_folder()?;
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
    let results = crate::batch::plans(&engine, &portfolio, &accounts, &a.out.output, &done);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mut failed = 0;
    for r in &results {
        for w in &r.warnings {
            let line = format!("warning: account `{}`: {w}", portfolio.accounts[r.account].id);
            eprintln!("{}", super::terminal_safe(&line));
        }
        if let Err(e) = &r.outcome {
            failed += 1;
            let line = format!("error: account `{}`: {e}", portfolio.accounts[r.account].id);
            eprintln!("{}", super::terminal_safe(&line));
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
        eprintln!("{}", super::terminal_safe(&line));
    }
    if failed > 0 {
        return Err(Error::Batch(format!("{failed} of {} plans failed (see above)", results.len())));
    }
    Ok(())
}
