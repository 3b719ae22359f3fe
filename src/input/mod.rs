//! Reading a portfolio file: parse, then validate, with every problem tied to its place.

pub(crate) mod excel;
mod yaml;
mod yaml_index;
mod yaml_write;

pub(crate) use yaml::explain as yaml_message;
pub use yaml_write::to_yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Portfolio, validate};

/// A problem in an input file, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct InputProblem {
    /// `file:line:col` (YAML) or `file: Sheet!C7` (Excel).
    pub place: String,
    /// The data path, e.g. `accounts[3].owner`, when the problem is about a value.
    pub path: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}: {}", self.place, path, self.message),
            None => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

/// Why a portfolio could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file's extension names no format kamdeck reads.
    #[error("{}: unknown input format: use a .yaml, .yml or .xlsx file", path.display())]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// The file was read but its content is wrong.
    #[error("{} problem{} in the portfolio:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" },
        problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found, in file order.
        problems: Vec<InputProblem>,
    },
}

/// Further checks of a loaded portfolio by its caller (the deck choices it names), reported
/// with the file's own problems, in place.
pub type Checks<'a> = &'a dyn Fn(&Portfolio) -> Vec<validate::Problem>;

/// Loads and validates the portfolio at `path` (YAML or Excel, by extension).
pub fn load(path: &Path) -> Result<Portfolio, InputError> {
    load_checked(path, &|_| Vec::new())
}

/// `load`, with the caller's `checks` reported as the file's problems, at their places.
pub fn load_checked(path: &Path, checks: Checks<'_>) -> Result<Portfolio, InputError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let read = || read_bounded(path).map_err(|source| InputError::Read { path: path.to_owned(), source });
    match ext.as_deref() {
        Some("yaml" | "yml") => {
            let text = String::from_utf8(read()?).map_err(|e| InputError::Read {
                path: path.to_owned(),
                source: std::io::Error::other(format!(
                    "not UTF-8 at byte {}: save it as UTF-8",
                    e.utf8_error().valid_up_to()
                )),
            })?;
            yaml_checked(&text, &path.display().to_string(), checks)
        }
        Some("xlsx") => excel::from_bytes(read()?, &path.display().to_string(), checks),
        _ => Err(InputError::Format { path: path.to_owned() }),
    }
}

/// The largest portfolio file kamdeck reads: 100,000 accounts with stakeholders fit well within.
const MAX_FILE: u64 = 512 << 20;

/// The bytes of a regular file of at most `MAX_FILE`: a link to `/dev/zero` or a named pipe
/// would otherwise be read until memory runs out, or forever.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file: name a .yaml or .xlsx file"));
    }
    if meta.len() > MAX_FILE {
        return Err(std::io::Error::other(format!(
            "larger than {} MB: kamdeck reads portfolios up to that size",
            MAX_FILE >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path)?, MAX_FILE + 1), &mut bytes)?;
    Ok(bytes)
}

/// Reads and validates a portfolio workbook's bytes; `name` is used in error places.
pub fn from_xlsx_bytes(bytes: Vec<u8>, name: &str) -> Result<Portfolio, InputError> {
    excel::from_bytes(bytes, name, &|_| Vec::new())
}

/// Parses and validates YAML text; `name` is used in error places.
pub fn from_yaml_str(text: &str, name: &str) -> Result<Portfolio, InputError> {
    yaml_checked(text, name, &|_| Vec::new())
}

fn yaml_checked(text: &str, name: &str, checks: Checks<'_>) -> Result<Portfolio, InputError> {
    let (portfolio, mut problems) = yaml::parse(text, name)?;
    let mut invalid = validate::validate(&portfolio);
    invalid.extend(checks(&portfolio));
    if !invalid.is_empty() {
        // Positions are only needed to report problems: index the file only then.
        let index = yaml_index::PathIndex::build(text);
        problems.extend(invalid.into_iter().map(|p| InputProblem {
            place: index.place(name, &p.path),
            path: Some(p.path),
            message: p.message,
        }));
    }
    if problems.is_empty() { Ok(portfolio) } else { Err(InputError::Invalid { problems }) }
}
