//! DrawingML for what a page holds: text boxes, tables, shapes, pictures and chart frames.
//!
//! Every element is placed at the rectangle Typst gave it (points × 12,700 = EMU). Text
//! keeps Typst's line breaks (a paragraph per laid-out line, no wrapping, no insets), so a
//! box shows what the PDF shows whichever fonts the viewer has.

use std::fmt::Write as _;

mod table;

use super::layout::{Dash, Item, Line, Outline, Rect, Rgba, Run, Seg, Shape, Stroke, TextBox};
use super::xml::esc;

/// EMU per point.
pub(super) const EMU: f64 = 12_700.0;

pub(super) fn emu(pt: f64) -> i64 {
    (pt * EMU).round() as i64
}

/// What a slide's shapes refer to: pictures and charts get relationship ids from the slide.
pub(super) trait Parts {
    /// The relationship id of a picture.
    /// The relationship ids of a picture: the image, and for an SVG its vector original.
    fn picture(&mut self, data: &[u8], ext: &'static str, rect: Rect) -> (String, Option<String>);
    /// The relationship id of a chart, and what is drawn over it.
    fn chart(&mut self, slide: usize, chart: usize, rect: Rect) -> Option<(String, Vec<Item>)>;
}

/// The theme's colour names for table tints.
pub(super) type Tints<'a> = &'a dyn Fn(&str) -> Option<Rgba>;

/// The shapes of one page, in painting order.
pub(super) struct Tree {
    xml: String,
    next_id: u32,
}

impl Tree {
    pub(super) fn new() -> Self {
        Self { xml: String::new(), next_id: 2 }
    }

    fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub(super) fn into_xml(self) -> String {
        self.xml
    }

    pub(super) fn item(&mut self, item: &Item, parts: &mut dyn Parts, tints: Tints<'_>, lang: &str) {
        match item {
            Item::Text(t) => self.text(t, lang),
            Item::Table(t) => self.table(t, tints, lang),
            Item::Shape(s) => self.shape(s),
            Item::Picture { rect, data, ext, alt } => {
                let (rid, svg) = parts.picture(data, ext, *rect);
                self.picture(*rect, &rid, svg.as_deref(), alt);
            }
            Item::Chart { rect, slide, chart } => {
                if let Some((rid, overlay)) = parts.chart(*slide, *chart, *rect) {
                    self.chart(*rect, &rid);
                    for item in &overlay {
                        self.item(item, parts, tints, lang);
                    }
                }
            }
        }
    }

    fn xfrm(&mut self, r: Rect, flips: &str) {
        let _ = write!(
            self.xml,
            "<a:xfrm{flips}><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
            emu(r.x),
            emu(r.y),
            emu(r.w.max(0.0)),
            emu(r.h.max(0.0))
        );
    }

    fn text(&mut self, t: &TextBox, lang: &str) {
        let id = self.id();
        let name: String = t.lines.iter().flat_map(|l| l.runs.iter().flat_map(|r| r.text.chars())).take(40).collect();
        let name = esc(&name);
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Text {id}: {name}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>"
        );
        let rect = t.rect;
        self.xfrm(rect, "");
        self.xml.push_str("<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>");
        self.xml.push_str("<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr><a:lstStyle/>");
        let mut prev: Option<&Line> = None;
        for line in &t.lines {
            let indent = emu(line.x - rect.x);
            self.xml.push_str("<a:p><a:pPr");
            if indent > 0 {
                let _ = write!(self.xml, " marL=\"{indent}\"");
            }
            self.xml.push('>');
            // The distance from the line before: exact, as Typst set it.
            let pitch = match prev {
                Some(p) => line.baseline - p.baseline,
                None => line.ascent + line.descent,
            };
            let _ = write!(
                self.xml,
                "<a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc><a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:spcAft><a:spcPts val=\"0\"/></a:spcAft><a:buNone/></a:pPr>",
                (pitch * 100.0).round().max(100.0) as i64
            );
            for run in &line.runs {
                run_xml(&mut self.xml, run, lang);
            }
            self.xml.push_str("</a:p>");
            prev = Some(line);
        }
        self.xml.push_str("</p:txBody></p:sp>");
    }

    fn shape(&mut self, s: &Shape) {
        let id = self.id();
        let (tag, nv) = match s.outline {
            Outline::Line { .. } => (
                "p:cxnSp",
                format!("<p:nvCxnSpPr><p:cNvPr id=\"{id}\" name=\"Line {id}\"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>"),
            ),
            _ => (
                "p:sp",
                format!("<p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Shape {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>"),
            ),
        };
        let _ = write!(self.xml, "<{tag}>{nv}<p:spPr>");
        let flips = match s.outline {
            Outline::Line { flip_h, flip_v } => {
                format!("{}{}", if flip_h { " flipH=\"1\"" } else { "" }, if flip_v { " flipV=\"1\"" } else { "" })
            }
            _ => String::new(),
        };
        self.xfrm(s.rect, &flips);
        match &s.outline {
            Outline::Rect => self.xml.push_str("<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"),
            Outline::Line { .. } => self.xml.push_str("<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom>"),
            Outline::Path(segs) => path(&mut self.xml, segs, s.rect, s.fill.is_some()),
        }
        match s.fill {
            Some(c) => fill(&mut self.xml, c),
            None => self.xml.push_str("<a:noFill/>"),
        }
        line_props(&mut self.xml, s.stroke);
        let _ = write!(self.xml, "</p:spPr></{tag}>");
    }

    fn picture(&mut self, rect: Rect, rid: &str, svg: Option<&str>, alt: &str) {
        let id = self.id();
        // An SVG goes beside its PNG, as PowerPoint writes it (Office 2016 and later show the SVG).
        let vector = svg.map_or_else(String::new, |s| {
            format!(
                "<a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{s}\"/></a:ext></a:extLst>"
            )
        });
        let _ = write!(
            self.xml,
            "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"{rid}\">{vector}</a:blip><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>",
            esc(alt)
        );
        self.xfrm(rect, "");
        self.xml.push_str("<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>");
    }

    pub(super) fn frame_open(&mut self, rect: Rect, kind: &str) -> u32 {
        let id = self.id();
        let _ = write!(
            self.xml,
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"{kind} {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></p:xfrm>",
            emu(rect.x),
            emu(rect.y),
            emu(rect.w),
            emu(rect.h)
        );
        id
    }

    fn chart(&mut self, rect: Rect, rid: &str) {
        self.frame_open(rect, "Chart");
        let _ = write!(
            self.xml,
            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{rid}\"/></a:graphicData></a:graphic></p:graphicFrame>"
        );
    }
}

/// Font size in hundredths of a point.
pub(super) fn size100(size: f64) -> i64 {
    (size * 100.0).round().clamp(100.0, 400_000.0) as i64
}

/// A run: its size, weight and colour, in its font.
pub(super) fn run_xml(xml: &mut String, r: &Run, lang: &str) {
    let _ = write!(
        xml,
        "<a:r><a:rPr lang=\"{}\" sz=\"{}\" b=\"{}\" i=\"{}\" dirty=\"0\"><a:solidFill>",
        esc(lang),
        size100(r.size),
        u8::from(r.bold),
        u8::from(r.italic)
    );
    color(xml, r.color);
    let face = esc(&r.font);
    let _ = write!(
        xml,
        "</a:solidFill><a:latin typeface=\"{face}\"/><a:ea typeface=\"{face}\"/><a:cs typeface=\"{face}\"/></a:rPr><a:t>{}</a:t></a:r>",
        esc(&r.text)
    );
}

pub(super) fn color(xml: &mut String, c: Rgba) {
    let _ = write!(xml, "<a:srgbClr val=\"{}\"", c.hex());
    if c.0[3] < 255 {
        let _ = write!(xml, "><a:alpha val=\"{}\"/></a:srgbClr>", u32::from(c.0[3]) * 100_000 / 255);
    } else {
        xml.push_str("/>");
    }
}

pub(super) fn fill(xml: &mut String, c: Rgba) {
    xml.push_str("<a:solidFill>");
    color(xml, c);
    xml.push_str("</a:solidFill>");
}

pub(super) fn line_props(xml: &mut String, stroke: Option<Stroke>) {
    match stroke {
        Some(s) => {
            let _ = write!(xml, "<a:ln w=\"{}\">", emu(s.width));
            fill(xml, s.color);
            match s.dash {
                Some(Dash::Dotted) => xml.push_str("<a:prstDash val=\"sysDot\"/><a:round/>"),
                Some(Dash::Dashed) => xml.push_str("<a:prstDash val=\"dash\"/>"),
                None => {}
            }
            xml.push_str("</a:ln>");
        }
        None => xml.push_str("<a:ln><a:noFill/></a:ln>"),
    }
}

/// A freeform outline in the shape's own coordinates.
fn path(xml: &mut String, segs: &[Seg], rect: Rect, filled: bool) {
    let _ = write!(
        xml,
        "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l=\"0\" t=\"0\" r=\"r\" b=\"b\"/><a:pathLst><a:path w=\"{}\" h=\"{}\"{}>",
        emu(rect.w).max(1),
        emu(rect.h).max(1),
        if filled { "" } else { " fill=\"none\"" }
    );
    let pt = |xml: &mut String, x: f64, y: f64| {
        let _ = write!(xml, "<a:pt x=\"{}\" y=\"{}\"/>", emu(x), emu(y));
    };
    for s in segs {
        match *s {
            Seg::Move(x, y) => {
                xml.push_str("<a:moveTo>");
                pt(xml, x, y);
                xml.push_str("</a:moveTo>");
            }
            Seg::Line(x, y) => {
                xml.push_str("<a:lnTo>");
                pt(xml, x, y);
                xml.push_str("</a:lnTo>");
            }
            Seg::Cubic([a, b, c, d, e, f]) => {
                xml.push_str("<a:cubicBezTo>");
                pt(xml, a, b);
                pt(xml, c, d);
                pt(xml, e, f);
                xml.push_str("</a:cubicBezTo>");
            }
            Seg::Close => xml.push_str("<a:close/>"),
        }
    }
    xml.push_str("</a:path></a:pathLst></a:custGeom>");
}
