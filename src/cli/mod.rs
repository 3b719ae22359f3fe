//! The command line: one module per command. Arguments are checked into a `DeckSpec` (or a
//! plain value) before any file is written; errors are printed once, here.

mod args;
mod check;
mod convert;
mod generate;
mod init;
mod plan;
mod review;
mod themes;
mod watchdog;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;

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
    Review(review::ReviewArgs),
    /// Build account plans: one deck (PDF) and workbook (XLSX) per client account, in parallel.
    Plan(plan::PlanArgs),
    /// Validate a portfolio and list what each slide is missing.
    Check(check::CheckArgs),
    /// Convert a portfolio between YAML and Excel (by the files' extensions).
    Convert(convert::ConvertArgs),
    /// Start a portfolio: write a small example as portfolio.yaml and portfolio.xlsx (and its schema) into DIR.
    Init(init::InitArgs),
    /// Print a synthetic portfolio (YAML) for trying kamdeck at scale.
    Generate(generate::GenerateArgs),
    /// Print the portfolio file's JSON Schema (for editors: completion and checks as you type).
    Schema,
    /// List the built-in themes.
    Themes,
    /// Work with themes: `kamdeck theme eject default ./brand/`.
    #[command(subcommand)]
    Theme(themes::ThemeCommand),
}

/// Parses the arguments, runs, prints any error once and maps it to an exit code:
/// 2 for bad input (file, arguments, an unknown theme or slide), 1 for anything else.
///
/// With `KAMDECK_STATS` set, the last line on stderr is the run's wall time and peak
/// memory: what the hostile-input corpus bounds, and a quick look for anyone else.
pub fn main() -> ExitCode {
    let start = std::time::Instant::now();
    crate::typeset::quiet_typst_panics();
    let args = Args::parse();
    let code = match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", terminal_safe(&e.to_string()));
            ExitCode::from(if e.is_bad_input() { 2 } else { 1 })
        }
    };
    if std::env::var_os("KAMDECK_STATS").is_some() {
        let peak = watchdog::peak_mb().map_or_else(|| "unknown".to_owned(), |mb| format!("{mb} MB"));
        eprintln!("stats: {:.3} s, peak memory {peak}", start.elapsed().as_secs_f64());
    }
    code
}

/// Runs one command.
pub fn run(args: Args) -> Result<(), Error> {
    match args.command {
        Command::Review(a) => review::run(&a),
        Command::Plan(a) => plan::run(&a),
        Command::Check(a) => check::run(&a),
        Command::Convert(a) => convert::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Generate(a) => generate::run(&a),
        Command::Schema => {
            print!("{}", crate::model::schema());
            Ok(())
        }
        Command::Themes => themes::list(),
        Command::Theme(t) => themes::run(&t),
    }
}

/// The folder of a portfolio file: what a theme folder it names is relative to.
fn folder_of(input: &std::path::Path) -> &std::path::Path {
    input.parent().unwrap_or_else(|| std::path::Path::new(""))
}

/// `s` with the characters that would act on the terminal or reorder the text around them
/// written as `\u{…}` escapes: an id holding an escape sequence once cleared the screen when
/// an error message echoed it. Line breaks and tabs stay.
pub(crate) fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| (c.is_control() && c != '\n' && c != '\t') || crate::i18n::is_bidi_control(c);
    if !s.chars().any(acts) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars().map(|c| if acts(c) { format!("\\u{{{:04x}}}", u32::from(c)) } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(super::terminal_safe("id `a\u{1b}[2Jb`\n"), "id `a\\u{001b}[2Jb`\n");
        assert_eq!(super::terminal_safe("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(super::terminal_safe("plain"), "plain");
    }
}
