//! Scatter and bubble charts with quadrant lines and collision-free labels.

use plotters::style::RGBColor;

use super::data::{Look, rgb};
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
    /// A logarithmic x axis (for values spanning decades, such as revenue).
    pub log_x: bool,
}

/// From zero (or a round value below the lowest) to a round value above the highest, both
/// on the same step, so a negative margin gets a tick of its own below the axis' zero.
fn range_of(values: impl Iterator<Item = f64> + Clone, split: f64) -> (f64, f64) {
    let lo = values.clone().fold(split.min(0.0), f64::min);
    let hi = values.fold(split.max(0.0), f64::max);
    let ticks = nice_ticks((hi - lo).max(1e-9), 4);
    let step = ticks.get(1).copied().unwrap_or(1.0);
    let bottom = if lo < 0.0 { (lo / step).floor() * step } else { 0.0 };
    ((bottom), (hi / step).ceil().max(1.0) * step)
}

/// Decades around the positive values (at least one), for a logarithmic axis.
fn log_range(values: impl Iterator<Item = f64> + Clone, split: f64) -> (f64, f64) {
    let positive = values.filter(|v| *v > 0.0).chain((split > 0.0).then_some(split));
    let lo = positive.clone().fold(f64::INFINITY, f64::min);
    let hi = positive.fold(0.0, f64::max);
    if !lo.is_finite() || hi <= 0.0 {
        return (1.0, 10.0);
    }
    let (a, b) = (lo.log10().floor(), hi.log10().ceil());
    (10f64.powf(a), 10f64.powf(if b > a { b } else { a + 1.0 }))
}

/// Ticks of a logarithmic axis: every decade, with 2× and 5× when there are few decades.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let decades = (hi / lo).log10().round().max(1.0) as i32;
    let steps: &[f64] = if decades <= 2 { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let mut v = Vec::new();
    for d in 0..=decades {
        for m in steps {
            let t = lo * 10f64.powi(d) * m;
            if t <= hi * (1.0 + 1e-9) {
                v.push(t);
            }
        }
    }
    v
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

/// Beyond this many points, all but the best-placed are drawn as one dot per small cell of
/// the plot: ten thousand accounts stay one readable picture (and a small SVG), every
/// account still counted in the dot that holds it.
const DENSE: usize = 300;
/// The side of a cell of the dense plot, in points.
const CELL: f64 = 6.0;

/// A dot as drawn: one point, or the points of one cell.
struct Dot {
    x: f64,
    y: f64,
    size: Option<f64>,
    color: RGBColor,
}

impl Scatter<'_> {
    /// Whether the chart draws the crowd as dots per spot rather than a bubble per account.
    pub fn is_dense(&self) -> bool {
        self.points.len() > DENSE
    }
}

/// Draws the scatter.
pub fn scatter(sc: &Scatter<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let (x_range, y_range) = ranges(sc);
    // The points the drawing names at most: the best by priority.
    let most = if sc.is_dense() { sc.max_labels.min(5) } else { sc.max_labels };
    let mut order: Vec<usize> = (0..sc.points.len()).collect();
    order.sort_by_key(|&i| sc.points[i].priority);
    let mut labelled = vec![false; sc.points.len()];
    for &i in order.iter().take(most) {
        labelled[i] = true;
    }
    // As `dots` draws them: all, or when dense the best-placed alone.
    let mut prominent = vec![!sc.is_dense(); sc.points.len()];
    for &i in order.iter().take(2 * sc.max_labels) {
        prominent[i] = true;
    }
    let look = Look::Scatter {
        colors: sc.points.iter().map(|q| rgb(q.color)).collect(),
        quadrants: Box::new(sc.quadrants.clone()),
        labelled,
        prominent,
        split: (sc.x_split, sc.y_split),
        x_range,
        y_range,
        log_x: sc.log_x,
        titles: sc.titles.clone(),
    };
    Ok(Drawn { svg: scatter_svg(sc, w, h, style)?, data: sc.data(), look })
}

/// The axes' ranges: given, or from the points and the split.
fn ranges(sc: &Scatter<'_>) -> ((f64, f64), (f64, f64)) {
    let x = match (sc.x_range, sc.log_x) {
        (Some(r), _) => r,
        (None, true) => log_range(sc.points.iter().map(|q| q.x), sc.x_split),
        (None, false) => range_of(sc.points.iter().map(|q| q.x), sc.x_split),
    };
    (x, sc.y_range.unwrap_or_else(|| range_of(sc.points.iter().map(|q| q.y), sc.y_split)))
}

fn scatter_svg(sc: &Scatter<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    draw(w, h, style, |p| {
        let s = p.style;
        let ((xl, xh), (yl, yh)) = ranges(sc);
        let yticks = ticks_between(yl, yh);
        let left = yticks.iter().map(|t| text_width(&(sc.fmt.1)(*t), s.label)).fold(0.0, f64::max) + 12.0;
        let xticks = if sc.log_x { log_ticks(xl, xh) } else { ticks_between(xl, xh) };
        // The last tick label is centred on its tick, which may sit at the right edge.
        let right = xticks.last().map_or(10.0, |t| (text_width(&(sc.fmt.0)(*t), s.label) / 2.0 + 2.0).max(10.0));
        // Room above the plot for the top quadrant names. Values map into the plot less a
        // margin, so a bubble at the edge of the range stays inside the frame.
        let (x0, x1, y0, y1) = (left + 6.0, w - right - 6.0, 40.0, h - 42.0);
        let pad = if sc.points.iter().any(|q| q.size.is_some()) { 14.0 } else { 6.0 };
        let x = |v: f64| {
            let t = if sc.log_x { (v.max(xl).ln() - xl.ln()) / (xh.ln() - xl.ln()) } else { (v - xl) / (xh - xl) };
            x0 + pad + t.clamp(0.0, 1.0) * (x1 - x0 - 2.0 * pad)
        };
        let y = |v: f64| y1 - pad - ((v - yl) / (yh - yl)).clamp(0.0, 1.0) * (y1 - y0 - 2.0 * pad);
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
            if sc.log_x {
                p.line(&[(x(t), y0), (x(t), y1)], s.light, 1);
            }
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
        let (qx, qy) = (x(sc.x_split), y(sc.y_split));
        p.dashed(&[(qx, y0), (qx, y1)], s.subtle, 1);
        p.dashed(&[(x0, qy), (x1, qy)], s.subtle, 1);

        let dots = dots(sc, &x, &y);
        let max_size = dots.iter().filter_map(|d| d.size).fold(0.0, f64::max);
        let radius = |size: Option<f64>| match size {
            Some(v) if max_size > 0.0 => 3.0 + 16.0 * (v.max(0.0) / max_size).sqrt(),
            _ => CELL / 2.0 - 0.4,
        };
        let mut taken: Vec<LabelBox> = Vec::new();
        // Largest first so small bubbles stay visible on top.
        let mut order: Vec<&Dot> = dots.iter().collect();
        order.sort_by(|a, b| radius(b.size).total_cmp(&radius(a.size)));
        let dense = sc.is_dense();
        for d in order {
            let r = radius(d.size);
            p.circle(d.x, d.y, r, d.color, 0.75, Some(s.background));
            // Labels keep off every dot of a sparse chart; in a crowd they may cover a
            // small one (on a backdrop), never a bubble.
            if !dense || r >= 6.0 {
                taken.push(LabelBox::new(d.x, d.y, 2.0 * r + 2.0, 2.0 * r + 2.0, Align::Center));
            }
        }
        // Quadrant names outside the plot: the top ones above its corners, the bottom ones
        // beside the axis title, where no dot can sit.
        let q = &sc.quadrants;
        let corner = [
            (x0 + 2.0, y0 - 9.0, Align::Left),
            (x1 - 2.0, y0 - 9.0, Align::Right),
            (x0 + 2.0, h - 8.0, Align::Left),
            (x1 - 2.0, h - 8.0, Align::Right),
        ];
        for (name, (cx, cy, al)) in q.iter().zip(corner) {
            let name = name.to_uppercase();
            p.text(&name, (cx, cy), Ink { size: s.label, color: s.subtle, bold: true }, al);
        }
        labels(p, sc, &x, &y, &radius, (x0, y0, x1, y1), &taken);
    })
}

/// The dots to draw: every point when there are few; else the best-placed points alone, as
/// bubbles, and the rest one small dot per cell, coloured as the largest account in it.
fn dots(sc: &Scatter<'_>, x: &dyn Fn(f64) -> f64, y: &dyn Fn(f64) -> f64) -> Vec<Dot> {
    let single = |q: &ScatterPoint| Dot { x: x(q.x), y: y(q.y), size: q.size, color: q.color };
    if sc.points.len() <= DENSE {
        return sc.points.iter().map(single).collect();
    }
    let mut by_priority: Vec<&ScatterPoint> = sc.points.iter().collect();
    by_priority.sort_by_key(|q| q.priority);
    let (alone, rest) = by_priority.split_at((2 * sc.max_labels).min(by_priority.len()));
    let mut cells: std::collections::BTreeMap<(i64, i64), (Dot, f64)> = std::collections::BTreeMap::new();
    for q in rest {
        let (px, py) = (x(q.x), y(q.y));
        let key = ((px / CELL).floor() as i64, (py / CELL).floor() as i64);
        let own = q.size.unwrap_or(0.0);
        let cell = cells.entry(key).or_insert_with(|| {
            let center = ((key.0 as f64 + 0.5) * CELL, (key.1 as f64 + 0.5) * CELL);
            (Dot { x: center.0, y: center.1, size: None, color: q.color }, f64::NEG_INFINITY)
        });
        if own > cell.1 {
            cell.0.color = q.color;
            cell.1 = own;
        }
    }
    cells.into_values().map(|(d, _)| d).chain(alone.iter().map(|q| single(q))).collect()
}

/// Labels, best priority first, each at the first free spot around its point: the whole
/// name where it fits, else a shortened one; on a backdrop, so no line runs through it.
fn labels(
    p: &super::Painter<'_, '_>,
    sc: &Scatter<'_>,
    x: &dyn Fn(f64) -> f64,
    y: &dyn Fn(f64) -> f64,
    radius: &dyn Fn(Option<f64>) -> f64,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    dots: &[LabelBox],
) {
    let mut labels: Vec<LabelBox> = Vec::new();
    let s = p.style;
    let mut by_priority: Vec<&ScatterPoint> = sc.points.iter().collect();
    by_priority.sort_by_key(|q| q.priority);
    // Only the best-placed may be labelled (the accounts a table beside the chart lists):
    // where one finds no room, no other account takes its label.
    // A crowd keeps fewer labels: each covers dots.
    let most = if sc.is_dense() { sc.max_labels.min(5) } else { sc.max_labels };
    for q in by_priority.into_iter().take(most) {
        let (px_, py_, r) = (x(q.x), y(q.y), radius(q.size));
        // The accounts a title names (priority 0) are labelled whatever dots lie around them.
        let must = q.priority == 0;
        let short = truncate(&q.label, 22);
        'place: for label in [q.label.as_str(), short.as_str()] {
            let wdt = text_width(label, s.label);
            let d = r * 0.7 + 4.0;
            let spots = [
                (px_ + r + 4.0, py_, Align::Left),
                (px_ - r - 4.0, py_, Align::Right),
                (px_, py_ - r - 7.0, Align::Center),
                (px_, py_ + r + 7.0, Align::Center),
                (px_ + d, py_ - d - 3.0, Align::Left),
                (px_ - d, py_ - d - 3.0, Align::Right),
                (px_ + d, py_ + d + 3.0, Align::Left),
                (px_ - d, py_ + d + 3.0, Align::Right),
            ];
            for (lx, ly, al) in spots {
                let b = LabelBox::new(lx, ly, wdt, s.label + 2.0, al);
                let free = !labels.iter().any(|t| t.hits(&b)) && (must || !dots.iter().any(|t| t.hits(&b)));
                if b.inside(x0, y0, x1, y1) && free {
                    p.backdrop(&b);
                    p.text(label, (lx, ly), Ink { size: s.label, color: s.text, bold: must }, al);
                    labels.push(b);
                    break 'place;
                }
            }
        }
    }
}
