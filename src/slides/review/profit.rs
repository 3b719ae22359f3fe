//! Profit matrix: revenue against margin, with the accounts per quadrant.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, Scatter, ScatterPoint, scatter};
use crate::figures::profit::ProfitQuadrant;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, link, revenue};

/// The `profit` slide kind.
pub(crate) static KIND: SlideKind = SlideKind { id: "profit", templates: &["review/profit.typ"], build, sheet, gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let m = &c.f.profit;
    if m.points.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let in_q = |q: ProfitQuadrant| m.points.iter().filter(move |p| p.quadrant == q);
    let total: f64 = m.points.iter().map(|p| p.revenue).sum();
    let protect: f64 = in_q(ProfitQuadrant::Protect).map(|p| p.revenue).sum();
    let title = c.tn(
        "profit.title",
        in_q(ProfitQuadrant::Protect).count(),
        &[
            ("s", &f.pct(protect / total, 0)),
            ("fix", &f.count(in_q(ProfitQuadrant::FixCost).count())),
            ("fix_need", &c.units("need_lower_cost", in_q(ProfitQuadrant::FixCost).count())),
        ],
    );
    let mut s = Slide::new("review/profit.typ", c.t("kicker.profit"), title, Value::Null);
    let color = |q: ProfitQuadrant| match q {
        ProfitQuadrant::Protect => c.style.primary,
        ProfitQuadrant::FixCost => c.style.negative,
        ProfitQuadrant::Grow => c.style.positive,
        ProfitQuadrant::Review => c.style.muted,
    };
    // Every account, on a logarithmic revenue axis (revenue spans decades: a linear one
    // squeezes the small accounts into a sliver); the largest are labelled first.
    let points = m
        .points
        .iter()
        .enumerate()
        .map(|(rank, p)| ScatterPoint {
            x: p.revenue,
            y: p.margin,
            size: None,
            label: c.name(p.account).into_owned(),
            color: color(p.quadrant),
            priority: rank,
        })
        .collect();
    let money = |v: f64| f.money_short(v);
    let pct = |v: f64| f.pct(v, 0);
    let q = |k: ProfitQuadrant| c.t(&format!("profit.{}", k.key()));
    let chart = Scatter {
        points,
        x_range: None,
        y_range: None,
        x_split: m.revenue_split,
        y_split: m.margin_split,
        quadrants: [
            q(ProfitQuadrant::Grow),
            q(ProfitQuadrant::Protect),
            q(ProfitQuadrant::Review),
            q(ProfitQuadrant::FixCost),
        ],
        titles: (c.tr("profit.x", &[("year", c.year())]), c.t("profit.y")),
        fmt: (&money, &pct),
        max_labels: 10,
        log_x: true,
    };
    let svg = scatter(&chart, 500.0, 330.0, c.style)?;
    let path = s.chart("profit", svg);
    let groups: Vec<Value> = ProfitQuadrant::ALL
        .iter()
        .map(|&k| {
            let members: Vec<_> = in_q(k).collect();
            let mut names: Vec<String> = members.iter().take(3).map(|p| c.name(p.account).into_owned()).collect();
            if members.len() > 3 {
                names.push(c.more(members.len() - 3));
            }
            let revenue: f64 = members.iter().map(|p| p.revenue).sum();
            let count = c.tr("profit.group", &[("n", &f.count(members.len())), ("revenue", &f.money_short(revenue)), ("share", &f.pct(revenue / total, 0))]);
            json!({ "name": q(k), "count": count, "names": names.join(", "), "tone": match k {
                ProfitQuadrant::Protect => "primary", ProfitQuadrant::Grow => "positive", ProfitQuadrant::FixCost => "negative", ProfitQuadrant::Review => "subtle" } })
        })
        .collect();
    if m.without_margin > 0 {
        s.note(c.tn("note.no_margin", m.without_margin, &[]));
    }
    s.data = json!({
        "chart": path,
        "groups": groups,
        "splits": c.tr("profit.splits", &[("rev", &f.money_short(m.revenue_split)), ("margin", &f.pct(m.margin_split, 1))]),
    });
    Ok(vec![s])
}

/// Profit matrix: revenue, margin, the two splits and each account's quadrant.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let pm = &c.f.profit;
    let p = c.p;
    let n = u32::try_from(pm.points.len().max(1)).unwrap_or(1);
    // The splits sit above the table: the configured number, else the median of the column.
    let split_row = m.next_row();
    let first = split_row + 3;
    let last = first + n - 1;
    let span = |k: usize| {
        let c = l::col_name(u16::try_from(k).unwrap_or(0));
        format!("${c}${}:${c}${}", first + 1, last + 1)
    };
    let split = |key: &str, col: usize, cached: f64, fmt: CellFmt| {
        let s = m.refs.setting(key);
        V::As(fmt, Box::new(V::F(format!("IF(ISNUMBER({s}),{s},MEDIAN({}))", span(col)), cached)))
    };
    let (rs, ms) = (
        split("profit_matrix.revenue_split", 2, pm.revenue_split, CellFmt::Money),
        split("profit_matrix.margin_split", 3, pm.margin_split, CellFmt::Percent),
    );
    m.row(vec![V::text(c.t("workbook.split")), V::Empty, rs, ms])?;
    m.row(vec![])?;
    let cols = vec![
        Col::new(c.t("col.id"), CellFmt::Text),
        Col::new(c.t("col.account"), CellFmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", c.year())]), CellFmt::Money),
        Col::new(c.t("col.margin"), CellFmt::Percent),
        Col::new(c.t("col.quadrant"), CellFmt::Text),
    ];
    let got = m.begin("", cols)?;
    debug_assert_eq!(got, first);
    let (rsc, msc) = (format!("$C${}", split_row + 1), format!("$D${}", split_row + 1));
    let [protect, fix, grow, review] =
        ["protect", "fix_cost", "grow", "review"].map(|k| c.word(&format!("profit.{k}")));
    let cols = m.refs.account_cols(&[revenue(c.year()), "margin".to_owned()]);
    for (k, pt) in pm.points.iter().enumerate() {
        let a = &p.accounts[pt.account];
        let row = first + u32::try_from(k).unwrap_or(0);
        let arow = m.refs.account_row(&a.id);
        let (r, mg) = (Mirror::at(2, row), Mirror::at(3, row));
        m.row(vec![
            V::text(&a.id),
            V::text(&a.name),
            link(cols.at(0, arow), pt.revenue),
            link(cols.at(1, arow), pt.margin),
            V::FText(
                format!("IF({r}>={rsc},IF({mg}>={msc},{protect},{fix}),IF({mg}>={msc},{grow},{review}))"),
                c.t(&format!("profit.{}", pt.quadrant.key())),
            ),
        ])?;
    }
    let at = m.end()?;
    if at.len > 0 {
        let mut ch = chart(ChartType::Scatter, &c.t("kicker.profit"));
        ch.add_series().set_name(&c.t("col.account")).set_categories(&m.series(2, at)).set_values(&m.series(3, at));
        ch.x_axis().set_name(&c.tr("profit.x", &[("year", c.year())])).set_num_format(m.money_format());
        ch.y_axis().set_name(&c.t("profit.y")).set_num_format("0%");
        m.chart(&mut ch)?;
    }
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    gap(c.f.profit.points.is_empty(), c.t("gap.profit.no_margins")).into_iter().collect()
}
