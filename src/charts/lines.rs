//! Line charts over categories (retention per year), labelled directly.

use plotters::style::RGBColor;

use super::data::{Look, rgb};
use super::{Align, ChartError, ChartStyle, Drawn, Ink, LabelBox, data, draw, text_width};

/// One line.
pub struct LineSeries {
    /// Name, written at the line's end.
    pub name: String,
    /// Colour.
    pub color: RGBColor,
    /// One value per category; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// Lines over categories on a 0..`top` axis, values at the points, names at the ends.
pub fn line_chart(
    categories: &[String],
    series: &[LineSeries],
    top: f64,
    fmt: &dyn Fn(f64) -> String,
    w: f64,
    h: f64,
    style: &ChartStyle,
) -> Result<Drawn, ChartError> {
    let data = data::lines(categories, series);
    draw(w, h, style, |p| {
        let s = p.style;
        let right = series.iter().map(|l| text_width(&l.name, s.label)).fold(0.0, f64::max) + 22.0;
        let (x0, x1, y0, y1) = (44.0, w - right, 24.0, h - 22.0);
        let n = categories.len().max(1);
        let slot = (x1 - x0) / n as f64;
        let x = |i: usize| x0 + slot * (i as f64 + 0.5);
        let y = |v: f64| y1 - (v / top).clamp(0.0, 1.0) * (y1 - y0);
        let steps = (top / 0.25).round().max(1.0);
        for k in 0..=(steps as usize) {
            let t = k as f64 * 0.25;
            p.line(&[(x0, y(t)), (x1, y(t))], if k == 0 { s.subtle } else { s.light }, 1);
            p.text(&fmt(t), (x0 - 6.0, y(t)), Ink { size: s.label, color: s.subtle, bold: false }, Align::Right);
        }
        // Category labels first: value labels must keep clear of them, and of the edges.
        let mut taken: Vec<LabelBox> = Vec::new();
        for (i, c) in categories.iter().enumerate() {
            p.text(c, (x(i), y1 + 10.0), Ink { size: s.label, color: s.text, bold: false }, Align::Center);
            taken.push(LabelBox::new(x(i), y1 + 10.0, text_width(c, s.label), s.label + 2.0, Align::Center));
        }
        let fits = |b: &LabelBox| b.inside(0.0, 0.0, w, h);
        for (k, l) in series.iter().enumerate() {
            let pts: Vec<(usize, f64, f64)> =
                l.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, x(i), y(v)))).collect();
            p.line(&pts.iter().map(|&(_, px_, py_)| (px_, py_)).collect::<Vec<_>>(), l.color, 2);
            for (&(i, px_, py_), v) in pts.iter().zip(l.values.iter().flatten()) {
                p.circle(px_, py_, 3.5, l.color, 1.0, None);
                let label = fmt(*v);
                // Write the value on the side away from the nearest other line at this point,
                // so it never sits on that line.
                let nearest_above = series
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .filter_map(|(_, o)| o.values.get(i).copied().flatten())
                    .map(|o| o - v)
                    .filter(|d| d.abs() < 0.2 * top)
                    .min_by(|a, b| a.abs().total_cmp(&b.abs()))
                    .is_some_and(|d| d >= 0.0);
                let (px_, py_) = (&px_, &py_);
                let order = if nearest_above { [12.0, -11.0, 23.0, -22.0] } else { [-11.0, 12.0, -22.0, 23.0] };
                for dy in order {
                    // A little wider than the estimate: `%` and digits run wide, and a name
                    // must not touch the value beside it ("90%GRR").
                    let b = LabelBox::new(*px_, py_ + dy, text_width(&label, s.label) + 6.0, s.label, Align::Center);
                    if fits(&b) && !taken.iter().any(|t| t.hits(&b)) {
                        p.text(
                            &label,
                            (*px_, py_ + dy),
                            Ink { size: s.label, color: l.color, bold: true },
                            Align::Center,
                        );
                        taken.push(b);
                        break;
                    }
                }
            }
            if let Some((i, lx, ly)) = pts.last() {
                // Beside the last point; when another name is there, away from the nearest
                // other line first, so a name never reads as the other line's.
                let v = l.values.get(*i).copied().flatten().unwrap_or(0.0);
                let other_above = series
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .filter_map(|(_, o)| o.values.get(*i).copied().flatten())
                    .map(|o| o - v)
                    .min_by(|a, b| a.abs().total_cmp(&b.abs()))
                    .is_some_and(|d| d >= 0.0);
                let away = if other_above { 1.0 } else { -1.0 };
                let step = s.label + 3.0;
                let mut yy = *ly;
                for k in 0..12 {
                    let off = (k / 2 + k % 2) as f64 * step * if k % 2 == 1 { away } else { -away };
                    let b = LabelBox::new(
                        lx + 14.0,
                        ly + off,
                        text_width(&l.name, s.label) + 4.0,
                        s.label + 2.0,
                        Align::Left,
                    );
                    if fits(&b) && !taken.iter().any(|t| t.hits(&b)) {
                        taken.push(b);
                        yy = ly + off;
                        break;
                    }
                }
                // Clear of the value labels centred on the last point.
                p.text(&l.name, (lx + 16.0, yy), Ink { size: s.label, color: l.color, bold: true }, Align::Left);
            }
        }
    })
    .map(|svg| Drawn {
        svg,
        data,
        look: Look::Lines { colors: series.iter().map(|l| rgb(l.color)).collect(), top },
    })
}
