//! A waterfall: a starting total, steps up and down, and the total they reach (the
//! revenue bridge). Each step's bar starts where the one before ended, so the bars add up
//! on the page as they do in the numbers.

use super::bars::chars_in;
use super::data::{Look, Series, rgb};
use super::{Align, ChartData, ChartError, ChartStyle, Drawn, Ink, draw, nice_ticks, text_width, truncate};

/// One bar of a waterfall.
#[derive(Debug, Clone)]
pub struct Step {
    /// The category under the bar.
    pub label: String,
    /// A total (from zero), or a signed change from the level before.
    pub value: f64,
    /// Whether the bar is a total.
    pub total: bool,
}

/// A waterfall chart.
pub struct Waterfall<'a> {
    /// The bars, in order.
    pub steps: Vec<Step>,
    /// Formats a total.
    pub total: &'a dyn Fn(f64) -> String,
    /// Formats a change, with its sign.
    pub change: &'a dyn Fn(f64) -> String,
}

impl Waterfall<'_> {
    fn data(&self) -> ChartData {
        ChartData::Series {
            categories: self.steps.iter().map(|s| s.label.clone()).collect(),
            series: vec![Series::new("value", self.steps.iter().map(|s| s.value))],
        }
    }
}

/// Draws the waterfall.
pub fn waterfall(wf: &Waterfall<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<Drawn, ChartError> {
    let look = Look::Waterfall {
        totals: wf.steps.iter().map(|s| s.total).collect(),
        colors: [rgb(style.primary), rgb(style.positive), rgb(style.negative)],
    };
    Ok(Drawn { svg: waterfall_svg(wf, w, h, style)?, data: wf.data(), look })
}

fn waterfall_svg(wf: &Waterfall<'_>, w: f64, h: f64, style: &ChartStyle) -> Result<String, ChartError> {
    // Each bar's bottom and top, in value.
    let mut level = 0.0;
    let spans: Vec<(f64, f64)> = wf
        .steps
        .iter()
        .map(|s| {
            let (from, to) = if s.total { (0.0, s.value) } else { (level, level + s.value) };
            level = to;
            (from.min(to), from.max(to))
        })
        .collect();
    let top = spans.iter().map(|s| s.1).fold(0.0, f64::max);
    let ticks = nice_ticks(top.max(1e-9), 4);
    let max = *ticks.last().unwrap_or(&1.0);
    draw(w, h, style, |p| {
        let s = p.style;
        let left = ticks.iter().map(|t| text_width(&(wf.total)(*t), s.label)).fold(0.0, f64::max) + 12.0;
        let (x0, x1, y0, y1) = (left, w - 6.0, 22.0, h - 30.0);
        let y = |v: f64| y1 - (v / max).clamp(0.0, 1.0) * (y1 - y0);
        for t in &ticks {
            p.line(&[(x0, y(*t)), (x1, y(*t))], if *t == 0.0 { s.subtle } else { s.light }, 1);
            p.text(
                &(wf.total)(*t),
                (x0 - 6.0, y(*t)),
                Ink { size: s.label, color: s.subtle, bold: false },
                Align::Right,
            );
        }
        let n = wf.steps.len().max(1) as f64;
        let slot = (x1 - x0) / n;
        let fit = chars_in(slot - 4.0, s.label);
        for (i, (step, (lo, hi))) in wf.steps.iter().zip(&spans).enumerate() {
            let cx = x0 + slot * (i as f64 + 0.5);
            let half = slot * 0.3;
            let color = if step.total {
                s.primary
            } else if step.value >= 0.0 {
                s.positive
            } else {
                s.negative
            };
            // A bar of zero height still shows as a hairline, so the step is seen to be empty.
            let (top_y, bottom_y) = (y(*hi), y(*lo).max(y(*hi) + 1.0));
            p.rect(cx - half, top_y, cx + half, bottom_y, color);
            // The level a step ends at carries on to the next bar.
            if i + 1 < wf.steps.len() {
                let end = if step.total || step.value >= 0.0 { *hi } else { *lo };
                p.dashed(&[(cx + half, y(end)), (cx + slot - half, y(end))], s.subtle, 1);
            }
            let value = if step.total { (wf.total)(step.value) } else { (wf.change)(step.value) };
            p.text(&value, (cx, top_y - 8.0), Ink { size: s.label, color: s.text, bold: true }, Align::Center);
            p.text(
                &truncate(&step.label, fit.max(4)),
                (cx, y1 + 10.0),
                Ink { size: s.label, color: s.text, bold: step.total },
                Align::Center,
            );
        }
    })
}
