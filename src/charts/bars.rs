//! Bar charts: Pareto bars with a cumulative line, stacked bars, horizontal bars.

use plotters::style::RGBColor;

use super::data::{Look, rgb};
use super::{Align, ChartError, ChartStyle, Drawn, Ink, Painter, draw, nice_ticks, text_width, truncate};

/// Bars with an optional cumulative line on a 0–100 % secondary axis (Pareto).
pub struct Bars<'a> {
    /// Category labels.
    pub labels: Vec<String>,
    /// Bar values.
    pub values: Vec<f64>,
    /// Bars drawn in the primary colour (the rest muted).
    pub highlight: Vec<bool>,
    /// Cumulative share per bar (0..1), drawn as a line on the right axis.
    pub line: Option<Vec<f64>>,
    /// Reference line on the right axis, with its label.
    pub cut: Option<(f64, String)>,
    /// Formats left-axis values.
    pub fmt: &'a dyn Fn(f64) -> String,
    /// Formats right-axis shares.
    pub pct: &'a dyn Fn(f64) -> String,
    /// Caption under numbered bars ("Accounts ranked by revenue").
    pub caption: String,
}

/// Room for a value axis: the widest tick label plus a gap.
fn axis_room(ticks: &[f64], fmt: &dyn Fn(f64) -> String, size: f64) -> f64 {
    ticks.iter().map(|t| text_width(&fmt(*t), size)).fold(0.0, f64::max) + 12.0
}

fn value_axis(
    p: &Painter<'_, '_>,
    ticks: &[f64],
    fmt: &dyn Fn(f64) -> String,
    (x0, x1): (f64, f64),
    y: &dyn Fn(f64) -> f64,
) {
    let s = p.style;
    for &t in ticks {
        let yy = y(t);
        p.line(&[(x0, yy), (x1, yy)], if t == 0.0 { s.subtle } else { s.light }, 1);
        p.text(&fmt(t), (x0 - 6.0, yy), Ink { size: s.label, color: s.subtle, bold: false }, Align::Right);
    }
}

/// Characters of a label that fit in `width` points.
pub(super) fn chars_in(width: f64, size: f64) -> usize {
    (width / (size * 0.6)).floor().max(0.0) as usize
}

/// Category labels under bars: the names when at least a recognisable part of each fits
/// (`true`), otherwise nothing (`false`, the caller numbers the bars instead).
fn category_labels(p: &Painter<'_, '_>, labels: &[String], xs: &[f64], slot: f64, y: f64) -> bool {
    let s = p.style;
    let fit = chars_in(slot - 4.0, s.label);
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    if fit < longest.min(7) {
        return false;
    }
    for (l, x) in labels.iter().zip(xs) {
        p.text(&truncate(l, fit), (*x, y + 9.0), Ink { size: s.label, color: s.text, bold: false }, Align::Center);
    }
    true
}

/// Rank numbers under the bars (1, then every `step`-th), when names do not fit.
fn rank_labels(p: &Painter<'_, '_>, xs: &[f64], slot: f64, y: f64) {
    let s = p.style;
    let room = text_width("000", s.label) + 4.0;
    let every = (room / slot).ceil().max(1.0) as usize;
    let step = [1, 2, 5, 10, 20, 50, 100].into_iter().find(|k| *k >= every).unwrap_or(every);
    for (i, x) in xs.iter().enumerate() {
        let rank = i + 1;
        if rank == 1 || rank % step == 0 {
            p.text(
                &rank.to_string(),
                (*x, y + 9.0),
                Ink { size: s.label, color: s.subtle, bold: false },
                Align::Center,
            );
        }
    }
}

/// The Pareto chart (or any bars with a cumulative line).
pub fn bars_with_line(b: &Bars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let colors = (0..b.values.len())
        .map(|i| rgb(if b.highlight.get(i).copied().unwrap_or(false) { style.primary } else { style.muted }))
        .collect();
    let look = Look::Columns { colors, line: b.line.is_some(), cut: b.cut.as_ref().map(|c| c.0) };
    Ok(Drawn { svg: bars_with_line_svg(b, w, h, style)?, data: b.data(), look })
}

fn bars_with_line_svg(b: &Bars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    draw(w, h, style, |p| {
        let s = p.style;
        let max = b.values.iter().copied().fold(0.0, f64::max);
        let ticks = nice_ticks(max, 4);
        let top = *ticks.last().unwrap_or(&1.0);
        let n = b.values.len().max(1) as f64;
        let left = axis_room(&ticks, b.fmt, s.label);
        let right = if b.line.is_some() { axis_room(&[1.0], b.pct, s.label) } else { 8.0 };
        let slot = (w - left - right) / n;
        let (x0, x1, y0, y1) = (left, w - right, 14.0, h - 36.0);
        let y = |v: f64| y1 - (v / top) * (y1 - y0);
        let yp = |v: f64| y1 - v * (y1 - y0);
        value_axis(p, &ticks, b.fmt, (x0, x1), &y);
        let xs: Vec<f64> = (0..b.values.len())
            .map(|i| {
                let i = i as f64;
                x0 + slot * (i + 0.5)
            })
            .collect();
        let bar = (slot * 0.72).max(1.0);
        for (i, v) in b.values.iter().enumerate() {
            let color = if b.highlight.get(i).copied().unwrap_or(false) { s.primary } else { s.muted };
            p.rect(xs[i] - bar / 2.0, y(*v), xs[i] + bar / 2.0, y1, color);
        }
        if !category_labels(p, &b.labels, &xs, slot, y1) {
            rank_labels(p, &xs, slot, y1);
            p.text(
                &b.caption,
                ((x0 + x1) / 2.0, y1 + 25.0),
                Ink { size: s.label, color: s.subtle, bold: false },
                Align::Center,
            );
        }
        if let Some(line) = &b.line {
            for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
                p.text(
                    &(b.pct)(t),
                    (x1 + 6.0, yp(t)),
                    Ink { size: s.label, color: s.subtle, bold: false },
                    Align::Left,
                );
            }
            if let Some((cut, label)) = &b.cut {
                // Right end: the tail's bars are short there, the label stays clear of them.
                p.dashed(&[(x0, yp(*cut)), (x1, yp(*cut))], s.accent, 1);
                p.text(
                    label,
                    (x1 - 4.0, yp(*cut) + 9.0),
                    Ink { size: s.label, color: s.accent, bold: true },
                    Align::Right,
                );
            }
            let pts: Vec<(f64, f64)> = xs.iter().zip(line).map(|(x, v)| (*x, yp(*v))).collect();
            p.line(&pts, s.text, 2);
            if slot >= 8.0 {
                for (x, yy) in &pts {
                    p.circle(*x, *yy, 2.5, s.text, 1.0, None);
                }
            }
        }
    })
}

/// Stacked bars: one bar per category, one segment per series, total on top.
pub struct StackedBars<'a> {
    /// Category labels (periods, years).
    pub categories: Vec<String>,
    /// Series: name, colour and one value per category.
    pub series: Vec<(String, RGBColor, Vec<f64>)>,
    /// Formats values.
    pub fmt: &'a dyn Fn(f64) -> String,
}

/// A stacked bar chart with a legend row and totals.
pub fn stacked_bars(b: &StackedBars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let look = Look::Stacked { colors: b.series.iter().map(|(_, c, _)| rgb(*c)).collect() };
    Ok(Drawn { svg: stacked_bars_svg(b, w, h, style)?, data: b.data(), look })
}

fn stacked_bars_svg(b: &StackedBars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    draw(w, h, style, |p| {
        let s = p.style;
        let n = b.categories.len();
        let totals: Vec<f64> =
            (0..n).map(|i| b.series.iter().map(|(_, _, v)| v.get(i).copied().unwrap_or(0.0)).sum()).collect();
        let ticks = nice_ticks(totals.iter().copied().fold(0.0, f64::max), 4);
        let top = *ticks.last().unwrap_or(&1.0);
        let left = axis_room(&ticks, b.fmt, s.label);
        let (x0, x1, y0, y1) = (left, w - 6.0, 34.0, h - 22.0);
        let y = |v: f64| y1 - (v / top) * (y1 - y0);
        value_axis(p, &ticks, b.fmt, (x0, x1), &y);
        // Legend row above the plot, in stacking order (a single series needs none).
        let mut lx = x0;
        for (name, color, _) in b.series.iter().filter(|_| b.series.len() > 1) {
            p.rect(lx, 6.0, lx + 9.0, 15.0, *color);
            p.text(name, (lx + 13.0, 10.5), Ink { size: s.label, color: s.text, bold: false }, Align::Left);
            lx += 13.0 + text_width(name, s.label) + 14.0;
        }
        let slot = (x1 - x0) / n.max(1) as f64;
        let bar = (slot * 0.6).min(90.0);
        for (i, total) in totals.iter().enumerate() {
            let cx = x0 + slot * (i as f64 + 0.5);
            let mut base = 0.0;
            for (_, color, values) in &b.series {
                let v = values.get(i).copied().unwrap_or(0.0);
                if v > 0.0 {
                    p.rect(cx - bar / 2.0, y(base + v), cx + bar / 2.0, y(base), *color);
                    let label = (b.fmt)(v);
                    let room = y(base) - y(base + v) >= s.label + 4.0 && text_width(&label, s.label) <= bar - 4.0;
                    if b.series.len() > 1 && room {
                        p.text(
                            &label,
                            (cx, (y(base) + y(base + v)) / 2.0),
                            Ink { size: s.label, color: contrast(*color), bold: false },
                            Align::Center,
                        );
                    }
                }
                base += v;
            }
            p.text(
                &(b.fmt)(*total),
                (cx, y(*total) - 8.0),
                Ink { size: s.label, color: s.text, bold: true },
                Align::Center,
            );
        }
        let xs: Vec<f64> = (0..n)
            .map(|i| {
                let i = i as f64;
                x0 + slot * (i + 0.5)
            })
            .collect();
        if !category_labels(p, &b.categories, &xs, slot, y1) {
            rank_labels(p, &xs, slot, y1);
        }
    })
}

/// White on dark fills, dark text on light ones.
pub(super) fn contrast(c: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = c;
    let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luma < 150.0 { RGBColor(255, 255, 255) } else { RGBColor(31, 41, 51) }
}

/// Horizontal bars with the value at the end and an optional target line.
pub struct HBars<'a> {
    /// Row labels.
    pub labels: Vec<String>,
    /// One value per row.
    pub values: Vec<f64>,
    /// The value of a full-width bar.
    pub max: f64,
    /// A target line and its label; bars below it are drawn in the "watch" colour.
    pub target: Option<(f64, String)>,
    /// Formats the values.
    pub fmt: &'a dyn Fn(f64) -> String,
}

/// Draws horizontal bars (satisfaction, MRR per member).
pub fn hbars(b: &HBars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let below = |v: f64| b.target.as_ref().is_some_and(|(t, _)| v < *t);
    let colors = b.values.iter().map(|v| rgb(if below(*v) { style.neutral } else { style.primary })).collect();
    let look = Look::Bars { colors, max: b.max, target: b.target.as_ref().map(|t| t.0) };
    Ok(Drawn { svg: hbars_svg(b, w, h, style)?, data: b.data(), look })
}

fn hbars_svg(b: &HBars<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    let HBars { labels, values, max, target, fmt } = b;
    let max = *max;
    draw(w, h, style, |p| {
        let s = p.style;
        let fit = chars_in(w * 0.5, s.label);
        let labels: Vec<String> = labels.iter().map(|l| truncate(l, fit)).collect();
        let left = labels.iter().map(|l| text_width(l, s.label)).fold(0.0, f64::max) + 8.0;
        // Room for the longest value label after the longest bar (`396.000 $` is wider than `$396K`).
        let right = values.iter().map(|v| text_width(&fmt(*v), s.label) + 8.0).fold(36.0, f64::max);
        let (x0, x1, y0, y1) = (left, w - right, 20.0, h - 4.0);
        let slot = ((y1 - y0) / labels.len().max(1) as f64).min(26.0);
        let x = |v: f64| x0 + (v / max).clamp(0.0, 1.0) * (x1 - x0);
        let target_v = target.as_ref().map(|t| t.0);
        // The target line first: the bars and their values are drawn over it, the values on
        // a backdrop, so the line never runs through a number.
        if let Some((t, label)) = &target {
            let bottom = y0 + slot * labels.len() as f64;
            p.dashed(&[(x(*t), y0 - 4.0), (x(*t), bottom)], s.accent, 1);
            p.text(label, (x(*t), 8.0), Ink { size: s.label, color: s.accent, bold: true }, Align::Center);
        }
        for (i, (l, v)) in labels.iter().zip(values).enumerate() {
            let cy = y0 + slot * (i as f64 + 0.5);
            p.text(l, (x0 - 6.0, cy), Ink { size: s.label, color: s.text, bold: false }, Align::Right);
            let below = target_v.is_some_and(|t| *v < t);
            p.rect(x0, cy - slot * 0.32, x(*v), cy + slot * 0.32, if below { s.neutral } else { s.primary });
            let value = fmt(*v);
            let at = (x(*v) + 4.0, cy);
            p.backdrop(&super::LabelBox::new(at.0, at.1, text_width(&value, s.label), s.label + 2.0, Align::Left));
            p.text(&value, at, Ink { size: s.label, color: s.text, bold: true }, Align::Left);
        }
    })
}

/// The Pareto curve for many accounts: cumulative share of revenue against the share of
/// accounts, with the cut and the vital few marked. Readable at any number of accounts.
pub struct Curve<'a> {
    /// Cumulative revenue share after each account, largest first (0..1).
    pub cumulative: &'a [f64],
    /// The cut (0..1) and its label.
    pub cut: (f64, String),
    /// Number of vital-few accounts, and the label at the marker.
    pub vital: (usize, String),
    /// Axis titles (x, y).
    pub titles: (String, String),
    /// Formats shares.
    pub pct: &'a dyn Fn(f64) -> String,
}

/// Draws the Pareto curve.
pub fn pareto_curve(c: &Curve<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let look = Look::Curve { color: rgb(style.primary), cut: c.cut.0 };
    Ok(Drawn { svg: pareto_curve_svg(c, w, h, style)?, data: c.data(), look })
}

fn pareto_curve_svg(c: &Curve<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    draw(w, h, style, |p| {
        let s = p.style;
        let left = text_width(&(c.pct)(1.0), s.label) + 12.0;
        let (x0, x1, y0, y1) = (left, w - 12.0, 24.0, h - 36.0);
        let x = |v: f64| x0 + v * (x1 - x0);
        let y = |v: f64| y1 - v * (y1 - y0);
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            p.line(&[(x0, y(t)), (x1, y(t))], if t == 0.0 { s.subtle } else { s.light }, 1);
            p.text(&(c.pct)(t), (x0 - 6.0, y(t)), Ink { size: s.label, color: s.subtle, bold: false }, Align::Right);
            p.text(&(c.pct)(t), (x(t), y1 + 10.0), Ink { size: s.label, color: s.subtle, bold: false }, Align::Center);
        }
        p.text(
            &c.titles.0,
            ((x0 + x1) / 2.0, h - 8.0),
            Ink { size: s.label, color: s.text, bold: true },
            Align::Center,
        );
        p.text(&format!("↑ {}", c.titles.1), (2.0, 8.0), Ink { size: s.label, color: s.text, bold: true }, Align::Left);
        let n = c.cumulative.len().max(1);
        let share = |i: usize| i as f64 / n as f64;
        // At most ~400 vertices: a 10,000-account curve looks the same and the SVG stays small.
        let step = (n / 400).max(1);
        let mut pts = vec![(x(0.0), y(0.0))];
        pts.extend((0..n).filter(|i| (i + 1) % step == 0 || i + 1 == n).map(|i| (x(share(i + 1)), y(c.cumulative[i]))));
        let vital_x = x(share(c.vital.0));
        let vital_y = c.vital.0.checked_sub(1).map_or(0.0, |i| c.cumulative[i]);
        // The vital few's area under the curve in the primary colour, the rest muted.
        let mut area: Vec<(f64, f64)> = pts.iter().copied().filter(|(px_, _)| *px_ <= vital_x).collect();
        area.push((vital_x, y(vital_y)));
        area.push((vital_x, y1));
        area.push((x0, y1));
        p.polygon(&area, s.primary, 0.85);
        p.line(&pts, s.text, 2);
        p.dashed(&[(x0, y(c.cut.0)), (x1, y(c.cut.0))], s.accent, 1);
        p.text(
            &c.cut.1,
            (x1 - 4.0, y(c.cut.0) + 9.0),
            Ink { size: s.label, color: s.accent, bold: true },
            Align::Right,
        );
        p.circle(vital_x, y(vital_y), 4.0, s.accent, 1.0, None);
        p.text(
            &c.vital.1,
            (vital_x + 8.0, y(vital_y) + 12.0),
            Ink { size: s.label, color: s.text, bold: true },
            Align::Left,
        );
    })
}
