//! Charts over categories: columns (with a Pareto's cumulative share), stacked columns,
//! horizontal bars, lines, the Pareto curve and the waterfall.

use std::fmt::Write as _;

use rust_xlsxwriter::XlsxError;

use super::parts::{
    Axis, bar_ser, cats, fill_pr, first_values, line_ser, points, ser, skip, space, space_in, tx, vals, value_labels,
    write_series,
};
use super::points::{plot_rect, rule};
use super::sheet::{Sheet, col};
use super::{Native, Style, labelled_area, largest, rgba};
use crate::charts::Rgb;
use crate::pptx::layout::Rect;

/// Columns with a cumulative share on a second axis (the Pareto chart): the share is a
/// formula over the revenues, so editing one in "Edit Data" moves the line.
/// Most columns named under the axis; more are numbered by rank.
const NAMED: usize = 12;

/// A series over the ranks in column G instead of the names in column A.
fn by_rank<'a>(mut s: super::parts::Ser<'a>, ranks: Option<&Vec<Option<f64>>>) -> super::parts::Ser<'a> {
    if let Some(r) = ranks {
        s.cats = super::parts::Cats::Numbers(r.clone(), super::sheet::range(6, 1, r.len()));
    }
    s
}

pub(super) fn columns(
    categories: &[String],
    series: &[crate::charts::Series],
    colors: &[Rgb],
    line: bool,
    cut: Option<f64>,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let values = first_values(series);
    let name = series.first().map_or("", |s| s.name.as_str());
    let name = if name.is_empty() { "Value" } else { name };
    let n = categories.len();
    let mut sheet = Sheet::new(style)?;
    write_series(&mut sheet, categories, &[(name.to_owned(), values.clone())])?;
    // Many columns are numbered by rank under the axis, as on the slide, whose names would
    // not fit; the sheet keeps the names beside the ranks (column G).
    let numbered = n > NAMED;
    let ranks: Vec<Option<f64>> = (1..=n).map(|k| Some(k as f64)).collect();
    if numbered {
        sheet.str(0, 6, "Rank")?;
        for (i, r) in ranks.iter().enumerate() {
            sheet.num(i + 1, 6, *r)?;
        }
    }
    let ranked = numbered.then_some(&ranks);
    let mut plot = String::new();
    plot.push_str("<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>");
    let s = by_rank(ser(name, 1, categories, &values, "#,##0"), ranked);
    // A few columns carry their values, as on the slide; a Pareto's many do not.
    let label_format = style.money_label(largest(&values));
    let labels = (!line && n <= 12).then_some(label_format.as_str());
    bar_ser(&mut plot, 0, &s, colors.first().copied().map(rgba), colors, labels);
    plot.push_str("<c:gapWidth val=\"40\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>");
    let shares: Vec<Option<f64>>;
    let cut_values: Vec<Option<f64>>;
    if line && let Some(share) = series.get(1) {
        shares = share.values.clone();
        // The total the shares are of (every account, not only the columns shown): the
        // last share's revenue over the share.
        let sum: f64 = values.iter().flatten().sum();
        let total = shares.last().copied().flatten().filter(|s| *s > 0.0).map_or(sum, |s| sum / s);
        sheet.str(0, 2, "Cumulative share")?;
        sheet.str(0, 5, "Total (all accounts)")?;
        sheet.num(1, 5, Some(total))?;
        for (i, v) in shares.iter().enumerate() {
            sheet.formula(i + 1, 2, format!("=SUM($B$2:B{})/$F$2", i + 2), v.unwrap_or(0.0))?;
        }
        sheet.format(2, "0.0%")?;
        plot.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        let s = by_rank(ser("Cumulative share", 2, categories, &shares, "0.0%"), ranked);
        line_ser(&mut plot, 1, &s, style.text, 1.5, false, false);
        if let Some(cut) = cut {
            cut_values = vec![Some(cut); n];
            sheet.str(0, 3, "Cut")?;
            for i in 0..n {
                sheet.num(i + 1, 3, Some(cut))?;
            }
            sheet.format(3, "0%")?;
            let s = by_rank(ser("Cut", 3, categories, &cut_values, "0%"), ranked);
            line_ser(&mut plot, 2, &s, style.accent, 1.0, true, false);
        }
        plot.push_str("<c:marker val=\"1\"/><c:axId val=\"3\"/><c:axId val=\"4\"/></c:lineChart>");
    }
    let mut axes = String::new();
    let money = style.money_axis(largest(&values));
    let caption = numbered.then_some(name);
    Axis { skip: skip(n), title: caption, ..Axis::cat(1, 2, "b") }.xml(&mut axes, style);
    Axis { min: Some(0.0), ..Axis::val(2, 1, "l", &money) }.xml(&mut axes, style);
    if line {
        Axis { delete: true, ..Axis::cat(3, 4, "b") }.xml(&mut axes, style);
        Axis { min: Some(0.0), max: Some(1.0), grid: false, crosses: "max", ..Axis::val(4, 3, "r", "0%") }
            .xml(&mut axes, style);
    }
    plot.push_str(&axes);
    Ok(Native { xml: space(&plot, false, style), workbook: sheet.finish()?, overlay: Vec::new() })
}

pub(super) fn stacked(
    categories: &[String],
    series: &[crate::charts::Series],
    colors: &[Rgb],
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let mut sheet = Sheet::new(style)?;
    let named: Vec<(String, Vec<Option<f64>>)> = series.iter().map(|s| (s.name.clone(), s.values.clone())).collect();
    write_series(&mut sheet, categories, &named)?;
    let mut plot =
        String::from("<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>");
    let label_format = style.money_label(largest(series.iter().flat_map(|s| s.values.iter())));
    for (k, s) in series.iter().enumerate() {
        let sr = ser(&s.name, k + 1, categories, &s.values, "#,##0");
        bar_ser(&mut plot, k, &sr, colors.get(k).copied().map(rgba), &[], Some(&label_format));
    }
    plot.push_str(
        "<c:gapWidth val=\"50\"/><c:overlap val=\"100\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>",
    );
    let totals: Vec<Option<f64>> = (0..categories.len())
        .map(|i| Some(series.iter().filter_map(|s| s.values.get(i).copied().flatten()).sum()))
        .collect();
    let money = style.money_axis(largest(&totals));
    if series.len() > 1 {
        // Each column's total above it, as on the slide: a line series without a line, whose
        // values are the sheet's sums of the segments.
        let (first, last, at) = (col(1), col(series.len()), series.len() + 1);
        sheet.str(0, at, "Total")?;
        for (i, t) in totals.iter().enumerate() {
            let r = i + 2;
            sheet.formula(i + 1, at, format!("=SUM({first}{r}:{last}{r})"), t.unwrap_or(0.0))?;
        }
        plot.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        let sr = ser("Total", at, categories, &totals, "#,##0");
        total_ser(&mut plot, series.len(), &sr, &style.money_label(largest(&totals)));
        plot.push_str("<c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>");
    }
    Axis { skip: skip(categories.len()), ..Axis::cat(1, 2, "b") }.xml(&mut plot, style);
    Axis { min: Some(0.0), ..Axis::val(2, 1, "l", &money) }.xml(&mut plot, style);
    let mut xml = space(&plot, series.len() > 1, style);
    // The totals' series stays out of the legend.
    let hide = format!(
        "<c:legendPos val=\"t\"/><c:legendEntry><c:idx val=\"{}\"/><c:delete val=\"1\"/></c:legendEntry>",
        series.len()
    );
    xml = xml.replacen("<c:legendPos val=\"t\"/>", &hide, 1);
    Ok(Native { xml, workbook: sheet.finish()?, overlay: Vec::new() })
}

/// A series shown only by its values, bold above each category (a stacked column's total).
fn total_ser(xml: &mut String, idx: usize, s: &super::parts::Ser<'_>, format: &str) {
    let _ = write!(xml, "<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/>");
    tx(xml, s);
    xml.push_str("<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val=\"none\"/></c:marker>");
    let _ = write!(
        xml,
        "<c:dLbls><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"800\" b=\"1\"/></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr><c:dLblPos val=\"t\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        crate::pptx::xml::esc(format)
    );
    cats(xml, s, "cat");
    vals(xml, s, "val");
    xml.push_str("<c:smooth val=\"0\"/></c:ser>");
}

pub(super) fn bars(
    categories: &[String],
    series: &[crate::charts::Series],
    colors: &[Rgb],
    max: f64,
    target: Option<f64>,
    rect: Rect,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let values = first_values(series);
    let layout = labelled_area(categories, rect);
    let mut sheet = Sheet::new(style)?;
    write_series(&mut sheet, categories, &[("Value".to_owned(), values.clone())])?;
    if let Some(t) = target {
        sheet.str(0, 3, "Target")?;
        sheet.num(1, 3, Some(t))?;
    }
    let mut plot =
        String::from("<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>");
    // Amounts (MRR per member) as the slide writes them; scores as they are.
    let format = if max >= 1e4 { style.money_axis(max) } else { "General".to_owned() };
    let s = ser("Value", 1, categories, &values, &format);
    let _ = write!(plot, "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>");
    tx(&mut plot, &s);
    fill_pr(&mut plot, colors.first().copied().map(rgba));
    plot.push_str("<c:invertIfNegative val=\"0\"/>");
    points(&mut plot, colors, false);
    value_labels(&mut plot, "outEnd");
    cats(&mut plot, &s, "cat");
    vals(&mut plot, &s, "val");
    plot.push_str("</c:ser><c:gapWidth val=\"60\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>");
    // Rows top to bottom, as on the slide.
    Axis { reverse: true, ..Axis::cat(1, 2, "l") }.xml(&mut plot, style);
    Axis { min: Some(0.0), max: (max > 0.0).then_some(max), ..Axis::val(2, 1, "b", &format) }.xml(&mut plot, style);
    // The target as a line across the bars, where the fixed axis puts it.
    let area = plot_rect(rect, layout);
    let overlay = match target.filter(|t| max > 0.0 && (0.0..=max).contains(t)) {
        Some(t) => vec![rule(Rect { x: area.x + t / max * area.w, y: area.y, w: 0.0, h: area.h }, style.accent)],
        None => Vec::new(),
    };
    Ok(Native { xml: space_in(&plot, false, style, layout), workbook: sheet.finish()?, overlay })
}

pub(super) fn lines(
    categories: &[String],
    series: &[crate::charts::Series],
    colors: &[Rgb],
    top: f64,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let mut sheet = Sheet::new(style)?;
    let named: Vec<(String, Vec<Option<f64>>)> = series.iter().map(|s| (s.name.clone(), s.values.clone())).collect();
    write_series(&mut sheet, categories, &named)?;
    let format = if top <= 1.5 { "0%" } else { "General" };
    for k in 0..series.len() {
        sheet.format(k + 1, if top <= 1.5 { "0.0%" } else { "General" })?;
    }
    let mut plot = String::from("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
    for (k, s) in series.iter().enumerate() {
        let sr = ser(&s.name, k + 1, categories, &s.values, format);
        let c = colors.get(k).copied().map_or(style.text, rgba);
        line_ser(&mut plot, k, &sr, c, 2.0, false, true);
    }
    plot.push_str("<c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>");
    Axis { skip: skip(categories.len()), ..Axis::cat(1, 2, "b") }.xml(&mut plot, style);
    Axis { min: Some(0.0), max: Some(top), ..Axis::val(2, 1, "l", format) }.xml(&mut plot, style);
    Ok(Native { xml: space(&plot, series.len() > 1, style), workbook: sheet.finish()?, overlay: Vec::new() })
}

pub(super) fn curve(
    categories: &[String],
    series: &[crate::charts::Series],
    color: Rgb,
    cut: f64,
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let values = first_values(series);
    let name = series.first().map_or("Cumulative share", |s| s.name.as_str());
    let n = categories.len();
    let cuts = vec![Some(cut); n];
    let mut sheet = Sheet::new(style)?;
    write_series(&mut sheet, categories, &[(name.to_owned(), values.clone()), ("Cut".to_owned(), cuts.clone())])?;
    sheet.format(1, "0.0%")?;
    sheet.format(2, "0%")?;
    let mut plot = String::from("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
    line_ser(&mut plot, 0, &ser(name, 1, categories, &values, "0%"), rgba(color), 2.0, false, false);
    line_ser(&mut plot, 1, &ser("Cut", 2, categories, &cuts, "0%"), style.accent, 1.0, true, false);
    plot.push_str("<c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>");
    Axis { skip: skip(categories.len()), ..Axis::cat(1, 2, "b") }.xml(&mut plot, style);
    Axis { min: Some(0.0), max: Some(1.0), ..Axis::val(2, 1, "l", "0%") }.xml(&mut plot, style);
    Ok(Native { xml: space(&plot, false, style), workbook: sheet.finish()?, overlay: Vec::new() })
}

/// A waterfall as stacked columns: an invisible base, then totals, rises and falls. The
/// sheet derives each bar from the signed steps, so editing a step moves every bar after it.
pub(super) fn waterfall(
    categories: &[String],
    series: &[crate::charts::Series],
    totals: &[bool],
    colors: &[Rgb; 3],
    style: &Style<'_>,
) -> Result<Native, XlsxError> {
    let values = first_values(series);
    let mut sheet = Sheet::new(style)?;
    for (c, h) in ["Step", "Value", "Total?", "Level", "Base", "Total", "Rise", "Fall"].iter().enumerate() {
        sheet.str(0, c, h)?;
    }
    let mut level = 0.0;
    let mut cols: [Vec<Option<f64>>; 4] = Default::default();
    for (i, category) in categories.iter().enumerate() {
        let v = values.get(i).copied().flatten().unwrap_or(0.0);
        let total = totals.get(i).copied().unwrap_or(false);
        let before = level;
        level = if total { v } else { before + v };
        let r = i + 2;
        sheet.str(i + 1, 0, category)?;
        sheet.num(i + 1, 1, Some(v))?;
        sheet.ws().write_boolean((i + 1) as u32, 2, total)?;
        let prev = if i == 0 { "0".to_owned() } else { format!("D{}", r - 1) };
        sheet.formula(i + 1, 3, format!("=IF(C{r},B{r},{prev}+B{r})"), level)?;
        let base = if total { 0.0 } else { before.min(level) };
        sheet.formula(i + 1, 4, format!("=IF(C{r},0,MIN({prev},D{r}))"), base)?;
        let (t, up, down) = if total {
            (v, 0.0, 0.0)
        } else if v >= 0.0 {
            (0.0, v, 0.0)
        } else {
            (0.0, 0.0, -v)
        };
        sheet.formula(i + 1, 5, format!("=IF(C{r},B{r},0)"), t)?;
        sheet.formula(i + 1, 6, format!("=IF(C{r},0,MAX(B{r},0))"), up)?;
        sheet.formula(i + 1, 7, format!("=IF(C{r},0,MAX(-B{r},0))"), down)?;
        for (k, x) in [base, t, up, down].into_iter().enumerate() {
            cols[k].push(Some(x));
        }
    }
    let mut plot =
        String::from("<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>");
    let label_format = style.money_label(largest(&values));
    let names = ["Base", "Total", "Rise", "Fall"];
    let fills = [None, Some(rgba(colors[0])), Some(rgba(colors[1])), Some(rgba(colors[2]))];
    for k in 0..4 {
        let s = ser(names[k], k + 4, categories, &cols[k], "#,##0");
        bar_ser(&mut plot, k, &s, fills[k], &[], (k > 0).then_some(label_format.as_str()));
    }
    plot.push_str(
        "<c:gapWidth val=\"40\"/><c:overlap val=\"100\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>",
    );
    let top = cols.iter().flat_map(|c| c.iter()).flatten().fold(0.0_f64, |m, v| m.max(*v));
    let money = style.money_axis(top.max(largest(&values)));
    Axis { skip: skip(categories.len()), ..Axis::cat(1, 2, "b") }.xml(&mut plot, style);
    Axis { min: Some(0.0), ..Axis::val(2, 1, "l", &money) }.xml(&mut plot, style);
    Ok(Native { xml: space(&plot, false, style), workbook: sheet.finish()?, overlay: Vec::new() })
}
