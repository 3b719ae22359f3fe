//! kamdeck turns a key-account portfolio (YAML) into the decks key account managers
//! present: the quarterly KAM review as a 16:9 PDF.
//!
//! The pipeline, one module per stage:
//! `input` (YAML → `model::Portfolio`, validated) → `figures` (pure analyses) →
//! `slides` (one module per slide kind: context, charts via `charts`) → `render`
//! (minijinja templates → Typst source) → `typeset` (in-process Typst → PDF).
//! `deck::Engine` ties them together; `cli` is the command line.

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
pub mod render;
pub mod slides;
pub mod theme;
pub mod typeset;
pub mod workbook;

pub use deck::{Engine, EngineOptions, Rendered};
pub use error::Error;
