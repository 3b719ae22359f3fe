//! kamdeck's integration tests: one binary (each extra one links typst again).
//!
//! `cli` runs the real executable the way a user does; the other modules drive the
//! library and read back what a user would see: page text, page counts, bytes.

mod architecture;
mod branding;
mod cli;
mod deck;
mod escaping;
mod excel;
mod hostile;
mod hostile_book;
mod languages;
mod plan;
mod pptx;
mod recalc;
mod sandbox;
mod scale;
mod schema;
mod spec;
mod support;
mod theme;
mod workbook;
