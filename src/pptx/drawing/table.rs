//! A marked table as a PowerPoint table: Typst's column widths and row heights, the theme's
//! header rule, row rules and tints, each column's alignment.

use std::fmt::Write as _;

use super::{Tints, Tree, color, emu, fill, run_xml, size100};
use crate::pptx::layout::{Rgba, Run, Table};
use crate::pptx::xml::esc;

impl Tree {
    pub(super) fn table(&mut self, t: &Table, tints: Tints<'_>, lang: &str) {
        self.frame_open(t.rect, "Table");
        self.xml.push_str("<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"/><a:tblGrid>");
        let n = t.widths.len();
        // A gutter between columns goes half into each neighbouring cell's margin.
        let margins = |x: usize| {
            let half = t.gutter / 2.0;
            (t.inset + if x > 0 { half } else { 0.0 }, t.inset + if x + 1 < n { half } else { 0.0 })
        };
        for (x, w) in t.widths.iter().enumerate() {
            let (l, r) = margins(x);
            let _ = write!(self.xml, "<a:gridCol w=\"{}\"/>", emu(w + l + r - 2.0 * t.inset));
        }
        self.xml.push_str("</a:tblGrid>");
        let height = |k: usize| t.rows_y.get(k + 1).zip(t.rows_y.get(k)).map_or(0.0, |(b, a)| b - a);
        let ink = Rgba([0x1F, 0x29, 0x33, 255]);
        let subtle = tints("subtle").unwrap_or(ink);
        let text = tints("text").unwrap_or(ink);
        let light = tints("light").unwrap_or(Rgba([0xD0, 0xD5, 0xDD, 255]));
        let paper = tints("background").unwrap_or(Rgba([255, 255, 255, 255]));
        let row = |xml: &mut String, cells: &[String], h: f64, style: CellStyle| {
            let _ = write!(xml, "<a:tr h=\"{}\">", emu(h));
            for x in 0..n {
                let cell = cells.get(x).map_or("", String::as_str);
                let align = match t.aligns.get(x).map(String::as_str) {
                    Some("right") => "r",
                    Some("center") => "ctr",
                    _ => "l",
                };
                xml.push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
                let (font, bold) = if style.strong { t.head_font.clone() } else { (t.font.clone(), false) };
                let run =
                    Run { text: cell.to_owned(), font, size: style.size, bold, italic: false, color: style.color };
                // A paragraph per line of the cell (an empty cell is one empty paragraph).
                for part in cell.split('\n') {
                    let _ = write!(
                        xml,
                        "<a:p><a:pPr algn=\"{align}\"><a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc></a:pPr>",
                        size100(LINE * style.size)
                    );
                    if !part.is_empty() {
                        run_xml(xml, &Run { text: part.to_owned(), ..run.clone() }, lang);
                    }
                    let _ = write!(xml, "<a:endParaRPr lang=\"{}\" sz=\"{}\"/></a:p>", esc(lang), size100(style.size));
                }
                xml.push_str("</a:txBody>");
                // PowerPoint sets a line a font's full height (ascent to descent), Typst its
                // cap height: the row keeps Typst's height when the margins give up the rest.
                // A point of slack on each side: another renderer's metrics must not wrap
                // a cell Typst set on one line (the text moves by at most that point).
                let (l, r) = margins(x);
                let (l, r) = ((l - SLACK).max(0.0), (r - SLACK).max(0.0));
                let v = ((h - LINE * style.size) / 2.0).clamp(0.0, style.pad);
                let _ = write!(
                    xml,
                    "<a:tcPr marL=\"{}\" marR=\"{}\" marT=\"{v}\" marB=\"{v}\" anchor=\"ctr\">",
                    emu(l),
                    emu(r),
                    v = emu(v)
                );
                let border = |xml: &mut String, tag: &str, line: Option<(Rgba, f64)>| match line {
                    Some((c, w)) => {
                        let _ = write!(xml, "<a:{tag} w=\"{}\"><a:solidFill>", emu(w));
                        color(xml, c);
                        let _ = write!(xml, "</a:solidFill></a:{tag}>");
                    }
                    None => {
                        let _ = write!(xml, "<a:{tag} w=\"0\"><a:noFill/></a:{tag}>");
                    }
                };
                border(xml, "lnL", None);
                border(xml, "lnR", None);
                border(xml, "lnT", None);
                border(xml, "lnB", Some(style.rule).filter(|(_, w)| *w > 0.0));
                match style.fill {
                    Some(c) => fill(xml, c),
                    None => xml.push_str("<a:noFill/>"),
                }
                xml.push_str("</a:tcPr></a:tc>");
            }
            xml.push_str("</a:tr>");
        };
        let pad = 3.6;
        row(
            &mut self.xml,
            &t.header,
            height(0),
            CellStyle { size: t.head, strong: true, color: subtle, rule: (text, 0.8), fill: None, pad },
        );
        let last = t.rows.len().saturating_sub(1);
        for (k, cells) in t.rows.iter().enumerate() {
            let tint = t.tints.get(k).and_then(|c| c.as_deref()).and_then(tints).map(|c| wash(c, paper, 0.85));
            let style = CellStyle {
                size: t.size,
                strong: t.strong_last && k == last,
                color: text,
                rule: (light, if t.rules { 0.4 } else { 0.0 }),
                fill: tint,
                pad,
            };
            row(&mut self.xml, cells, height(k + 1), style);
        }
        self.xml.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    }
}

/// Points a cell's side margins give up to its text.
const SLACK: f64 = 1.0;

/// A table line's height in PowerPoint, in ems: set exactly, so a row is as high as
/// Typst's (cap height plus insets) rather than a font's full line height plus margins.
const LINE: f64 = 1.1;

#[derive(Clone, Copy)]
struct CellStyle {
    size: f64,
    /// Set in the header's (semibold) face.
    strong: bool,
    color: Rgba,
    rule: (Rgba, f64),
    fill: Option<Rgba>,
    pad: f64,
}

/// A colour washed into the page, as the theme's `wash` tints table rows: pale on a light
/// page, dark on a dark one (`amount` of the page).
fn wash(c: Rgba, paper: Rgba, amount: f64) -> Rgba {
    let mix = |v: u8, p: u8| (f64::from(v) * (1.0 - amount) + f64::from(p) * amount).round() as u8;
    Rgba([mix(c.0[0], paper.0[0]), mix(c.0[1], paper.0[1]), mix(c.0[2], paper.0[2]), 255])
}
