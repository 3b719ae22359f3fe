//! Native PowerPoint charts (`c:chartSpace`) with their data in an embedded workbook.
//!
//! Each chart is built from the slide's typed `ChartData` and `Look`, never read back from
//! the SVG. Its workbook ("Edit Data" in PowerPoint) holds exactly the numbers shown, with
//! formulas where a figure derives from others (a Pareto's cumulative share, a Gantt bar's
//! length, a waterfall's floating bars), and the chart part caches the same values so it
//! shows without recalculation. A chart's plot area is placed by hand (a manual layout):
//! its axes then lie where the quadrant lines drawn over a scatter chart expect them.

mod category;
mod parts;
mod points;
mod sheet;

use rust_xlsxwriter::XlsxError;

use self::parts::space;
use self::sheet::Sheet;
use super::layout::{Item, Rect, Rgba};
use crate::charts::{ChartData, Look, Rgb};

/// A chart part and what goes with it.
pub(super) struct Native {
    /// `ppt/charts/chartN.xml`.
    pub xml: String,
    /// Its embedded workbook.
    pub workbook: Vec<u8>,
    /// What is drawn over the chart where its axes put it (a scatter's quadrant split and
    /// names, a target or today's line), in page points.
    pub overlay: Vec<Item>,
}

/// What every chart of a deck shares: the theme's text and rule colours and font.
pub(super) struct Style<'a> {
    pub font: &'a str,
    pub text: Rgba,
    pub subtle: Rgba,
    pub light: Rgba,
    pub accent: Rgba,
    pub lang: &'a str,
    /// The workbook's creation date (the report date): the same deck, the same bytes.
    pub date: (i32, u8, u8),
    /// The portfolio's currency symbol, for money axes.
    pub money: String,
}

impl Style<'_> {
    /// A money axis's number format, compact as the slides write amounts ($2.4M, $890K).
    fn money_axis(&self, max: f64) -> String {
        let s = self.money.replace('"', "");
        if max >= 1e9 {
            format!("\"{s}\"#,##0.0,,,\"B\"")
        } else if max >= 1e6 {
            format!("\"{s}\"#,##0.0,,\"M\"")
        } else if max >= 1e4 {
            format!("\"{s}\"#,##0,\"K\"")
        } else {
            format!("\"{s}\"#,##0")
        }
    }
}

impl Style<'_> {
    /// A bar's value label: compact like the axis, empty for a zero (a segment not there).
    fn money_label(&self, max: f64) -> String {
        let axis = self.money_axis(max);
        format!("{axis};-{axis};;")
    }
}

/// The largest value of some series (0 when there is none).
fn largest<'a>(values: impl IntoIterator<Item = &'a Option<f64>>) -> f64 {
    values.into_iter().flatten().copied().filter(|v| v.is_finite()).fold(0.0, f64::max)
}

/// The plot area inside the chart frame, as fractions of it.
pub(super) const PLOT: (f64, f64, f64, f64) = plot_area(0.1);

/// The plot area with `left` of the frame kept for the axis's labels.
pub(super) const fn plot_area(left: f64) -> (f64, f64, f64, f64) {
    (left, 0.08, 0.96 - left, 0.78)
}

/// The plot area of a chart whose categories are written left of it (horizontal bars): room
/// for the longest label, within a tenth and two fifths of the frame.
pub(super) fn labelled_area(labels: &[String], rect: Rect) -> (f64, f64, f64, f64) {
    let widest = labels.iter().map(|l| crate::charts::text_width(l, 9.0)).fold(0.0, f64::max);
    plot_area(((widest + 12.0) / rect.w.max(1.0)).clamp(0.1, 0.4))
}

pub(super) fn rgba(c: Rgb) -> Rgba {
    Rgba([c[0], c[1], c[2], 255])
}

/// The native chart of `data` drawn as `look`, placed at `rect` on the page.
pub(super) fn native(data: &ChartData, look: &Look, rect: Rect, style: &Style<'_>) -> Result<Native, XlsxError> {
    match (data, look) {
        (ChartData::Series { categories, series }, Look::Columns { colors, line, cut }) => {
            category::columns(categories, series, colors, *line, *cut, style)
        }
        (ChartData::Series { categories, series }, Look::Stacked { colors }) => {
            category::stacked(categories, series, colors, style)
        }
        (ChartData::Series { categories, series }, Look::Bars { colors, max, target }) => {
            category::bars(categories, series, colors, *max, *target, rect, style)
        }
        (ChartData::Series { categories, series }, Look::Lines { colors, top }) => {
            category::lines(categories, series, colors, *top, style)
        }
        (ChartData::Series { categories, series }, Look::Curve { color, cut }) => {
            category::curve(categories, series, *color, *cut, style)
        }
        (ChartData::Series { categories, series }, Look::Waterfall { totals, colors }) => {
            category::waterfall(categories, series, totals, colors, style)
        }
        (ChartData::Points(points), look @ Look::Scatter { .. }) => points::scatter(points, look, rect, style),
        (ChartData::Spans(spans), Look::Gantt { colors, today }) => {
            points::gantt(spans, colors, today.as_ref(), rect, style)
        }
        // A look that does not fit its data cannot come from the chart functions; an empty
        // chart says so rather than failing the deck.
        _ => {
            let sheet = Sheet::new(style)?;
            Ok(Native { xml: space("", false, style), workbook: sheet.finish()?, overlay: Vec::new() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sheet::{col, range};
    use super::*;

    fn style() -> Style<'static> {
        Style {
            font: "Inter",
            text: Rgba([0, 0, 0, 255]),
            subtle: Rgba([90, 90, 90, 255]),
            light: Rgba([200, 200, 200, 255]),
            accent: Rgba([200, 0, 0, 255]),
            lang: "en",
            date: (2026, 6, 30),
            money: "$".to_owned(),
        }
    }

    #[test]
    fn columns_name_their_cells() {
        assert_eq!(col(0), "A");
        assert_eq!(col(25), "Z");
        assert_eq!(col(26), "AA");
        assert_eq!(range(1, 1, 3), "Sheet1!$B$2:$B$4");
    }

    #[test]
    fn a_pareto_caches_its_shares_and_derives_them_in_its_sheet() {
        let cats = vec!["A".to_owned(), "B".to_owned()];
        let series =
            vec![crate::charts::Series::new("Revenue", [60.0, 20.0]), crate::charts::Series::new("", [0.6, 0.8])];
        let look = Look::Columns { colors: vec![[1, 2, 3], [4, 5, 6]], line: true, cut: Some(0.8) };
        let data = ChartData::Series { categories: cats, series };
        let rect = Rect { x: 0.0, y: 0.0, w: 100.0, h: 100.0 };
        let n = native(&data, &look, rect, &style()).unwrap();
        assert!(n.xml.contains("<c:v>0.6</c:v>") && n.xml.contains("<c:v>60</c:v>"));
        assert!(n.xml.contains("Sheet1!$C$2:$C$3"));
        assert!(n.xml.contains("<c:max val=\"1\"/>"));
        // The workbook is a zip holding the formula.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(n.workbook)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
        assert!(sheet.contains("SUM($B$2:B3)/$F$2"), "{sheet}");
        // The total the shares are of: 80 / 0.8.
        assert!(sheet.contains("<v>100</v>"), "{sheet}");
    }

    #[test]
    fn a_waterfall_floats_its_steps_on_an_invisible_base() {
        let data = ChartData::Series {
            categories: vec!["FY1".into(), "New".into(), "Lost".into(), "FY2".into()],
            series: vec![crate::charts::Series::new("value", [100.0, 30.0, -20.0, 110.0])],
        };
        let look = Look::Waterfall { totals: vec![true, false, false, true], colors: [[0, 0, 0]; 3] };
        let n = native(&data, &look, Rect { x: 0.0, y: 0.0, w: 10.0, h: 10.0 }, &style()).unwrap();
        // Base of the fall: from 130 down to 110.
        let base = n.xml.split("<c:ser>").nth(1).unwrap();
        assert!(base.contains("<c:pt idx=\"2\"><c:v>110</c:v>"), "{base}");
        assert!(base.contains("<c:pt idx=\"1\"><c:v>100</c:v>"), "{base}");
    }
}
