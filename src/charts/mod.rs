//! Charts as SVG, drawn with plotters' primitives in memory.
//!
//! SVG units are points: a chart drawn 500 × 300 shows at 500 × 300 pt on the slide, so
//! a 10 pt label here is a 10 pt label in the PDF. Axes, ticks and labels are laid out
//! here rather than by plotters' mesh, because label collisions (the first rule of the
//! deck design) need control over every label. Text is SVG text in the theme's font,
//! which Typst draws with the World's fonts: crisp and extractable.

mod bars;
mod data;
mod gantt;
mod lines;
mod scatter;
mod waterfall;

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use bars::{Bars, Curve, HBars, StackedBars, bars_with_line, hbars, pareto_curve, stacked_bars};
pub use data::{ChartData, Drawn, Look, Point, Rgb, Series, Span};
pub use gantt::{GanttRow, gantt};
pub use lines::{LineSeries, line_chart};
pub use scatter::{Scatter, ScatterPoint, scatter};
pub use waterfall::{Step, Waterfall, waterfall};

use crate::theme::{Theme, parse_hex};

/// A chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(pub String);

/// Colours and font of the charts, from the theme.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Font family registered with plotters (the theme's font).
    pub font: &'static str,
    /// The page behind the chart.
    pub background: RGBColor,
    /// Primary.
    pub primary: RGBColor,
    /// Accent.
    pub accent: RGBColor,
    /// Body text.
    pub text: RGBColor,
    /// Secondary text.
    pub subtle: RGBColor,
    /// Muted data.
    pub muted: RGBColor,
    /// Rules.
    pub light: RGBColor,
    /// Positive / neutral / negative / unknown.
    pub positive: RGBColor,
    /// Neutral.
    pub neutral: RGBColor,
    /// Negative.
    pub negative: RGBColor,
    /// Unknown.
    pub unknown: RGBColor,
    /// Tier A / B / C.
    pub tiers: [RGBColor; 3],
    /// Series colours.
    pub series: Vec<RGBColor>,
    /// Label size in points.
    pub label: f64,
}

fn rgb(hex: &str) -> RGBColor {
    let (r, g, b) = parse_hex(hex).unwrap_or((0, 0, 0));
    RGBColor(r, g, b)
}

/// Family names already registered with plotters (its registry is global).
fn registered() -> &'static Mutex<HashSet<String>> {
    static SET: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    SET.get_or_init(|| Mutex::new(HashSet::new()))
}

/// Width of the 16:9 page's content area with the default margins: the charts' sizes are
/// drawn for it.
const WIDE_CONTENT: f64 = 297.0 * 72.0 / 25.4 - 72.0;

impl ChartStyle {
    /// The chart style of `theme`, registering its body font with plotters once per process.
    pub fn new(theme: &Theme, assets: &crate::assets::Assets) -> Self {
        let c = &theme.colors;
        let mut reg = registered().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // plotters keeps fonts by family name for the whole process; it measures nothing
        // kamdeck relies on (labels are measured by `text_width`), and Typst draws the SVG's
        // text with the theme's own files.
        if !reg.contains(&theme.font) {
            for (style, weight) in [(FontStyle::Normal, 400), (FontStyle::Bold, 600)] {
                let file = crate::theme::fonts::file_of(&theme.font_files, &theme.font, weight);
                if let Some(bytes) = file.and_then(|f| assets.get(f)) {
                    let leaked: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
                    let _ = plotters::style::register_font(&theme.font, style, leaked);
                }
            }
            reg.insert(theme.font.clone());
        }
        let font: &'static str = Box::leak(theme.font.clone().into_boxed_str());
        // Charts are drawn at sizes made for the 16:9 page and scaled into their place; on a
        // narrower page their labels are drawn larger so that they print at `sizes.chart`.
        let shrink = (theme.page.content_width() / WIDE_CONTENT).clamp(0.5, 1.0);
        Self {
            font,
            background: rgb(&c.background),
            primary: rgb(&c.primary),
            accent: rgb(&c.accent),
            text: rgb(&c.text),
            subtle: rgb(&c.subtle),
            muted: rgb(&c.muted),
            light: rgb(&c.light),
            positive: rgb(&c.positive),
            neutral: rgb(&c.neutral),
            negative: rgb(&c.negative),
            unknown: rgb(&c.unknown),
            tiers: [rgb(&c.tier_a), rgb(&c.tier_b), rgb(&c.tier_c)],
            series: c.series.iter().map(|s| rgb(s)).collect(),
            label: theme.sizes.chart / shrink,
        }
    }

    /// Shade `k` of `n` of `base`, from a light tint to `base` itself, over the page's
    /// background: the plans of a stacked bar, one hue, distinct from the tiers' colours.
    pub fn shade(&self, base: RGBColor, k: usize, n: usize) -> RGBColor {
        let t = 0.35 + 0.65 * (k + 1) as f64 / n.max(1) as f64;
        let mix = |a: u8, b: u8| (f64::from(b) * t + f64::from(a) * (1.0 - t)).round().clamp(0.0, 255.0) as u8;
        let (RGBColor(r0, g0, b0), RGBColor(r1, g1, b1)) = (self.background, base);
        RGBColor(mix(r0, r1), mix(g0, g1), mix(b0, b1))
    }

    /// Series colour `i` (cycling).
    pub fn series(&self, i: usize) -> RGBColor {
        self.series[i % self.series.len()]
    }
}

/// Horizontal anchor of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at x.
    Left,
    /// Text is centred on x.
    Center,
    /// Text ends at x.
    Right,
}

/// How a label is written.
#[derive(Debug, Clone, Copy)]
pub struct Ink {
    /// Size in points.
    pub size: f64,
    /// Colour.
    pub color: RGBColor,
    /// Semibold.
    pub bold: bool,
}

/// Draws on an SVG canvas in points; remembers the first drawing error.
pub struct Painter<'a, 'b> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    /// The chart style.
    pub style: &'b ChartStyle,
    error: RefCell<Option<String>>,
}

/// Rounds a coordinate to the SVG's integer grid.
fn px(v: f64) -> i32 {
    v.round().clamp(-1e6, 1e6) as i32
}

impl Painter<'_, '_> {
    fn check<E: std::fmt::Debug>(&self, r: Result<(), E>) {
        if let Err(e) = r {
            self.error.borrow_mut().get_or_insert_with(|| format!("{e:?}"));
        }
    }

    /// A filled rectangle.
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) {
        self.check(self.area.draw(&Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], color.filled())));
    }

    /// An outlined rectangle.
    pub fn frame(&self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor, width: u32) {
        self.check(self.area.draw(&Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], color.stroke_width(width))));
    }

    /// A polyline.
    pub fn line(&self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.check(self.area.draw(&PathElement::new(pts, color.stroke_width(width))));
    }

    /// A dashed polyline.
    pub fn dashed(&self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.check(self.area.draw(&plotters::element::DashedPathElement::new(pts, 4, 3, color.stroke_width(width))));
    }

    /// A filled polygon at `opacity`.
    pub fn polygon(&self, points: &[(f64, f64)], fill: RGBColor, opacity: f64) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.check(self.area.draw(&Polygon::new(pts, fill.mix(opacity).filled())));
    }

    /// A circle, filled with `fill` at `opacity`, outlined with `stroke`.
    pub fn circle(&self, x: f64, y: f64, r: f64, fill: RGBColor, opacity: f64, stroke: Option<RGBColor>) {
        let radius = r.round().max(1.0) as u32;
        self.check(self.area.draw(&Circle::new((px(x), px(y)), radius, fill.mix(opacity).filled())));
        if let Some(s) = stroke {
            self.check(self.area.draw(&Circle::new((px(x), px(y)), radius, s.stroke_width(1))));
        }
    }

    /// The page's colour behind a label, so that no grid or split line runs through it.
    pub fn backdrop(&self, b: &LabelBox) {
        let (x0, y0, x1, y1) = (b.x0 - 1.5, b.y0, b.x1 + 1.5, b.y1);
        self.polygon(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], self.style.background, 0.85);
    }

    /// A label whose vertical centre is at `at`.
    pub fn text(&self, s: &str, at: (f64, f64), ink: Ink, align: Align) {
        let Ink { size, color, bold } = ink;
        let (x, y) = at;
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let font_style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        // plotters' SVG backend divides the size by 1.24 (its pixel-to-point factor).
        let style = TextStyle::from((self.style.font, size * 1.24, font_style).into_font())
            .color(&color)
            .pos(Pos::new(h, VPos::Center));
        // XML has no place for control characters (a name holding an escape sequence made the
        // whole SVG unreadable) and they show nothing anyway; a label is one run of text, so
        // direction controls have nothing to reorder. Both are left out of the drawing.
        let shown: String = s.chars().filter(|c| !c.is_control() && !crate::i18n::is_bidi_control(*c)).collect();
        self.check(self.area.draw(&Text::new(shown, (px(x), px(y)), style)));
    }
}

/// Draws a `w` × `h` chart and returns its SVG.
pub fn draw(w: f64, h: f64, style: &ChartStyle, f: impl FnOnce(&Painter<'_, '_>)) -> Result<String, ChartError> {
    let mut svg = String::new();
    let size = (w.round() as u32, h.round() as u32);
    let error = {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let painter = Painter { area, style, error: RefCell::new(None) };
        f(&painter);
        painter.check(painter.area.present());
        painter.error.into_inner()
    };
    match error {
        Some(e) => Err(ChartError(e)),
        // plotters knows only "bold"; the deck's emphasis weight is semibold, and a third
        // weight would be one more font subset in every PDF.
        None => Ok(svg.replace(r#"font-weight="bold""#, r#"font-weight="600""#)),
    }
}

/// Approximate width of `s` at `size` pt in the theme's sans-serif (for collision checks).
pub fn text_width(s: &str, size: f64) -> f64 {
    let n = s.chars().count() as f64;
    n * size * 0.6
}

/// Shortens `s` to about `max` characters with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t = t.trim_end().to_owned();
        t.push('…');
        t
    }
}

/// About `n` round tick values covering 0..=`max` (steps of 1, 2, 2.5 or 5 × 10^k).
pub fn nice_ticks(max: f64, n: usize) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() {
        return vec![0.0, 1.0];
    }
    let raw = max / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let mut ticks = vec![0.0];
    let mut t = 0.0;
    while t < max - 1e-9 * max {
        t += step;
        ticks.push(t);
    }
    ticks
}

/// A rectangle occupied by a label, for collision checks.
#[derive(Debug, Clone, Copy)]
pub struct LabelBox {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl LabelBox {
    /// The box of a label of `width` × `height` anchored at (x, y).
    pub fn new(x: f64, y: f64, width: f64, height: f64, align: Align) -> Self {
        let x0 = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        Self { x0, y0: y - height / 2.0, x1: x0 + width, y1: y + height / 2.0 }
    }

    /// Whether two boxes overlap.
    pub fn hits(&self, o: &LabelBox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the box lies within (x0, y0)–(x1, y1).
    pub fn inside(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        self.x0 >= x0 && self.x1 <= x1 && self.y0 >= y0 && self.y1 <= y1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(2_400_000.0, 4), vec![0.0, 1e6, 2e6, 3e6]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn label_boxes_collide() {
        let a = LabelBox::new(0.0, 0.0, 10.0, 4.0, Align::Left);
        assert!(a.hits(&LabelBox::new(5.0, 1.0, 10.0, 4.0, Align::Left)));
        assert!(!a.hits(&LabelBox::new(11.0, 0.0, 10.0, 4.0, Align::Left)));
    }
}
