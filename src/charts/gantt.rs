//! Gantt chart: one bar per milestone from start to end, a marker for today.

use plotters::style::RGBColor;

use super::data::{Look, rgb};
use super::{Align, ChartError, ChartStyle, Drawn, Ink, data, draw, text_width, truncate};

/// One row of the Gantt chart.
pub struct GanttRow {
    /// Milestone name.
    pub label: String,
    /// Owner, written after the bar.
    pub owner: String,
    /// First day (days since epoch).
    pub start: i64,
    /// Last day.
    pub end: i64,
    /// Status colour.
    pub color: RGBColor,
}

/// Draws rows against a time axis; `ticks` are (day, label) pairs, `today` (day, label).
pub fn gantt(
    rows: &[GanttRow],
    ticks: &[(i64, String)],
    today: Option<(i64, String)>,
    legend: &[(String, RGBColor)],
    w: f64,
    h: f64,
    style: &ChartStyle,
) -> Result<Drawn, ChartError> {
    let data = data::spans(rows);
    let look = Look::Gantt { colors: rows.iter().map(|r| rgb(r.color)).collect(), today: today.clone() };
    draw(w, h, style, |p| {
        let s = p.style;
        let lo = rows.iter().map(|r| r.start).chain(ticks.iter().map(|t| t.0)).min().unwrap_or(0);
        let hi = rows.iter().map(|r| r.end + 1).chain(ticks.iter().map(|t| t.0)).max().unwrap_or(1).max(lo + 1);
        let fit = super::bars::chars_in(w * 0.3, s.label);
        let left = rows.iter().map(|r| text_width(&truncate(&r.label, fit), s.label)).fold(0.0, f64::max) + 10.0;
        let (x0, x1, y0, y1) = (left, w - 70.0, 52.0, h - 4.0);
        let x = |d: i64| x0 + (d - lo) as f64 / (hi - lo) as f64 * (x1 - x0);
        let mut lx = x0;
        for (name, color) in legend {
            p.rect(lx, 4.0, lx + 9.0, 13.0, *color);
            p.text(name, (lx + 13.0, 8.5), Ink { size: s.label, color: s.text, bold: false }, Align::Left);
            lx += 13.0 + text_width(name, s.label) + 14.0;
        }
        let slot = ((y1 - y0) / rows.len().max(1) as f64).min(40.0);
        let bottom = y0 + slot * rows.len() as f64;
        let mut last_label = f64::NEG_INFINITY;
        for (d, label) in ticks {
            let xx = x(*d);
            p.line(&[(xx, y0 - 4.0), (xx, bottom)], s.light, 1);
            if xx - last_label > text_width(label, s.label) + 6.0 {
                p.text(label, (xx + 2.0, y0 - 14.0), Ink { size: s.label, color: s.subtle, bold: false }, Align::Left);
                last_label = xx;
            }
        }
        if let Some((d, label)) = today
            && (lo..=hi).contains(&d)
        {
            let xx = x(d);
            p.line(&[(xx, y0 - 4.0), (xx, bottom)], s.accent, 2);
            p.text(&label, (xx, y0 - 30.0), Ink { size: s.label, color: s.accent, bold: true }, Align::Center);
        }
        for (i, r) in rows.iter().enumerate() {
            let cy = y0 + slot * (i as f64 + 0.5);
            p.text(
                &truncate(&r.label, fit),
                (x0 - 8.0, cy),
                Ink { size: s.label, color: s.text, bold: false },
                Align::Right,
            );
            p.rect(x(r.start), cy - slot * 0.3, x(r.end + 1).max(x(r.start) + 2.0), cy + slot * 0.3, r.color);
            // On a backdrop: the today line may run where the owner's name is.
            let at = (x(r.end + 1) + 4.0, cy);
            if !r.owner.is_empty() {
                p.backdrop(&super::LabelBox::new(
                    at.0,
                    at.1,
                    text_width(&r.owner, s.label),
                    s.label + 2.0,
                    Align::Left,
                ));
            }
            p.text(&r.owner, at, Ink { size: s.label, color: s.subtle, bold: false }, Align::Left);
        }
    })
    .map(|svg| Drawn { svg, data, look })
}
