//! `kamdeck plan`: account plans for the chosen accounts, rendered in parallel.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use super::args::DeckArgs;
use crate::deck::{DeckKind, Engine};
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

pub(super) fn run(a: &PlanArgs) -> Result<(), Error> {
    let spec = a.out.spec(DeckKind::Plan)?;
    let verbose = a.out.verbose();
    let start = Instant::now();
    let portfolio = input::load(&a.input)?;
    let accounts = select(&portfolio, a)?;
    let engine = Engine::new(&spec)?;
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
