//! What a chart shows, as typed values beside its drawing.
//!
//! Every drawing function returns its SVG together with the numbers and labels it drew, so
//! a writer that draws charts of its own (PowerPoint, a comparison with last quarter) never
//! has to read them back out of an SVG.

use super::{Bars, Curve, GanttRow, HBars, LineSeries, Scatter, StackedBars};

/// A drawn chart: the SVG, what it shows and how.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The SVG, in points.
    pub svg: String,
    /// The numbers and labels drawn.
    pub data: ChartData,
    /// How they are drawn: what a writer drawing the chart natively needs beyond the numbers.
    pub look: Look,
}

/// An sRGB colour of a chart.
pub type Rgb = [u8; 3];

pub(super) fn rgb(c: plotters::style::RGBColor) -> Rgb {
    [c.0, c.1, c.2]
}

/// How a chart draws its data.
#[derive(Debug, Clone, PartialEq)]
pub enum Look {
    /// Columns, one colour per column; `line`: the second series is a cumulative share on a
    /// 0–100 % second axis, with the `cut` share marked.
    Columns { colors: Vec<Rgb>, line: bool, cut: Option<f64> },
    /// Stacked columns, one colour per series.
    Stacked { colors: Vec<Rgb> },
    /// Horizontal bars, one colour per bar, on a 0..`max` axis, with an optional target.
    Bars { colors: Vec<Rgb>, max: f64, target: Option<f64> },
    /// Lines over categories on a 0..`top` axis, one colour per series.
    Lines { colors: Vec<Rgb>, top: f64 },
    /// The cumulative share by rank, with the cut.
    Curve { color: Rgb, cut: f64 },
    /// Points (bubbles when sized) in quadrants split at `split`, on these axes; the
    /// quadrants' names (top left, top right, bottom left, bottom right) and which points the
    /// drawing names.
    Scatter {
        colors: Vec<Rgb>,
        quadrants: Box<[String; 4]>,
        labelled: Vec<bool>,
        /// Drawn at full size: every point, or when there are many the best-placed alone
        /// (the rest as small dots).
        prominent: Vec<bool>,
        split: (f64, f64),
        x_range: (f64, f64),
        y_range: (f64, f64),
        log_x: bool,
        titles: (String, String),
    },
    /// Time spans, one colour per span, with today's line (day, label).
    Gantt { colors: Vec<Rgb>, today: Option<(i64, String)> },
    /// A waterfall: which bars are totals, and the colours of totals, rises and falls.
    Waterfall { totals: Vec<bool>, colors: [Rgb; 3] },
}

/// What a chart shows: categories with series, labelled points or time spans.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartData {
    /// Categories with one value per series each (bars, stacked bars, lines, curves).
    Series {
        /// Category labels, in order.
        categories: Vec<String>,
        /// Named series, one value per category (`None` where there is none).
        series: Vec<Series>,
    },
    /// Labelled points (scatter and bubble charts).
    Points(Vec<Point>),
    /// Labelled time spans (Gantt charts), in days since 1970-01-01.
    Spans(Vec<Span>),
}

/// A named series of a category chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series name.
    pub name: String,
    /// One value per category.
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// A series without gaps.
    pub fn new(name: impl Into<String>, values: impl IntoIterator<Item = f64>) -> Self {
        Self { name: name.into(), values: values.into_iter().map(Some).collect() }
    }
}

/// A point of a scatter chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Its label (an account name).
    pub label: String,
    /// Horizontal value.
    pub x: f64,
    /// Vertical value.
    pub y: f64,
    /// Bubble size, when sized.
    pub size: Option<f64>,
}

/// A bar of a Gantt chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// What happens.
    pub label: String,
    /// Who owns it.
    pub owner: String,
    /// First day.
    pub start: i64,
    /// Last day.
    pub end: i64,
}

impl Bars<'_> {
    /// Bars per label, and the cumulative line when there is one.
    pub(super) fn data(&self) -> ChartData {
        let mut series = vec![Series::new(self.caption.clone(), self.values.iter().copied())];
        if let Some(line) = &self.line {
            series.push(Series::new(String::new(), line.iter().copied()));
        }
        ChartData::Series { categories: self.labels.clone(), series }
    }
}

impl StackedBars<'_> {
    pub(super) fn data(&self) -> ChartData {
        let series = self.series.iter().map(|(name, _, v)| Series::new(name.clone(), v.iter().copied())).collect();
        ChartData::Series { categories: self.categories.clone(), series }
    }
}

impl HBars<'_> {
    pub(super) fn data(&self) -> ChartData {
        ChartData::Series {
            categories: self.labels.clone(),
            series: vec![Series::new(String::new(), self.values.iter().copied())],
        }
    }
}

impl Curve<'_> {
    /// The cumulative share after each account, by rank.
    pub(super) fn data(&self) -> ChartData {
        ChartData::Series {
            categories: (1..=self.cumulative.len()).map(|k| k.to_string()).collect(),
            series: vec![Series::new(self.titles.1.clone(), self.cumulative.iter().copied())],
        }
    }
}

impl Scatter<'_> {
    pub(super) fn data(&self) -> ChartData {
        ChartData::Points(
            self.points.iter().map(|p| Point { label: p.label.clone(), x: p.x, y: p.y, size: p.size }).collect(),
        )
    }
}

/// A line chart's categories and series.
pub(super) fn lines(categories: &[String], series: &[LineSeries]) -> ChartData {
    ChartData::Series {
        categories: categories.to_vec(),
        series: series.iter().map(|l| Series { name: l.name.clone(), values: l.values.clone() }).collect(),
    }
}

/// A Gantt chart's spans.
pub(super) fn spans(rows: &[GanttRow]) -> ChartData {
    ChartData::Spans(
        rows.iter()
            .map(|r| Span { label: r.label.clone(), owner: r.owner.clone(), start: r.start, end: r.end })
            .collect(),
    )
}
