//! kamdeck turns a key-account portfolio (YAML or Excel) into the decks key account managers
//! present: the quarterly KAM review and account plans, each as a 16:9 PDF and a workbook.
//!
//! The pipeline, one module per stage:
//! `input` (YAML, Excel → `model::Portfolio`, validated) → `figures` (pure analyses) →
//! `slides` (one module per slide kind: title, data, charts via `charts`, its sheet) →
//! writers: `render` (minijinja → Typst source) + `typeset` (in-process Typst → PDF), and
//! `workbook` (XLSX), and `pptx` (PowerPoint, from the PDF's own layout). `deck::Engine` runs them for a checked `deck::DeckSpec`; `cli` is the
//! command line.

pub mod assets;
pub mod batch;
pub mod charts;
pub mod cli;
pub mod deck;
pub mod error;
pub mod figures;
pub mod generate;
pub mod i18n;
pub mod input;
pub mod model;
pub mod output;
pub mod pptx;
pub mod render;
pub mod slides;
pub mod theme;
pub mod typeset;
pub mod workbook;

pub use deck::{DeckKind, DeckSpec, Engine, Rendered, SpecRequest};
pub use error::Error;
