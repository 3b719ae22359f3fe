//! Charts of points and spans (scatter, bubbles, the Gantt), and what is drawn over a chart
//! where its fixed axes put it: quadrant lines and names, a target, today.

use std::fmt::Write as _;

use rust_xlsxwriter::XlsxError;

use super::parts::{
    Axis, Cats, Ser, bar_ser, cats, fill_pr, num_cache, point_labels, points_alpha, points_markers, ser, space,
    space_in, tx, vals,
};
use super::sheet::{Sheet, range};
use super::{Native, PLOT, Style, labelled_area, rgba};
use crate::charts::{Look, Rgb};
use crate::pptx::layout::{Dash, Item, Line, Outline, Rect, Rgba, Run, Shape, Stroke, TextBox};

/// The plot area of a chart placed at `rect`, in page points.
pub(super) fn plot_rect(rect: Rect, (px, py, pw, ph): (f64, f64, f64, f64)) -> Rect {
    Rect { x: rect.x + px * rect.w, y: rect.y + py * rect.h, w: pw * rect.w, h: ph * rect.h }
}

/// A dashed rule over a chart.
pub(super) fn rule(rect: Rect, color: Rgba) -> Item {
    let stroke = Some(Stroke { color, width: 0.75, dash: Some(Dash::Dashed) });
    Item::Shape(Shape { rect, outline: Outline::Line { flip_h: false, flip_v: false }, fill: None, stroke })
}

/// A label's colour and weight.
#[derive(Clone, Copy)]
pub(super) struct Ink {
    color: Rgba,
    bold: bool,
}

/// A one-line label over a chart: starting at `x`, or ending there (`right`).
pub(super) fn label(text: &str, (x, top): (f64, f64), ink: Ink, right: bool, style: &Style<'_>) -> Item {
    let size = 8.0;
    // Placed by the chart module's estimate of the text's width; the text is not wrapped, so
    // a wider font only runs a little past its box.
    let width = crate::charts::text_width(text, size);
    let x = if right { x - width } else { x };
    let run = Run {
        text: text.to_owned(),
        font: style.font.to_owned(),
        size,
        bold: ink.bold,
        italic: false,
        color: ink.color,
    };
    let line =
        Line { x, baseline: top + 0.97 * size, width, ascent: 0.97 * size, descent: 0.24 * size, runs: vec![run] };
    Item::Text(TextBox { rect: Rect { x, y: top, w: width, h: 1.21 * size }, lines: vec![line] })
}

pub(super) fn scatter(
    points: &[crate::charts::Point],
    look: &Look,
    rect: Rect,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let Look::Scatter { colors, quadrants, labelled, prominent, split, x_range, y_range, log_x, titles } = look else {
        unreachable!("called for scatter looks only")
    };
    let (x_range, y_range, log_x) = (*x_range, *y_range, *log_x);
    let bubbles = points.iter().any(|p| p.size.is_some());
    // A marker takes its series' colour in every viewer (LibreOffice ignores a point's own):
    // a scatter's points go by colour, a series each, named for the quadrant most are in.
    let order = if bubbles { (0..points.len()).collect() } else { by_colour(colors) };
    let points: Vec<crate::charts::Point> = order.iter().map(|&i| points[i].clone()).collect();
    let colors: Vec<Rgb> = order.iter().map(|&i| colors[i]).collect();
    let labelled: Vec<bool> = order.iter().map(|&i| labelled[i]).collect();
    let prominent: Vec<bool> = order.iter().map(|&i| prominent[i]).collect();
    let quadrant = |p: &crate::charts::Point| {
        let (top, right) = (p.y >= split.1, p.x >= split.0);
        quadrants[usize::from(!top) * 2 + usize::from(right)].clone()
    };
    let mut sheet = Sheet::new(style)?;
    let heads = ["Label", titles.0.as_str(), titles.1.as_str(), if bubbles { "Size" } else { "Group" }];
    for (c, h) in heads.iter().enumerate() {
        sheet.str(0, c, h)?;
    }
    let xs: Vec<Option<f64>> = points.iter().map(|p| Some(p.x)).collect();
    let ys: Vec<Option<f64>> = points.iter().map(|p| Some(p.y)).collect();
    let sizes: Vec<Option<f64>> = points.iter().map(|p| Some(p.size.unwrap_or(1.0).max(0.0))).collect();
    for (i, p) in points.iter().enumerate() {
        sheet.str(i + 1, 0, &p.label)?;
        sheet.num(i + 1, 1, Some(p.x))?;
        sheet.num(i + 1, 2, Some(p.y))?;
        if bubbles {
            sheet.num(i + 1, 3, sizes[i])?;
        }
    }
    let n = points.len().max(1);
    let groups = runs(&colors);
    if !bubbles {
        for &(a, b) in &groups {
            let name = most_common(points[a..b].iter().map(&quadrant).collect());
            for i in a..b {
                sheet.str(i + 1, 3, &name)?;
            }
        }
    }
    // Many points: as on the slide, the best-placed are bubbles of their size and the rest
    // small dots; the sheet says which (column F) and derives the size shown (column E).
    let dense = prominent.iter().any(|p| !p);
    let mut shown = sizes.clone();
    if bubbles && dense {
        let dot = sizes.iter().flatten().fold(f64::INFINITY, |m, v| m.min(*v)).max(0.0) / 100.0;
        sheet.str(0, 4, "Bubble shown")?;
        sheet.str(0, 5, "Named")?;
        for (i, big) in prominent.iter().enumerate() {
            let r = i + 2;
            shown[i] = Some(if *big { sizes[i].unwrap_or(0.0) } else { dot });
            sheet.ws().write_boolean((i + 1) as u32, 5, *big)?;
            let formula = format!("=IF(F{r},D{r},MIN($D$2:$D${})/100)", n + 1);
            sheet.formula(i + 1, 4, formula, shown[i].unwrap_or(0.0))?;
        }
    }
    let s = Ser {
        name: "Accounts",
        name_cell: "Sheet1!$A$1".to_owned(),
        cats: Cats::Numbers(xs, range(1, 1, n)),
        values: &ys,
        values_ref: range(2, 1, n),
        format: "General",
    };
    let mut plot = String::new();
    if bubbles {
        plot.push_str("<c:bubbleChart><c:varyColors val=\"0\"/>");
    } else {
        plot.push_str("<c:scatterChart><c:scatterStyle val=\"lineMarker\"/><c:varyColors val=\"0\"/>");
    }
    if bubbles {
        plot.push_str("<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>");
        tx(&mut plot, &s);
        fill_pr(&mut plot, colors.first().copied().map(rgba));
        plot.push_str("<c:invertIfNegative val=\"0\"/>");
        points_alpha(&mut plot, &colors);
        // The points the slide names are named here too.
        point_labels(&mut plot, &points, &labelled, style);
        cats(&mut plot, &s, "xVal");
        vals(&mut plot, &s, "yVal");
    } else {
        for (g, &(a, b)) in groups.iter().enumerate() {
            let name = most_common(points[a..b].iter().map(&quadrant).collect());
            let part = Ser {
                name: &name,
                name_cell: format!("Sheet1!$D${}", a + 2),
                cats: Cats::Numbers(points[a..b].iter().map(|p| Some(p.x)).collect(), range(1, a + 1, b)),
                values: &ys[a..b],
                values_ref: range(2, a + 1, b),
                format: "General",
            };
            let _ = write!(plot, "<c:ser><c:idx val=\"{g}\"/><c:order val=\"{g}\"/>");
            tx(&mut plot, &part);
            plot.push_str("<c:spPr><a:ln w=\"19050\"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"7\"/>");
            fill_pr(&mut plot, Some(rgba(colors[a])));
            plot.push_str("</c:marker>");
            points_markers(&mut plot, &colors[a..b], &prominent[a..b]);
            point_labels(&mut plot, &points[a..b], &labelled[a..b], style);
            cats(&mut plot, &part, "xVal");
            vals(&mut plot, &part, "yVal");
            plot.push_str("<c:smooth val=\"0\"/></c:ser>");
        }
    }
    if bubbles {
        let _ = write!(plot, "<c:bubbleSize><c:numRef><c:f>{}</c:f>", range(if dense { 4 } else { 3 }, 1, n));
        num_cache(&mut plot, &shown, "General");
        plot.push_str("</c:numRef></c:bubbleSize><c:bubble3D val=\"0\"/></c:ser><c:bubbleScale val=\"40\"/><c:showNegBubbles val=\"0\"/>");
    }
    plot.push_str("<c:axId val=\"1\"/><c:axId val=\"2\"/>");
    plot.push_str(if bubbles { "</c:bubbleChart>" } else { "</c:scatterChart>" });
    // A log axis's labels run over decades: formatted for its smallest.
    let x_scale = if log_x { x_range.0.abs() } else { x_range.1.abs() };
    let x_format = if x_range.1.abs() >= 1e4 { style.money_axis(x_scale) } else { "General".to_owned() };
    let y_format = if y_range.1 <= 1.5 && y_range.0 >= -1.5 { "0%" } else { "General" };
    let x_axis = Axis {
        min: Some(x_range.0),
        max: Some(x_range.1),
        log: log_x,
        grid: false,
        title: Some(&titles.0),
        // Each axis along the plot's edge, as on the slide (not through a zero inside it).
        crosses: "min",
        ..Axis::val(1, 2, "b", &x_format)
    };
    x_axis.xml(&mut plot, style);
    let y_axis = Axis {
        min: Some(y_range.0),
        max: Some(y_range.1),
        grid: false,
        title: Some(&titles.1),
        crosses: "min",
        ..Axis::val(2, 1, "l", y_format)
    };
    y_axis.xml(&mut plot, style);
    // The quadrant split as two lines over the plot area (a chart cannot mix bubbles and
    // lines), where the manual layout puts the axes, and the quadrants' names in its corners.
    let area = plot_rect(rect, PLOT);
    let fx = |v: f64| {
        if log_x && v > 0.0 && x_range.0 > 0.0 {
            (v.ln() - x_range.0.ln()) / (x_range.1.ln() - x_range.0.ln())
        } else {
            (v - x_range.0) / (x_range.1 - x_range.0)
        }
    };
    let fy = |v: f64| (v - y_range.0) / (y_range.1 - y_range.0);
    let mut overlay = Vec::new();
    let (sx, sy) = (fx(split.0), fy(split.1));
    if sx.is_finite() && (0.0..=1.0).contains(&sx) {
        overlay.push(rule(Rect { x: area.x + sx * area.w, y: area.y, w: 0.0, h: area.h }, style.subtle));
    }
    if sy.is_finite() && (0.0..=1.0).contains(&sy) {
        overlay.push(rule(Rect { x: area.x, y: area.y + (1.0 - sy) * area.h, w: area.w, h: 0.0 }, style.subtle));
    }
    let (left, right) = (area.x + 4.0, area.x + area.w - 4.0);
    let (top, bottom) = (area.y + 2.0, area.y + area.h - 12.0);
    let spots = [(left, top, false), (right, top, true), (left, bottom, false), (right, bottom, true)];
    for (name, (x, y, end)) in quadrants.iter().zip(spots) {
        if !name.is_empty() {
            overlay.push(label(&name.to_uppercase(), (x, y), Ink { color: style.subtle, bold: true }, end, style));
        }
    }
    Ok(Native { xml: space(&plot, false, style), workbook: sheet.finish()?, overlay })
}

/// Excel's serial day of a day counted from 1970-01-01.
/// Point indices grouped by colour, the groups in order of their first point.
fn by_colour(colors: &[Rgb]) -> Vec<usize> {
    let mut firsts: Vec<Rgb> = Vec::new();
    for c in colors {
        if !firsts.contains(c) {
            firsts.push(*c);
        }
    }
    firsts.iter().flat_map(|f| (0..colors.len()).filter(move |&i| colors[i] == *f)).collect()
}

/// The runs of equal colours, as index ranges.
fn runs(colors: &[Rgb]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, c) in colors.iter().enumerate() {
        match out.last_mut() {
            Some((a, b)) if colors[*a] == *c => *b = i + 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

/// The most frequent of `names` (the first in sorted order among equals).
fn most_common(mut names: Vec<String>) -> String {
    names.sort();
    let count = |n: &String| names.iter().filter(|m| *m == n).count();
    names.iter().max_by_key(|n| (count(n), std::cmp::Reverse((*n).clone()))).cloned().unwrap_or_default()
}

/// Points right of a Gantt's last bar kept for its owner's name (as the slide keeps).
const OWNER: f64 = 70.0;

pub(super) fn serial(day: i64) -> f64 {
    (day + 25_569) as f64
}

/// A Gantt chart as horizontal stacked bars: an invisible bar to each start, then the span
/// (its length a formula of start and end).
pub(super) fn gantt(
    spans: &[crate::charts::Span],
    colors: &[Rgb],
    today: Option<&(i64, String)>,
    rect: Rect,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let mut sheet = Sheet::new(style)?;
    for (c, h) in ["Milestone", "Start", "Days", "End", "Owner"].iter().enumerate() {
        sheet.str(0, c, h)?;
    }
    let labels: Vec<String> = spans.iter().map(|s| s.label.clone()).collect();
    let layout = labelled_area(&labels, rect);
    let starts: Vec<Option<f64>> = spans.iter().map(|s| Some(serial(s.start))).collect();
    let days: Vec<Option<f64>> = spans.iter().map(|s| Some((s.end - s.start + 1) as f64)).collect();
    for (i, s) in spans.iter().enumerate() {
        let r = i + 2;
        sheet.str(i + 1, 0, &s.label)?;
        sheet.num(i + 1, 1, starts[i])?;
        sheet.formula(i + 1, 2, format!("=D{r}-B{r}+1"), days[i].unwrap_or(0.0))?;
        sheet.num(i + 1, 3, Some(serial(s.end)))?;
        sheet.str(i + 1, 4, &s.owner)?;
    }
    sheet.format(1, "yyyy-mm-dd")?;
    sheet.format(3, "yyyy-mm-dd")?;
    let lo = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let hi = spans.iter().map(|s| s.end + 1).max().unwrap_or(lo + 1);
    let mut plot =
        String::from("<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>");
    bar_ser(&mut plot, 0, &ser("Start", 1, &labels, &starts, "yyyy-mm-dd"), None, &[], None);
    let days_ser = ser("Days", 2, &labels, &days, "General");
    bar_ser(&mut plot, 1, &days_ser, colors.first().copied().map(rgba), colors, None);
    plot.push_str(
        "<c:gapWidth val=\"50\"/><c:overlap val=\"100\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>",
    );
    // As on the slide, room right of the last bar for its owner's name: the date axis runs on
    // by as many days as 70 points hold.
    let area = plot_rect(rect, layout);
    let span = (hi - lo).max(1);
    let end = hi + (span as f64 * OWNER / (area.w - OWNER).max(1.0)).ceil() as i64;
    Axis { reverse: true, ..Axis::cat(1, 2, "l") }.xml(&mut plot, style);
    Axis { min: Some(serial(lo)), max: Some(serial(end)), ..Axis::val(2, 1, "b", "mmm yy") }.xml(&mut plot, style);
    // Today's line and each bar's owner, where the fixed date axis and rows put them.
    let x_of = |day: i64| area.x + (day - lo) as f64 / (end - lo).max(1) as f64 * area.w;
    let mut overlay = Vec::new();
    if let Some((day, name)) = today.filter(|(d, _)| (lo..=hi).contains(d)) {
        let x = x_of(*day);
        overlay.push(rule(Rect { x, y: area.y, w: 0.0, h: area.h }, style.accent));
        overlay.push(label(name, (x + 3.0, area.y + 2.0), Ink { color: style.accent, bold: true }, false, style));
    }
    let row = area.h / spans.len().max(1) as f64;
    for (i, s) in spans.iter().enumerate().filter(|(_, s)| !s.owner.is_empty()) {
        let y = area.y + row * (i as f64 + 0.5) - 5.0;
        // Regular, as the slide writes owners (the quadrants and today are bold).
        let ink = Ink { color: style.subtle, bold: false };
        overlay.push(label(&s.owner, (x_of(s.end + 1) + 3.0, y), ink, false, style));
    }
    Ok(Native { xml: space_in(&plot, false, style, layout), workbook: sheet.finish()?, overlay })
}
