//! `kamdeck convert`: the same portfolio in the other format.

use std::path::{Path, PathBuf};

use crate::assets::Assets;
use crate::deck::DEFAULT_LANG;
use crate::error::Error;
use crate::i18n::Locale;
use crate::input;
use crate::model::Portfolio;
use crate::output::write_atomic;

#[derive(Debug, clap::Args)]
pub(super) struct ConvertArgs {
    /// The portfolio to read (.yaml, .yml or .xlsx).
    input: PathBuf,
    /// The file to write (.yaml, .yml or .xlsx).
    output: PathBuf,
}

pub(super) fn run(a: &ConvertArgs) -> Result<(), Error> {
    is_xlsx(&a.output)?;
    let same = a.output.canonicalize().ok().is_some_and(|o| a.input.canonicalize().is_ok_and(|i| i == o));
    if same {
        return Err(Error::Usage(format!("{}: the output is the input: name another file", a.output.display())));
    }
    let p = input::load(&a.input)?;
    write_atomic(&a.output, &portfolio_bytes(&p, &a.output)?)
}

/// The format a path names by its extension.
fn is_xlsx(path: &Path) -> Result<bool, Error> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Ok(true),
        Some("yaml" | "yml") => Ok(false),
        _ => Err(Error::Usage(format!("{}: name a .yaml, .yml or .xlsx file", path.display()))),
    }
}

/// The portfolio in the format `path` names. A portfolio workbook's README is in English:
/// its input sheets keep English names and headers whatever language a deck is in.
pub(super) fn portfolio_bytes(p: &Portfolio, path: &Path) -> Result<Vec<u8>, Error> {
    if is_xlsx(path)? {
        let locale = Locale::load(&Assets::builtin(), DEFAULT_LANG)?;
        Ok(crate::workbook::portfolio_workbook(p, &locale)?)
    } else {
        Ok(input::to_yaml(p).into_bytes())
    }
}
