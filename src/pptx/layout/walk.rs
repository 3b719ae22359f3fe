//! The walk over a page's frames: groups with their transforms, marked blocks, images,
//! shapes, and lines of text outside marked blocks.

use typst::foundations::Smart;
use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::{CurveItem, FixedStroke, Geometry, ImageKind, RasterFormat};
use typst_layout::PagedDocument;

use super::map::{Map, rgba};
use super::table::table;
use super::text::{add_run, collect_lines, text_rect};
use super::{ChartIndex, Dash, Item, Line, Outline, Page, Rect, Rgba, Seg, Shape, Stroke, TextBox};

/// Every page of `doc`, with the slide each shows: a page that starts with a kicker starts
/// the next slide (a slide that ran over keeps its further pages); `slides` is the number
/// of deck slides, for a deck whose template left out the kicker.
pub fn pages(doc: &PagedDocument, charts: &ChartIndex<'_>, slides: usize) -> Vec<Page> {
    let mut out: Vec<Page> = Vec::with_capacity(doc.pages().len());
    let counted = doc.pages().len() == slides;
    for (k, page) in doc.pages().iter().enumerate() {
        let mut walk = Walk { charts, items: Vec::new(), loose: Vec::new(), starts: false };
        walk.frame(&page.frame, Map::ID);
        walk.flush_loose();
        let slide = if counted || out.is_empty() {
            k.min(slides.saturating_sub(1))
        } else if walk.starts {
            (out[out.len() - 1].slide + 1).min(slides.saturating_sub(1))
        } else {
            out[out.len() - 1].slide
        };
        let fill = match &page.fill {
            Smart::Custom(Some(paint)) => rgba(paint),
            Smart::Custom(None) => None,
            Smart::Auto => Some(Rgba([255, 255, 255, 255])),
        };
        let size = page.frame.size();
        out.push(Page { width: size.x.to_pt(), height: size.y.to_pt(), fill, slide, items: walk.items });
    }
    out
}

struct Walk<'a, 'b> {
    charts: &'b ChartIndex<'a>,
    items: Vec<Item>,
    /// Lines of text outside marked blocks, gathered until a non-text item comes.
    loose: Vec<Line>,
    /// The page has a marked kicker (a slide's first page).
    starts: bool,
}

impl Walk<'_, '_> {
    fn frame(&mut self, frame: &Frame, map: Map) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => {
                    let inner = map.then(*pos, g.transform);
                    let label = g.label.map(|l| l.resolve().as_str().to_owned());
                    let size = g.frame.size();
                    let (x, y) = inner.at(Point::zero());
                    let rect = Rect { x, y, w: size.x.to_pt() * inner.sx, h: size.y.to_pt() * inner.sy };
                    match label.as_deref() {
                        Some("pptx-table") => {
                            if let Some(t) = table(&g.frame, rect, inner) {
                                self.push(Item::Table(t));
                                continue;
                            }
                            self.frame(&g.frame, inner);
                        }
                        Some(kind @ ("pptx-text" | "pptx-kicker")) => {
                            let mut lines = Vec::new();
                            collect_lines(&g.frame, inner, &mut lines);
                            self.starts |= kind == "pptx-kicker";
                            if !lines.is_empty() {
                                let rect = text_rect(&lines).unwrap_or(rect);
                                self.push(Item::Text(TextBox { rect, lines }));
                            }
                        }
                        _ => self.frame(&g.frame, inner),
                    }
                }
                FrameItem::Text(t) => {
                    let (x, y) = map.at(*pos);
                    add_run(&mut self.loose, t, x, y, map.sx);
                }
                FrameItem::Shape(shape, _) => {
                    if let Some(s) = self::shape(shape, map.at(*pos), map) {
                        self.push(Item::Shape(s));
                    }
                }
                FrameItem::Image(image, size, _) => {
                    let (x, y) = map.at(*pos);
                    let rect = Rect { x, y, w: size.x.to_pt() * map.sx, h: size.y.to_pt() * map.sy };
                    let alt = image.alt().unwrap_or_default().to_owned();
                    match image.kind() {
                        ImageKind::Svg(svg) => {
                            if let Some(&(slide, chart)) = self.charts.get(svg.data().as_slice()) {
                                self.push(Item::Chart { rect, slide, chart });
                            } else {
                                self.push(Item::Picture { rect, data: svg.data().to_vec(), ext: "svg", alt });
                            }
                        }
                        ImageKind::Raster(r) => {
                            let ext = match r.format() {
                                RasterFormat::Exchange(f) => match f {
                                    typst::visualize::ExchangeFormat::Png => "png",
                                    typst::visualize::ExchangeFormat::Jpg => "jpg",
                                    typst::visualize::ExchangeFormat::Gif => "gif",
                                    _ => "png",
                                },
                                RasterFormat::Pixel(_) => "png",
                            };
                            self.push(Item::Picture { rect, data: r.data().to_vec(), ext, alt });
                        }
                        ImageKind::Pdf(_) => {}
                    }
                }
                FrameItem::Tag(_) | FrameItem::Link(..) => {}
            }
        }
    }

    fn push(&mut self, item: Item) {
        self.flush_loose();
        self.items.push(item);
    }

    /// Lines outside marked blocks become boxes: consecutive lines of one paragraph (same
    /// left edge, same size, a line's pitch apart) share a box.
    fn flush_loose(&mut self) {
        let lines = std::mem::take(&mut self.loose);
        let mut current: Vec<Line> = Vec::new();
        for line in lines {
            let joins = current.last().is_some_and(|prev: &Line| {
                let size = |l: &Line| l.runs.first().map_or(0.0, |r| r.size);
                let pitch = line.baseline - prev.baseline;
                (prev.x - line.x).abs() < 0.5
                    && (size(prev) - size(&line)).abs() < 0.01
                    && pitch > 0.9 * size(prev)
                    && pitch < 1.9 * size(prev)
            });
            if !joins && !current.is_empty() {
                let lines = std::mem::take(&mut current);
                if let Some(rect) = text_rect(&lines) {
                    self.items.push(Item::Text(TextBox { rect, lines }));
                }
            }
            current.push(line);
        }
        if let Some(rect) = text_rect(&current) {
            self.items.push(Item::Text(TextBox { rect, lines: current }));
        }
    }
}

pub(super) fn stroke(s: &FixedStroke, scale: f64) -> Option<Stroke> {
    // Typst's dots are dashes of length zero (drawn by their round caps).
    let dash = s
        .dash
        .as_ref()
        .map(|d| if d.array.first().is_some_and(|x| x.to_pt() <= 0.01) { Dash::Dotted } else { Dash::Dashed });
    Some(Stroke { color: rgba(&s.paint)?, width: s.thickness.to_pt() * scale, dash })
}

pub(super) fn shape(s: &typst::visualize::Shape, (x, y): (f64, f64), map: Map) -> Option<Shape> {
    let fill = s.fill.as_ref().and_then(rgba);
    let stroke = s.stroke.as_ref().and_then(|st| stroke(st, map.sx));
    if fill.is_none() && stroke.is_none() {
        return None;
    }
    match &s.geometry {
        Geometry::Rect(size) => Some(Shape {
            rect: Rect { x, y, w: size.x.to_pt() * map.sx, h: size.y.to_pt() * map.sy },
            outline: Outline::Rect,
            fill,
            stroke,
        }),
        Geometry::Line(to) => {
            let (dx, dy) = (to.x.to_pt() * map.sx, to.y.to_pt() * map.sy);
            Some(Shape {
                rect: Rect { x: x.min(x + dx), y: y.min(y + dy), w: dx.abs(), h: dy.abs() },
                outline: Outline::Line { flip_h: dx < 0.0, flip_v: dy < 0.0 },
                fill: None,
                stroke,
            })
        }
        Geometry::Curve(curve) => {
            let mut pts: Vec<(f64, f64)> = Vec::new();
            for item in &curve.0 {
                match item {
                    CurveItem::Move(p) | CurveItem::Line(p) => pts.push((p.x.to_pt(), p.y.to_pt())),
                    CurveItem::Cubic(a, b, c) => {
                        pts.extend([a, b, c].iter().map(|p| (p.x.to_pt(), p.y.to_pt())));
                    }
                    CurveItem::Close => {}
                }
            }
            let x0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let y0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let x1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
            let y1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            if !x0.is_finite() {
                return None;
            }
            let at = |p: &Point| ((p.x.to_pt() - x0) * map.sx, (p.y.to_pt() - y0) * map.sy);
            let segs = curve
                .0
                .iter()
                .map(|item| match item {
                    CurveItem::Move(p) => {
                        let (a, b) = at(p);
                        Seg::Move(a, b)
                    }
                    CurveItem::Line(p) => {
                        let (a, b) = at(p);
                        Seg::Line(a, b)
                    }
                    CurveItem::Cubic(p, q, r) => {
                        let ((a, b), (c, d), (e, f)) = (at(p), at(q), at(r));
                        Seg::Cubic([a, b, c, d, e, f])
                    }
                    CurveItem::Close => Seg::Close,
                })
                .collect();
            Some(Shape {
                rect: Rect { x: x + x0 * map.sx, y: y + y0 * map.sy, w: (x1 - x0) * map.sx, h: (y1 - y0) * map.sy },
                outline: Outline::Path(segs),
                fill,
                stroke,
            })
        }
    }
}
