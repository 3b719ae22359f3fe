//! `kamdeck check`: validate a portfolio and say what each slide lacks.

use std::io::Write;
use std::path::PathBuf;

use crate::deck::{DeckKind, Engine, SpecRequest};
use crate::error::Error;
use crate::input;

#[derive(Debug, clap::Args)]
pub(super) struct CheckArgs {
    /// The portfolio file (.yaml, .yml or .xlsx).
    input: PathBuf,
    /// Language of the notes on missing data: en, de, fr or es (default: the portfolio's deck.lang, else en).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

pub(super) fn run(args: &CheckArgs) -> Result<(), Error> {
    let request = SpecRequest { lang: args.lang.clone(), ..SpecRequest::default() };
    request.clone().resolve(DeckKind::Review)?;
    let p = input::load_checked(&args.input, &crate::deck::spec::portfolio_problems)?;
    let spec = request.with_portfolio(&p, super::folder_of(&args.input)).resolve(DeckKind::Review)?;
    let engine = Engine::new(&spec)?;
    let mut out = std::io::stdout().lock();
    // The summary line stays English whatever the language: scripts read it.
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "ok: {}, {}, {}",
        count(p.accounts.len(), "account", "accounts"),
        count(p.fiscal_years.len(), "fiscal year", "fiscal years"),
        count(p.team.len(), "team member", "team members")
    );
    for line in engine.gaps(&p) {
        let _ = writeln!(out, "  note: {line}");
    }
    Ok(())
}
