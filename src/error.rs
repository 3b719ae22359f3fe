//! The library's error type: one variant per stage, each carrying its place.

use std::path::{Path, PathBuf};

/// Anything that can go wrong between a portfolio file and a deck.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The portfolio file is unreadable or invalid.
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    /// The theme is invalid.
    #[error(transparent)]
    Theme(#[from] crate::theme::ThemeError),
    /// The deck asked for is not on offer (theme, language, slide).
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// A folder of the user's (templates, theme) could not be read, or leads outside itself.
    #[error(transparent)]
    Folder(#[from] crate::assets::OverlayError),
    /// The message catalogue is invalid.
    #[error(transparent)]
    Locale(#[from] crate::i18n::LocaleError),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] crate::render::RenderError),
    /// A chart failed.
    #[error(transparent)]
    Chart(#[from] crate::charts::ChartError),
    /// The workbook could not be built.
    #[error(transparent)]
    Workbook(#[from] crate::workbook::WorkbookError),
    /// The PowerPoint deck could not be built.
    #[error(transparent)]
    Pptx(#[from] crate::pptx::PptxError),
    /// Typst failed.
    #[error(transparent)]
    Typeset(#[from] crate::typeset::TypesetError),
    /// `--strict`, and the deck has warnings.
    #[error("{} (--strict makes these errors)", .0.join("\n  "))]
    Strict(Vec<String>),
    /// A file could not be written or a folder read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Some decks of a batch failed (each was reported already).
    #[error("{0}")]
    Batch(String),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// An I/O error at `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io { path: path.to_owned(), source }
    }

    /// Whether the user's input (file or arguments) caused it: exit code 2, else 1.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Self::Input(_) | Self::Spec(_) | Self::Folder(_) | Self::Usage(_) | Self::Strict(_))
            || matches!(self, Self::Template(e) if e.user)
            || matches!(self, Self::Theme(e) if e.user)
    }
}

/// A deck choice that is not on offer (theme, language, slide); the message lists what is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SpecError(pub String);
