//! A marked table: what its metadata says it shows, and where its rows lie.

use typst::foundations::{Dict, IntoValue, Value};
use typst::introspection::Tag;
use typst::layout::{Frame, FrameItem};

use super::map::Map;
use super::text::collect_lines;
use super::{Line, Rect, Table};

/// A marked table: what its metadata says it shows, where its rows lie (from its text).
pub(super) fn table(frame: &Frame, rect: Rect, map: Map) -> Option<Table> {
    let data = frame.items().find_map(|(_, item)| match item {
        FrameItem::Tag(Tag::Start(content, _)) => {
            content.to_packed::<typst::introspection::MetadataElem>().map(|m| m.value.clone())
        }
        _ => None,
    })?;
    let Value::Dict(d) = data else { return None };
    let strings = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(a) => a.iter().map(plain).collect(),
            _ => Vec::new(),
        }
    };
    let header = strings(d.get("header").ok()?);
    let rows: Vec<Vec<String>> = match d.get("rows").ok()? {
        Value::Array(a) => a.iter().map(strings).collect(),
        _ => return None,
    };
    let n = header.len();
    let aligns = strings(d.get("aligns").unwrap_or(&Value::None));
    let tints = match d.get("tints") {
        Ok(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let size = pt(&d, "size").unwrap_or(11.0) * map.sx;
    let head = pt(&d, "head").unwrap_or(size) * map.sx;
    let mut lines = Vec::new();
    collect_lines(frame, map, &mut lines);
    let gutter = pt(&d, "gutter").unwrap_or(0.0) * map.sx;
    let widths = match d.get("widths") {
        Ok(Value::Array(a)) if a.len() == n => a.iter().map(|v| length(v).unwrap_or(0.0) * map.sx).collect(),
        _ if gutter > 0.0 && n > 0 => natural_widths(&header, &rows, &lines, rect.w, gutter),
        _ => estimated_widths(&header, &rows, rect.w),
    };
    let width: f64 = widths.iter().sum::<f64>() + gutter * n.saturating_sub(1) as f64;
    let rows_y = row_tops(&lines, rows.len() + 1, rect);
    Some(Table {
        rect: Rect { w: if width > 0.0 { width } else { rect.w }, ..rect },
        header,
        rows,
        aligns,
        tints,
        widths,
        rows_y,
        size,
        head,
        strong_last: matches!(d.get("strong"), Ok(Value::Bool(true))),
        font: body_font(&lines),
        head_font: lines
            .iter()
            .flat_map(|l| l.runs.first())
            .map(|r| (r.font.clone(), r.bold))
            .next()
            .unwrap_or_default(),
        inset: pt(&d, "inset").unwrap_or(5.0) * map.sx,
        gutter: pt(&d, "gutter").unwrap_or(0.0) * map.sx,
        rules: !matches!(d.get("rules"), Ok(Value::Bool(false))),
    })
}

/// Where each row starts: a row is a band of lines; with as many bands as rows the bands
/// decide, otherwise the rows share the height evenly.
pub(super) fn row_tops(lines: &[Line], rows: usize, rect: Rect) -> Vec<f64> {
    let mut bands: Vec<(f64, f64)> = Vec::new();
    let mut sorted: Vec<&Line> = lines.iter().collect();
    sorted.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    for l in sorted {
        let (top, bottom) = (l.baseline - l.ascent, l.baseline + l.descent);
        match bands.last_mut() {
            Some(b) if top < b.1 - 0.5 => b.1 = b.1.max(bottom),
            _ => bands.push((top, bottom)),
        }
    }
    if bands.len() == rows && rows > 0 {
        let mut tops = vec![0.0];
        for w in bands.windows(2) {
            tops.push((w[0].1 + w[1].0) / 2.0 - rect.y);
        }
        tops.push(rect.h);
        return tops;
    }
    (0..=rows).map(|k| rect.h * k as f64 / rows.max(1) as f64).collect()
}

/// The column widths of a table of one line per cell whose first column takes the room the
/// others leave (`column-table`: `(1fr, auto, …)`): an auto column is as wide as its widest
/// line, which the laid-out lines give without laying anything out again.
fn natural_widths(header: &[String], rows: &[Vec<String>], lines: &[Line], width: f64, gutter: f64) -> Vec<f64> {
    let n = header.len();
    let mut widths = vec![0.0_f64; n];
    for line in lines {
        let text: String = line.runs.iter().map(|r| r.text.as_str()).collect();
        let text = text.trim();
        for (k, w) in widths.iter_mut().enumerate() {
            let holds = header[k].trim() == text || rows.iter().any(|r| r.get(k).is_some_and(|c| c.trim() == text));
            if holds {
                *w = w.max(line.width);
            }
        }
    }
    let others: f64 = widths.iter().skip(1).sum();
    widths[0] = (width - others - gutter * (n - 1) as f64).max(widths[0]);
    widths
}

/// Column widths for a table Typst sized itself: shared in proportion to each column's
/// longest text (a header word at least).
pub(super) fn estimated_widths(header: &[String], rows: &[Vec<String>], width: f64) -> Vec<f64> {
    let weights: Vec<f64> = (0..header.len())
        .map(|x| {
            let cells = rows.iter().filter_map(|r| r.get(x)).map(|c| c.chars().count()).max().unwrap_or(0);
            let head = header[x].split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
            cells.max(head).max(2) as f64
        })
        .collect();
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| width * w / total.max(1.0)).collect()
}

pub(super) fn pt(d: &Dict, key: &str) -> Option<f64> {
    length(d.get(key).ok()?)
}

pub(super) fn length(v: &Value) -> Option<f64> {
    match v {
        Value::Length(l) => Some(l.abs.to_pt()),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// A cell as plain text (a string, or the text of content such as a bold last row).
pub(super) fn plain(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Content(c) => c.plain_text().to_string(),
        Value::None => String::new(),
        other => other.clone().into_value().display().plain_text().to_string(),
    }
}

/// The body cells' font: the one most of the runs below the header use (a total row or a
/// tinted row may be set in another).
fn body_font(lines: &[Line]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for run in lines.iter().skip(1).flat_map(|l| &l.runs) {
        match counts.iter_mut().find(|(f, _)| *f == run.font) {
            Some((_, n)) => *n += 1,
            None => counts.push((&run.font, 1)),
        }
    }
    let best = counts.iter().max_by_key(|(_, n)| *n).map(|(f, _)| (*f).to_owned());
    best.or_else(|| lines.first().and_then(|l| l.runs.first()).map(|r| r.font.clone())).unwrap_or_default()
}
