//! Lines of text from Typst's text runs, and the font names an office program knows.

use typst::layout::{Frame, FrameItem};
use typst::text::TextItem;

use super::map::{Map, rgba};
use super::{Line, Rect, Rgba, Run};

/// The rectangle around lines of text: from the first line's ascent to the last's descent.
pub(super) fn text_rect(lines: &[Line]) -> Option<Rect> {
    let first = lines.first()?;
    let last = lines.last()?;
    let x = lines.iter().map(|l| l.x).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.x + l.width).fold(f64::NEG_INFINITY, f64::max);
    let top = first.baseline - first.ascent;
    Some(Rect { x, y: top, w: right - x, h: last.baseline + last.descent - top })
}

/// Every line of text inside `frame`, in order.
pub(super) fn collect_lines(frame: &Frame, map: Map, out: &mut Vec<Line>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => collect_lines(&g.frame, map.then(*pos, g.transform), out),
            FrameItem::Text(t) => {
                let (x, y) = map.at(*pos);
                add_run(out, t, x, y, map.sx);
            }
            _ => {}
        }
    }
}

/// Adds a text item to the last line when it continues it (same baseline, adjacent), else
/// starts a line.
pub(super) fn add_run(lines: &mut Vec<Line>, t: &TextItem, x: f64, y: f64, scale: f64) {
    let text: String = t.text.chars().filter(|c| !c.is_control()).collect();
    if text.is_empty() {
        return;
    }
    let size = t.size.to_pt() * scale;
    let width = t.width().to_pt() * scale;
    let metrics = t.font.metrics();
    let ascent = metrics.ascender.at(t.size).to_pt() * scale;
    let descent = -metrics.descender.at(t.size).to_pt() * scale;
    let (font, bold, italic) = face_name(t);
    let run = Run { text, font, size, bold, italic, color: rgba(&t.fill).unwrap_or(Rgba([0, 0, 0, 255])) };
    if let Some(line) = lines.last_mut()
        && (line.baseline - y).abs() < 0.2
        && x - (line.x + line.width) < size
        && x >= line.x + line.width - 0.5
    {
        // A gap between runs (a space set apart, a word in its own box) stays a space.
        let gap = x - (line.x + line.width);
        let mut run = run;
        if gap > 0.15 * size && !line.runs.last().is_some_and(|r| r.text.ends_with(' ')) {
            run.text.insert(0, ' ');
        }
        line.width = x + width - line.x;
        line.ascent = line.ascent.max(ascent);
        line.descent = line.descent.max(descent);
        match line.runs.last_mut() {
            Some(last) if same_style(last, &run) => last.text.push_str(&run.text),
            _ => line.runs.push(run),
        }
        return;
    }
    lines.push(Line { x, baseline: y, width, ascent, descent, runs: vec![run] });
}

/// The font as an office program names it: its legacy family (`Inter SemiBold`; name 1)
/// with the bold and italic flags of its subfamily (name 2), so the same face is picked
/// where the font is installed; Typst's typographic family (`Inter`) with a weight of 600
/// would come out as Inter Bold.
pub(super) fn face_name(t: &TextItem) -> (String, bool, bool) {
    let face = t.font.ttf();
    let name =
        |id: u16| face.names().into_iter().filter(|n| n.name_id == id && n.is_unicode()).find_map(|n| n.to_string());
    let info = t.font.font().info();
    match (name(1), name(2)) {
        (Some(family), Some(sub)) => (family, sub.contains("Bold"), sub.contains("Italic") || sub.contains("Oblique")),
        _ => (
            info.family.clone(),
            info.variant.weight.to_number() >= 600,
            info.variant.style != typst::text::FontStyle::Normal,
        ),
    }
}

pub(super) fn same_style(a: &Run, b: &Run) -> bool {
    a.font == b.font && (a.size - b.size).abs() < 0.01 && a.bold == b.bold && a.italic == b.italic && a.color == b.color
}
