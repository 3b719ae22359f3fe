//! The pieces of a chart part: series with their cached values, axes, the chart space.

use std::fmt::Write as _;

use super::sheet::{Sheet, col, range};
use super::{PLOT, Style, rgba};
use crate::charts::Rgb;
use crate::pptx::drawing::color;
use crate::pptx::layout::Rgba;
use crate::pptx::xml::esc;
use rust_xlsxwriter::XlsxError;

/// One series as the chart part writes it.
pub(super) struct Ser<'a> {
    pub(super) name: &'a str,
    pub(super) name_cell: String,
    /// Category labels (or x values for scatter).
    pub(super) cats: Cats<'a>,
    pub(super) values: &'a [Option<f64>],
    pub(super) values_ref: String,
    pub(super) format: &'a str,
}

pub(super) enum Cats<'a> {
    Text(&'a [String], String),
    Numbers(Vec<Option<f64>>, String),
}

pub(super) fn str_cache(xml: &mut String, items: &[String]) {
    let _ = write!(xml, "<c:strCache><c:ptCount val=\"{}\"/>", items.len());
    for (i, s) in items.iter().enumerate() {
        let _ = write!(xml, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", esc(s));
    }
    xml.push_str("</c:strCache>");
}

pub(super) fn num_cache(xml: &mut String, values: &[Option<f64>], format: &str) {
    let _ =
        write!(xml, "<c:numCache><c:formatCode>{}</c:formatCode><c:ptCount val=\"{}\"/>", esc(format), values.len());
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            let _ = write!(xml, "<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>");
        }
    }
    xml.push_str("</c:numCache>");
}

pub(super) fn tx(xml: &mut String, s: &Ser<'_>) {
    let _ = write!(xml, "<c:tx><c:strRef><c:f>{}</c:f>", s.name_cell);
    str_cache(xml, &[s.name.to_owned()]);
    xml.push_str("</c:strRef></c:tx>");
}

pub(super) fn cats(xml: &mut String, s: &Ser<'_>, tag: &str) {
    match &s.cats {
        Cats::Text(items, r) => {
            let _ = write!(xml, "<c:{tag}><c:strRef><c:f>{r}</c:f>");
            str_cache(xml, items);
            let _ = write!(xml, "</c:strRef></c:{tag}>");
        }
        Cats::Numbers(values, r) => {
            let _ = write!(xml, "<c:{tag}><c:numRef><c:f>{r}</c:f>");
            num_cache(xml, values, "General");
            let _ = write!(xml, "</c:numRef></c:{tag}>");
        }
    }
}

pub(super) fn vals(xml: &mut String, s: &Ser<'_>, tag: &str) {
    let _ = write!(xml, "<c:{tag}><c:numRef><c:f>{}</c:f>", s.values_ref);
    num_cache(xml, s.values, s.format);
    let _ = write!(xml, "</c:numRef></c:{tag}>");
}

pub(super) fn solid(xml: &mut String, c: Rgba) {
    xml.push_str("<a:solidFill>");
    color(xml, c);
    xml.push_str("</a:solidFill>");
}

/// `<c:spPr>` of a filled bar or marker.
pub(super) fn fill_pr(xml: &mut String, c: Option<Rgba>) {
    xml.push_str("<c:spPr>");
    match c {
        Some(c) => solid(xml, c),
        None => xml.push_str("<a:noFill/>"),
    }
    xml.push_str("<a:ln><a:noFill/></a:ln></c:spPr>");
}

/// `<c:spPr>` of a line.
pub(super) fn line_pr(xml: &mut String, c: Rgba, width: f64, dash: bool) {
    let _ = write!(xml, "<c:spPr><a:ln w=\"{}\" cap=\"rnd\">", (width * 12_700.0) as i64);
    solid(xml, c);
    if dash {
        xml.push_str("<a:prstDash val=\"dash\"/>");
    }
    xml.push_str("<a:round/></a:ln></c:spPr>");
}

/// Per-point colours of a series.
pub(super) fn points(xml: &mut String, colors: &[Rgb], marker: bool) {
    for (i, c) in colors.iter().enumerate() {
        let _ = write!(xml, "<c:dPt><c:idx val=\"{i}\"/>");
        if marker {
            xml.push_str("<c:marker><c:symbol val=\"circle\"/><c:size val=\"7\"/>");
            fill_pr(xml, Some(rgba(*c)));
            xml.push_str("</c:marker>");
        } else {
            xml.push_str("<c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/>");
            fill_pr(xml, Some(rgba(*c)));
        }
        xml.push_str("</c:dPt>");
    }
}

pub(super) fn value_labels(xml: &mut String, pos: &str) {
    let _ = write!(
        xml,
        "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val=\"{pos}\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
    );
}

/// An axis: `kind` `catAx` or `valAx`.
pub(super) struct Axis<'a> {
    pub(super) id: u32,
    pub(super) cross: u32,
    pub(super) kind: &'a str,
    pub(super) pos: &'a str,
    pub(super) delete: bool,
    pub(super) format: &'a str,
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
    pub(super) reverse: bool,
    pub(super) grid: bool,
    pub(super) log: bool,
    /// Where it crosses the other axis: `autoZero`, `min` or `max`.
    pub(super) crosses: &'a str,
    pub(super) title: Option<&'a str>,
    /// Label every n-th category only.
    pub(super) skip: Option<usize>,
}

/// Every n-th category label, so that about a dozen show.
pub(super) fn skip(n: usize) -> Option<usize> {
    (n > 15).then(|| n.div_ceil(12))
}

impl<'a> Axis<'a> {
    pub(super) fn cat(id: u32, cross: u32, pos: &'a str) -> Self {
        Self {
            id,
            cross,
            kind: "catAx",
            pos,
            delete: false,
            format: "General",
            min: None,
            max: None,
            reverse: false,
            grid: false,
            log: false,
            crosses: "autoZero",
            title: None,
            skip: None,
        }
    }

    pub(super) fn val(id: u32, cross: u32, pos: &'a str, format: &'a str) -> Self {
        Self { kind: "valAx", grid: true, format, ..Self::cat(id, cross, pos) }
    }

    pub(super) fn xml(&self, xml: &mut String, style: &Style<'_>) {
        let _ = write!(xml, "<c:{}><c:axId val=\"{}\"/><c:scaling>", self.kind, self.id);
        if self.log {
            xml.push_str("<c:logBase val=\"10\"/>");
        }
        let _ = write!(xml, "<c:orientation val=\"{}\"/>", if self.reverse { "maxMin" } else { "minMax" });
        if let Some(m) = self.max {
            let _ = write!(xml, "<c:max val=\"{m}\"/>");
        }
        if let Some(m) = self.min {
            let _ = write!(xml, "<c:min val=\"{m}\"/>");
        }
        let _ = write!(xml, "</c:scaling><c:delete val=\"{}\"/><c:axPos val=\"{}\"/>", u8::from(self.delete), self.pos);
        if self.grid {
            xml.push_str("<c:majorGridlines><c:spPr><a:ln w=\"6350\">");
            solid(xml, style.light);
            xml.push_str("</a:ln></c:spPr></c:majorGridlines>");
        }
        if let Some(t) = self.title {
            let _ = write!(
                xml,
                "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"{}\" sz=\"900\" b=\"1\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>",
                esc(style.lang),
                esc(t)
            );
        }
        let _ = write!(
            xml,
            "<c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:spPr><a:ln w=\"6350\">",
            esc(self.format)
        );
        solid(xml, style.subtle);
        let _ = write!(xml, "</a:ln></c:spPr><c:crossAx val=\"{}\"/>", self.cross);
        let _ = write!(xml, "<c:crosses val=\"{}\"/>", self.crosses);
        if self.kind == "catAx" {
            xml.push_str("<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>");
            if let Some(k) = self.skip {
                let _ = write!(xml, "<c:tickLblSkip val=\"{k}\"/>");
            }
            xml.push_str("<c:noMultiLvlLbl val=\"0\"/>");
        } else {
            xml.push_str("<c:crossBetween val=\"between\"/>");
        }
        let _ = write!(xml, "</c:{}>", self.kind);
    }
}

/// The chart part around a plot area's charts and axes.
pub(super) fn space(plot: &str, legend: bool, style: &Style<'_>) -> String {
    space_in(plot, legend, style, PLOT)
}

/// The chart part with its plot area at `area` (fractions of the frame: x, y, w, h).
pub(super) fn space_in(plot: &str, legend: bool, style: &Style<'_>, area: (f64, f64, f64, f64)) -> String {
    let mut xml = String::with_capacity(plot.len() + 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><c:date1904 val=\"0\"/>");
    let _ = write!(
        xml,
        "<c:lang val=\"{}\"/><c:roundedCorners val=\"0\"/><c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea>",
        esc(style.lang)
    );
    let (x, y, w, h) = area;
    let _ = write!(
        xml,
        "<c:layout><c:manualLayout><c:layoutTarget val=\"inner\"/><c:xMode val=\"edge\"/><c:yMode val=\"edge\"/><c:x val=\"{x}\"/><c:y val=\"{y}\"/><c:w val=\"{w}\"/><c:h val=\"{h}\"/></c:manualLayout></c:layout>"
    );
    xml.push_str(plot);
    xml.push_str("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>");
    if legend {
        xml.push_str("<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/></c:legend>");
    }
    xml.push_str("<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    let _ = write!(xml, "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">");
    solid(&mut xml, style.text);
    let face = esc(style.font);
    let _ = write!(
        xml,
        "<a:latin typeface=\"{face}\"/><a:ea typeface=\"{face}\"/><a:cs typeface=\"{face}\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"{}\"/></a:p></c:txPr>",
        esc(style.lang)
    );
    xml.push_str("<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>");
    xml
}

pub(super) fn first_values(series: &[crate::charts::Series]) -> Vec<Option<f64>> {
    series.first().map(|s| s.values.clone()).unwrap_or_default()
}

/// Categories in column A from row 2, a value series per further column.
pub(super) fn write_series(
    sheet: &mut Sheet,
    categories: &[String],
    series: &[(String, Vec<Option<f64>>)],
) -> Result<(), XlsxError> {
    for (i, c) in categories.iter().enumerate() {
        sheet.str(i + 1, 0, c)?;
    }
    for (k, (name, values)) in series.iter().enumerate() {
        sheet.str(0, k + 1, name)?;
        for (i, v) in values.iter().enumerate() {
            sheet.num(i + 1, k + 1, *v)?;
        }
    }
    Ok(())
}

pub(super) fn ser<'a>(
    name: &'a str,
    column: usize,
    categories: &'a [String],
    values: &'a [Option<f64>],
    format: &'a str,
) -> Ser<'a> {
    let n = categories.len().max(values.len()).max(1);
    Ser {
        name,
        name_cell: format!("Sheet1!${}$1", col(column)),
        cats: Cats::Text(categories, range(0, 1, n)),
        values,
        values_ref: range(column, 1, n),
        format,
    }
}

/// A bar series; `labels`: each bar's value written on it in this number format.
pub(super) fn bar_ser(
    xml: &mut String,
    idx: usize,
    s: &Ser<'_>,
    fill: Option<Rgba>,
    colors: &[Rgb],
    labels: Option<&str>,
) {
    let _ = write!(xml, "<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/>");
    tx(xml, s);
    fill_pr(xml, fill);
    xml.push_str("<c:invertIfNegative val=\"0\"/>");
    points(xml, colors, false);
    if let Some(format) = labels {
        // White on the bar when the bar is dark, else the text colour.
        let light = fill
            .is_some_and(|c| 0.299 * f64::from(c.0[0]) + 0.587 * f64::from(c.0[1]) + 0.114 * f64::from(c.0[2]) > 150.0);
        let _ = write!(
            xml,
            "<c:dLbls><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"800\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr><c:dLblPos val=\"ctr\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
            esc(format),
            if light { "1F2933" } else { "FFFFFF" }
        );
    }
    cats(xml, s, "cat");
    vals(xml, s, "val");
    xml.push_str("</c:ser>");
}

pub(super) fn line_ser(xml: &mut String, idx: usize, s: &Ser<'_>, c: Rgba, width: f64, dash: bool, marker: bool) {
    let _ = write!(xml, "<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/>");
    tx(xml, s);
    line_pr(xml, c, width, dash);
    if marker {
        xml.push_str("<c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/>");
        fill_pr(xml, Some(c));
        xml.push_str("</c:marker>");
    } else {
        xml.push_str("<c:marker><c:symbol val=\"none\"/></c:marker>");
    }
    cats(xml, s, "cat");
    vals(xml, s, "val");
    xml.push_str("<c:smooth val=\"0\"/></c:ser>");
}

pub(super) fn points_alpha(xml: &mut String, colors: &[Rgb]) {
    for (i, c) in colors.iter().enumerate() {
        let _ =
            write!(xml, "<c:dPt><c:idx val=\"{i}\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/><c:spPr>");
        solid(xml, Rgba([c[0], c[1], c[2], 191]));
        xml.push_str("<a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr></c:dPt>");
    }
}

/// Each point's marker in its colour; a point not prominent (one of many) as a small dot.
pub(super) fn points_markers(xml: &mut String, colors: &[Rgb], prominent: &[bool]) {
    for (i, c) in colors.iter().enumerate() {
        let size = if prominent.get(i).copied().unwrap_or(true) { 7 } else { 3 };
        let _ = write!(xml, "<c:dPt><c:idx val=\"{i}\"/><c:marker><c:symbol val=\"circle\"/><c:size val=\"{size}\"/>");
        fill_pr(xml, Some(rgba(*c)));
        // The point's own fill too: LibreOffice colours markers by it.
        xml.push_str("</c:marker><c:bubble3D val=\"0\"/>");
        fill_pr(xml, Some(rgba(*c)));
        xml.push_str("</c:dPt>");
    }
}

/// The named points labelled with their names, the others not.
pub(super) fn point_labels(xml: &mut String, points: &[crate::charts::Point], labelled: &[bool], style: &Style<'_>) {
    const NONE: &str = "<c:showLegendKey val=\"0\"/><c:showVal val=\"0\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/>";
    xml.push_str("<c:dLbls>");
    for (i, p) in points.iter().enumerate() {
        if labelled.get(i).copied().unwrap_or(false) {
            let _ = write!(
                xml,
                "<c:dLbl><c:idx val=\"{i}\"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"{}\" sz=\"800\" b=\"1\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val=\"r\"/>{NONE}</c:dLbl>",
                esc(style.lang),
                esc(&p.label)
            );
        } else {
            let _ = write!(xml, "<c:dLbl><c:idx val=\"{i}\"/><c:delete val=\"1\"/></c:dLbl>");
        }
    }
    let _ = write!(xml, "{NONE}</c:dLbls>");
}
