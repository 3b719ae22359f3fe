//! Pareto analysis: bars of revenue, cumulative share, the vital few.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::json;

use crate::charts::{Bars, ChartError, Curve, bars_with_line, pareto_curve};
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, MAX_CATEGORIES, Slide, SlideKind, gap};
use crate::workbook::{At, CellFmt, Col, Mirror, V, chart, link, lit, rank, revenue, share_before};

/// The `pareto` slide kind.
pub(crate) static KIND: SlideKind = SlideKind { id: "pareto", templates: &["review/pareto.typ"], build, sheet, gaps };

/// Most of the vital few the slide lists; the template shows as many as fit.
const VITAL_ROWS: usize = 16;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let pa = &c.f.pareto;
    if pa.rows.is_empty() {
        return Ok(vec![]);
    }
    let share = pa.account_share().unwrap_or(0.0);
    let title = c.tn(
        "pareto.title",
        pa.vital_few,
        &[("p", &c.fmt.pct(share, 0)), ("s", &c.fmt.pct(pa.revenue_share(), 0)), ("year", &pa.year)],
    );
    let money = |v: f64| c.fmt.money_short(v);
    let pct = |v: f64| c.fmt.pct(v, 0);
    let cut_label = c.tr("pareto.cut", &[("cut", &c.fmt.pct(pa.cut, 0))]);
    // Up to 30 accounts: one bar each. Beyond, bars of the top few would be a sliver next to
    // the rest, so the slide shows the curve of all accounts instead.
    let svg = if pa.rows.len() <= MAX_CATEGORIES {
        let bars = Bars {
            labels: pa.rows.iter().map(|r| c.name(r.account).into_owned()).collect(),
            values: pa.rows.iter().map(|r| r.revenue).collect(),
            highlight: pa.rows.iter().map(|r| r.vital).collect(),
            line: Some(pa.rows.iter().map(|r| r.cumulative).collect()),
            cut: Some((pa.cut, cut_label)),
            fmt: &money,
            pct: &pct,
            caption: c.tr("pareto.ranked", &[("year", &pa.year)]),
        };
        bars_with_line(&bars, 520.0, 330.0, c.style)?
    } else {
        let cumulative: Vec<f64> = pa.rows.iter().map(|r| r.cumulative).collect();
        let marker = c.tn("pareto.marker", pa.vital_few, &[("p", &c.fmt.pct(share, 0))]);
        let curve = Curve {
            cumulative: &cumulative,
            cut: (pa.cut, cut_label),
            vital: (pa.vital_few, marker),
            titles: (c.tr("pareto.curve_x", &[("year", &pa.year)]), c.t("pareto.curve_y")),
            pct: &pct,
        };
        pareto_curve(&curve, 520.0, 330.0, c.style)?
    };
    let vital: Vec<_> = pa
        .rows
        .iter()
        .take_while(|r| r.vital)
        .take(VITAL_ROWS)
        .enumerate()
        .map(|(k, r)| {
            json!([(k + 1).to_string(), c.name(r.account), c.fmt.money_short(r.revenue), c.fmt.pct_small(r.cumulative)])
        })
        .collect();
    let mut s = Slide::new("review/pareto.typ", c.t("kicker.pareto"), title, serde_json::Value::Null);
    let chart = s.chart("pareto", svg);
    s.data = json!({
        "chart": chart,
        "callout": c.t("pareto.callout"),
        "headers": [c.t("col.rank"), c.t("col.account"), c.t("col.revenue"), c.t("col.cumulative")],
        "vital": vital,
        // The template shows as many of the vital few as fit beside the chart.
        "mores": c.mores(vital.len(), pa.vital_few),
        "summary": c.tr("pareto.summary", &[("total", &c.fmt.money_short(pa.total)), ("accounts", &c.units("accounts", pa.rows.len())), ("year", &pa.year)]),
    });
    Ok(vec![s])
}

/// Pareto: accounts by latest revenue, share, cumulative share, vital few.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let pa = &c.f.pareto;
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.rank"), CellFmt::Integer),
        Col::new(c.t("col.id"), CellFmt::Text),
        Col::new(c.t("col.account"), CellFmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", &pa.year)]), CellFmt::Money),
        Col::new(c.t("col.share"), CellFmt::Percent),
        Col::new(c.t("col.share_before"), CellFmt::Percent),
        Col::new(c.t("col.cumulative_share"), CellFmt::Percent),
        Col::new(c.t("col.vital"), CellFmt::Text),
        Col::new(c.t("col.name_order"), CellFmt::Integer),
    ];
    // The total sits above the table, so each row divides by one cell, not by a SUM of its own.
    let total_row = m.next_row();
    let first = total_row + 3;
    let last = first + u32::try_from(pa.rows.len().max(1)).unwrap_or(1) - 1;
    let col = |k: usize| {
        let n = l::col_name(u16::try_from(k).unwrap_or(0));
        format!("${n}${}:${n}${}", first + 1, last + 1)
    };
    let (revs, orders) = (col(3), col(8));
    m.row(vec![
        V::text(c.t("total")),
        V::Empty,
        V::Empty,
        V::As(CellFmt::Money, Box::new(V::F(format!("SUM({revs})"), pa.total))),
    ])?;
    let total = format!("$D${}", total_row + 1);
    let got = m.begin(&c.tr("pareto.ranked", &[("year", &pa.year)]), cols)?;
    debug_assert_eq!(got, first);
    let cut = m.refs.setting("pareto_cut");
    let (yes, no) = (c.t("workbook.yes"), c.t("workbook.no"));
    let cols = m.refs.account_cols(&[revenue(&pa.year)]);
    for (k, r) in pa.rows.iter().enumerate() {
        let a = &p.accounts[r.account];
        let row = first + u32::try_from(k).unwrap_or(0);
        let at = |col: usize| Mirror::at(col, row);
        let (rev, order) = (at(3), at(8));
        let before = share_before(&rev, &revs, &order, &orders, &total);
        m.row(vec![
            V::F(rank(&rev, &revs, &order, &orders), count_f64(k + 1)),
            V::text(&a.id),
            V::text(&a.name),
            link(cols.at(0, m.refs.account_row(&a.id)), r.revenue),
            V::F(format!("{rev}/{total}"), r.share),
            V::F(before, r.cumulative - r.share),
            V::F(format!("{}+{}", at(5), at(4)), r.cumulative),
            V::FText(
                format!("IF({}<{cut}-1E-12,{},{})", at(5), lit(&yes), lit(&no)),
                if r.vital { yes.clone() } else { no.clone() },
            ),
            V::Num(count_f64(c.f.name_order[r.account])),
        ])?;
    }
    let at = m.end()?;
    if at.len > 0 {
        let shown = At { last: at.first + u32::try_from(at.len.min(30)).unwrap_or(1) - 1, ..at };
        let mut bars = chart(ChartType::Column, &c.tr("pareto.ranked", &[("year", &pa.year)]));
        bars.y_axis().set_num_format(m.money_format());
        bars.add_series()
            .set_name(&c.t("col.revenue"))
            .set_categories(&m.series(2, shown))
            .set_values(&m.series(3, shown));
        let mut line = rust_xlsxwriter::Chart::new(ChartType::Line);
        line.add_series()
            .set_name(&c.t("col.cumulative_share"))
            .set_categories(&m.series(2, shown))
            .set_values(&m.series(6, shown))
            .set_secondary_axis(true);
        // The combined chart's secondary axis belongs to the primary chart.
        bars.y2_axis().set_max(1.0).set_min(0.0).set_num_format("0%");
        bars.combine(&line);
        m.chart(&mut bars)?;
    }
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    gap(c.f.pareto.rows.is_empty(), c.tr("gap.pareto.no_revenue", &[("year", c.year())])).into_iter().collect()
}
