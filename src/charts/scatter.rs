//! Scatter and bubble charts with quadrant lines and collision-free labels.

use plotters::style::RGBColor;

use super::{Align, ChartError, ChartStyle, Drawn, Ink, LabelBox, draw, nice_ticks, text_width, truncate};

/// One point.
#[derive(Debug, Clone)]
pub struct ScatterPoint {
    /// Horizontal value.
    pub x: f64,
    /// Vertical value.
    pub y: f64,
    /// Bubble size value (area ∝ size); `None` draws a fixed dot.
    pub size: Option<f64>,
    /// Label (only some are shown).
    pub label: String,
    /// Fill colour.
    pub color: RGBColor,
    /// Label priority: lower is labelled first.
    pub priority: usize,
}

/// A scatter with quadrants.
pub struct Scatter<'a> {
    /// The points.
    pub points: Vec<ScatterPoint>,
    /// Fixed x range, or `None` for 0..max (or min..max when negative).
    pub x_range: Option<(f64, f64)>,
    /// Fixed y range.
    pub y_range: Option<(f64, f64)>,
    /// Vertical quadrant line.
    pub x_split: f64,
    /// Horizontal quadrant line.
    pub y_split: f64,
    /// Quadrant names: top-left, top-right, bottom-left, bottom-right.
    pub quadrants: [String; 4],
    /// Axis titles (x, y).
    pub titles: (String, String),
    /// Tick formats (x, y).
    pub fmt: (&'a dyn Fn(f64) -> String, &'a dyn Fn(f64) -> String),
    /// Labels shown at most.
    pub max_labels: usize,
}

fn range_of(values: impl Iterator<Item = f64> + Clone, split: f64) -> (f64, f64) {
    let lo = values.clone().fold(split.min(0.0), f64::min);
    let hi = values.fold(split.max(0.0), f64::max);
    let ticks = nice_ticks(hi.max(1e-9), 4);
    let top = *ticks.last().unwrap_or(&1.0);
    let bottom = if lo < 0.0 { -*nice_ticks(-lo, 4).last().unwrap_or(&1.0) } else { 0.0 };
    (bottom, top)
}

fn ticks_between(lo: f64, hi: f64) -> Vec<f64> {
    let span = hi - lo;
    // Steps of 1, 2 or 5 × 10^k only: a 2.5 step would print 7.5 as "8" on a 1–10 scale.
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let mut t = (lo / step).ceil() * step;
    let mut v = Vec::new();
    while t <= hi + 1e-9 * span.abs() {
        v.push(if t.abs() < 1e-12 { 0.0 } else { t });
        t += step;
    }
    v
}

/// Draws the scatter.
pub fn scatter(sc: &Scatter<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    Ok(Drawn { svg: scatter_svg(sc, w, h, style)?, data: sc.data() })
}

fn scatter_svg(sc: &Scatter<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    draw(w, h, style, |p| {
        let s = p.style;
        let (xl, xh) = sc.x_range.unwrap_or_else(|| range_of(sc.points.iter().map(|q| q.x), sc.x_split));
        let (yl, yh) = sc.y_range.unwrap_or_else(|| range_of(sc.points.iter().map(|q| q.y), sc.y_split));
        let yticks = ticks_between(yl, yh);
        let left = yticks.iter().map(|t| text_width(&(sc.fmt.1)(*t), s.label)).fold(0.0, f64::max) + 12.0;
        let xticks = ticks_between(xl, xh);
        // The last tick label is centred on its tick, which may sit at the right edge.
        let right = xticks.last().map_or(10.0, |t| (text_width(&(sc.fmt.0)(*t), s.label) / 2.0 + 2.0).max(10.0));
        let (x0, x1, y0, y1) = (left, w - right, 24.0, h - 36.0);
        let x = |v: f64| x0 + (v - xl) / (xh - xl) * (x1 - x0);
        let y = |v: f64| y1 - (v - yl) / (yh - yl) * (y1 - y0);
        for t in &yticks {
            p.line(&[(x0, y(*t)), (x1, y(*t))], s.light, 1);
            p.text(
                &(sc.fmt.1)(*t),
                (x0 - 6.0, y(*t)),
                Ink { size: s.label, color: s.subtle, bold: false },
                Align::Right,
            );
        }
        for t in xticks {
            p.text(
                &(sc.fmt.0)(t),
                (x(t), y1 + 10.0),
                Ink { size: s.label, color: s.subtle, bold: false },
                Align::Center,
            );
        }
        p.line(&[(x0, y1), (x1, y1)], s.subtle, 1);
        p.text(
            &sc.titles.0,
            ((x0 + x1) / 2.0, h - 8.0),
            Ink { size: s.label, color: s.text, bold: true },
            Align::Center,
        );
        // The y title reads horizontally above its axis: no rotated text to tilt heads.
        p.text(
            &format!("↑ {}", sc.titles.1),
            (2.0, 8.0),
            Ink { size: s.label, color: s.text, bold: true },
            Align::Left,
        );
        // Quadrant lines and names in the corners.
        let (qx, qy) = (x(sc.x_split), y(sc.y_split));
        p.dashed(&[(qx, y0), (qx, y1)], s.subtle, 1);
        p.dashed(&[(x0, qy), (x1, qy)], s.subtle, 1);
        let q = &sc.quadrants;
        let corner = [
            (x0 + 6.0, y0 + 8.0, Align::Left),
            (x1 - 6.0, y0 + 8.0, Align::Right),
            (x0 + 6.0, y1 - 8.0, Align::Left),
            (x1 - 6.0, y1 - 8.0, Align::Right),
        ];
        let mut taken: Vec<LabelBox> = Vec::new();
        for (name, (cx, cy, al)) in q.iter().zip(corner) {
            p.text(&name.to_uppercase(), (cx, cy), Ink { size: s.label, color: s.subtle, bold: true }, al);
            taken.push(LabelBox::new(cx, cy, text_width(name, s.label) * 1.15, s.label + 2.0, al));
        }
        let max_size = sc.points.iter().filter_map(|q| q.size).fold(0.0, f64::max);
        let radius = |q: &ScatterPoint| match q.size {
            Some(v) if max_size > 0.0 => 4.0 + 18.0 * (v.max(0.0) / max_size).sqrt(),
            _ => 4.0,
        };
        // Largest first so small bubbles stay visible on top.
        let mut order: Vec<&ScatterPoint> = sc.points.iter().collect();
        order.sort_by(|a, b| radius(b).total_cmp(&radius(a)));
        for q in &order {
            let r = radius(q);
            p.circle(x(q.x), y(q.y), r, q.color, 0.75, Some(s.background));
            // Labels must not sit on any bubble either.
            taken.push(LabelBox::new(x(q.x), y(q.y), 2.0 * r * 0.85, 2.0 * r * 0.85, Align::Center));
        }
        // Labels: best priority first, each at the first free spot around its point.
        let mut by_priority: Vec<&ScatterPoint> = sc.points.iter().collect();
        by_priority.sort_by_key(|q| q.priority);
        let mut shown = 0;
        for q in by_priority {
            if shown >= sc.max_labels {
                break;
            }
            let (px_, py_, r) = (x(q.x), y(q.y), radius(q));
            let label = truncate(&q.label, 22);
            let wdt = text_width(&label, s.label);
            let spots = [
                (px_ + r + 5.0, py_, Align::Left),
                (px_ - r - 5.0, py_, Align::Right),
                (px_, py_ - r - 7.0, Align::Center),
                (px_, py_ + r + 7.0, Align::Center),
            ];
            for (lx, ly, al) in spots {
                let b = LabelBox::new(lx, ly, wdt, s.label + 2.0, al);
                if b.inside(x0, y0, x1, y1) && !taken.iter().any(|t| t.hits(&b)) {
                    p.text(&label, (lx, ly), Ink { size: s.label, color: s.text, bold: false }, al);
                    taken.push(b);
                    shown += 1;
                    break;
                }
            }
        }
    })
}
