//! `kamdeck generate`: a synthetic portfolio on standard output.

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::generate::{Synthetic, portfolio_yaml};

#[derive(Debug, clap::Args)]
pub(super) struct GenerateArgs {
    /// Number of accounts (1 to 1,000,000).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    accounts: u32,
    /// Varies the data; the same seed prints the same file.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Give every account 5–15 stakeholders.
    #[arg(long)]
    stakeholders: bool,
    /// The top of the score scale (scores run from 1 to it).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(2..=100))]
    scale: u64,
}

pub(super) fn run(a: &GenerateArgs) -> Result<(), Error> {
    let yaml = portfolio_yaml(Synthetic {
        accounts: a.accounts as usize,
        seed: a.seed,
        stakeholders: a.stakeholders,
        scale: a.scale,
    });
    std::io::stdout().lock().write_all(yaml.as_bytes()).map_err(|e| Error::io(Path::new("<stdout>"), e))
}
