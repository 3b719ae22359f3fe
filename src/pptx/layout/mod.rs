//! What Typst's layout decided, read from the laid-out pages: where every block went.
//!
//! The PowerPoint deck is laid out exactly as the PDF because it is read from the same
//! frames. A walk over each page's frame tree (accumulating each group's transform) turns
//! what it finds into plain values: tables and text blocks the theme marked (a group with a
//! `pptx-…` label; a table's first element is the metadata saying what it shows), charts
//! (an SVG image whose bytes are one of the deck's charts), pictures, shapes and the
//! remaining lines of text. Nothing here knows PowerPoint; `drawing` turns these into XML.

mod map;
mod table;
mod text;
mod walk;

use std::collections::HashMap;

pub use self::walk::pages;

/// A rectangle on the page, in points from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// An sRGB colour with its opacity (0–255).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// `RRGGBB`.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0[0], self.0[1], self.0[2])
    }
}

/// One laid-out page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The page's fill.
    pub fill: Option<Rgba>,
    /// Index of the deck slide this page shows (a slide may take more than one page).
    pub slide: usize,
    /// What is on it, back to front.
    pub items: Vec<Item>,
}

/// Something placed on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// Lines of text in one box.
    Text(TextBox),
    /// A table the theme marked.
    Table(Table),
    /// One of the deck's charts: (slide, chart) indices into the deck.
    Chart { rect: Rect, slide: usize, chart: usize },
    /// A picture (a logo).
    Picture { rect: Rect, data: Vec<u8>, ext: &'static str, alt: String },
    /// A rectangle, line or curve.
    Shape(Shape),
}

impl Item {
    /// Where it lies on the page.
    pub fn rect(&self) -> Rect {
        match self {
            Self::Text(t) => t.rect,
            Self::Table(t) => t.rect,
            Self::Chart { rect, .. } | Self::Picture { rect, .. } => *rect,
            Self::Shape(s) => s.rect,
        }
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Font family.
    pub font: String,
    /// Size in points.
    pub size: f64,
    /// Semibold or heavier.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Colour.
    pub color: Rgba,
}

/// A line of text: its runs, where it starts and its baseline.
#[derive(Debug, Clone)]
pub struct Line {
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub baseline: f64,
    /// Width.
    pub width: f64,
    /// Largest ascent and descent of its runs.
    pub ascent: f64,
    /// Descent (positive).
    pub descent: f64,
    /// The runs, left to right.
    pub runs: Vec<Run>,
}

/// Lines set as one block of text.
#[derive(Debug, Clone)]
pub struct TextBox {
    /// The block's rectangle.
    pub rect: Rect,
    /// Its lines, top to bottom.
    pub lines: Vec<Line>,
}

/// A table as the theme's `data-table` or `column-table` showed it.
#[derive(Debug, Clone)]
pub struct Table {
    /// The table's rectangle.
    pub rect: Rect,
    /// Header cells.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Vec<String>>,
    /// Alignment per column (`left`, `right`, `center`).
    pub aligns: Vec<String>,
    /// A tint (colour name of the theme) per body row.
    pub tints: Vec<Option<String>>,
    /// Column widths as laid out, in points.
    pub widths: Vec<f64>,
    /// Top of each row (the header first) and the table's bottom, from the table's top.
    pub rows_y: Vec<f64>,
    /// Body text size.
    pub size: f64,
    /// Header text size.
    pub head: f64,
    /// The last row is a total, set in bold.
    pub strong_last: bool,
    /// The cells' font family.
    pub font: String,
    /// The header's font family and bold flag (a semibold face has a family of its own).
    pub head_font: (String, bool),
    /// Space between a cell's edge and its text, left and right.
    pub inset: f64,
    /// Space between columns (a PowerPoint table has none: it goes into the cells' margins).
    pub gutter: f64,
    /// A rule under every body row (a data table; a long column list has none).
    pub rules: bool,
}

/// A stroke.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub color: Rgba,
    /// Thickness in points.
    pub width: f64,
    /// Dotted or dashed.
    pub dash: Option<Dash>,
}

/// How a stroke is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// Round dots.
    Dotted,
    /// Dashes.
    Dashed,
}

/// A segment of a curve, in points relative to the shape's rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    /// Start a subpath.
    Move(f64, f64),
    /// A straight line.
    Line(f64, f64),
    /// A cubic Bézier.
    Cubic([f64; 6]),
    /// Close the subpath.
    Close,
}

/// A shape's outline.
#[derive(Debug, Clone, PartialEq)]
pub enum Outline {
    /// The whole rectangle.
    Rect,
    /// A straight line between two corners of the rectangle (`flip_h`: from top-right to
    /// bottom-left; `flip_v`: from bottom-left to top-right).
    Line { flip_h: bool, flip_v: bool },
    /// A path.
    Path(Vec<Seg>),
}

/// A shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Its bounding rectangle.
    pub rect: Rect,
    /// Its outline.
    pub outline: Outline,
    /// Fill.
    pub fill: Option<Rgba>,
    /// Stroke.
    pub stroke: Option<Stroke>,
}

/// The charts of a deck by their SVG, to know them among a page's images.
pub type ChartIndex<'a> = HashMap<&'a [u8], (usize, usize)>;
