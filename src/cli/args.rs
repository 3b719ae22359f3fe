//! Arguments shared by the commands that build decks, and their translation into a spec.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::deck::{AccountSelection, DeckKind, SpecRequest};
use crate::error::Error;

/// Where decks go and how they look; shared by `review` and `plan`.
#[derive(Debug, clap::Args)]
pub(super) struct DeckArgs {
    /// Folder to write into (created if missing): review.pdf/.xlsx, or plans/<id>.pdf/.xlsx.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Write the decks only, without their workbooks.
    #[arg(long)]
    pub no_workbook: bool,
    /// Also write the generated Typst source (review.typ, plans/<id>.typ).
    #[arg(long)]
    pub keep_typst: bool,
    /// Also write an editable PowerPoint deck (review.pptx, plans/<id>.pptx): native text,
    /// tables and charts, laid out as the PDF.
    #[arg(long)]
    pub pptx: bool,
    /// The slides to build, by id and in this order (e.g. dashboard,pareto,abc); default: all.
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub slides: Option<Vec<String>>,
    /// A built-in theme by name (`kamdeck themes`), or a theme folder of your own (`./brand/`).
    #[arg(long, value_name = "NAME|DIR")]
    pub theme: Option<String>,
    /// The same as `--theme DIR` (kept for older scripts).
    #[arg(long, value_name = "DIR", hide = true, conflicts_with = "theme")]
    pub theme_dir: Option<PathBuf>,
    /// Folder of templates that replace built-in ones with the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Language of the slides and workbook: en, de, fr or es (default: the portfolio's deck.lang, else en).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Treat warnings as errors: text the theme's fonts cannot show stops the deck.
    #[arg(long)]
    pub strict: bool,
    /// Stop when one deck's typesetting takes longer than this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub time_limit: u64,
    /// Stop when the run holds more than this many MB of memory.
    #[arg(long, value_name = "MB", default_value_t = 8192, value_parser = clap::value_parser!(u64).range(64..))]
    pub memory_limit: u64,
    /// Print progress, timings and the summary on stderr (default: only on a terminal).
    #[arg(short, long)]
    pub verbose: bool,
}

impl DeckArgs {
    /// What these arguments ask for, checked at once against what is built in (before any
    /// file is read); `resolve` it again with the portfolio's own choices once it is loaded.
    pub(super) fn request(&self, deck: DeckKind, accounts: Option<AccountSelection>) -> Result<SpecRequest, Error> {
        let request = SpecRequest {
            theme: self.theme.clone().or_else(|| {
                // A folder named as such, even when its name has no slash (`--theme-dir brand`).
                self.theme_dir.as_ref().map(|d| d.join("").to_string_lossy().into_owned())
            }),
            templates: self.templates.clone(),
            lang: self.lang.clone(),
            slides: self.slides.clone(),
            no_workbook: self.no_workbook,
            keep_typst: self.keep_typst,
            pptx: self.pptx,
            strict: self.strict,
            accounts,
            ..SpecRequest::default()
        };
        request.clone().resolve(deck)?;
        Ok(request)
    }

    /// The run's limits, watched from now on.
    pub(super) fn watch(&self) {
        super::watchdog::start(super::watchdog::Limits {
            time: std::time::Duration::from_secs(self.time_limit),
            memory_mb: self.memory_limit,
            user_files: self.templates.is_some() || self.theme.is_some() || self.theme_dir.is_some(),
        });
    }

    /// Creates the output folder; a file in its place is bad input.
    pub(super) fn output_folder(&self) -> Result<(), Error> {
        self.check_output()?;
        std::fs::create_dir_all(&self.output).map_err(|e| Error::io(&self.output, e))
    }

    /// A file where the output folder should be is bad input, said before any work.
    pub(super) fn check_output(&self) -> Result<(), Error> {
        let out = &self.output;
        if out.exists() && !out.is_dir() {
            return Err(Error::Usage(format!("{}: is a file, not a folder: name a folder with -o", out.display())));
        }
        Ok(())
    }

    /// Whether to print progress and timings.
    pub(super) fn verbose(&self) -> bool {
        self.verbose || std::io::stderr().is_terminal()
    }
}
