//! A slide as a value: what every writer (PDF, workbook, later PowerPoint) starts from.

use serde_json::Value;

use crate::charts::{ChartData, Drawn, Look};

/// A chart: its drawing, handed to Typst as a virtual file, and what it shows.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Absolute virtual path, e.g. `/charts/pareto.svg`.
    pub path: String,
    /// The SVG.
    pub svg: String,
    /// The numbers and labels drawn.
    pub data: ChartData,
    /// How they are drawn.
    pub look: Look,
}

/// One slide, ready for its writers.
#[derive(Debug, Clone)]
pub struct Slide {
    /// Template under `templates/`.
    pub template: &'static str,
    /// The analysis name above the title (also the PDF bookmark).
    pub kicker: String,
    /// The finding.
    pub title: String,
    /// What the slide shows (tables as rows of formatted cells, captions, chart paths).
    pub data: Value,
    /// Charts referenced by `data`.
    pub charts: Vec<Chart>,
    /// One-line notes about missing data.
    pub notes: Vec<String>,
    /// Listed in the agenda and bookmarks as a section.
    pub outlined: bool,
}

impl Slide {
    /// A slide of template `template` with a kicker and title.
    pub fn new(template: &'static str, kicker: String, title: String, data: Value) -> Self {
        Self { template, kicker, title, data, charts: Vec::new(), notes: Vec::new(), outlined: true }
    }

    /// Adds a chart, returning its path for the data.
    pub fn chart(&mut self, name: &str, drawn: Drawn) -> String {
        let path = format!("/charts/{name}.svg");
        self.charts.push(Chart { path: path.clone(), svg: drawn.svg, data: drawn.data, look: drawn.look });
        path
    }

    /// Adds a note about missing data.
    pub fn note(&mut self, s: String) {
        self.notes.push(s);
    }
}
