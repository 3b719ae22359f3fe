//! Account retention: GRR, NRR and logo churn per year; churned, contracted, renewals.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, LineSeries, Step, Waterfall, line_chart, waterfall};
use crate::figures::count_f64;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, link, mrr_of, revenue};

/// The `retention` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "retention", templates: &["review/retention.typ", "review/bridge.typ"], build, sheet, gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let r = &c.f.retention;
    let f = &c.fmt;
    let Some(latest) = r.latest().filter(|y| y.nrr.is_some()) else { return Ok(vec![]) };
    let nrr = latest.nrr.unwrap_or(0.0);
    let prev_nrr = r.years.iter().rev().nth(1).and_then(|y| y.nrr);
    // Compare what the slide prints (whole percents): "rose" from 96 % to 96 % would read wrong.
    let shown = |x: f64| (x * 100.0).round();
    let key = match prev_nrr.map(shown) {
        Some(p) if shown(nrr) > p => "retention.title_rose",
        Some(p) if shown(nrr) < p => "retention.title_fell",
        _ => "retention.title",
    };
    // The charter's NRR target, where it sets one, beside the actual.
    let target = crate::figures::decisions::decisions(c.p, c.f)
        .targets
        .into_iter()
        .find(|t| t.measure == crate::figures::decisions::Measure::Nrr)
        .map_or_else(String::new, |t| {
            c.tr(
                if t.missed() { "retention.target_below" } else { "retention.target_met" },
                &[("target", &f.pct(t.target, 0))],
            )
        });
    let title = c.tr(
        key,
        &[
            ("nrr", &f.pct(nrr, 0)),
            ("year", &latest.year),
            ("target", &target),
            ("grr", &f.pct(latest.grr.unwrap_or(0.0), 0)),
        ],
    );
    let mut s = Slide::new("review/retention.typ", c.t("kicker.retention"), title, Value::Null);
    let years: Vec<String> = r.years.iter().map(|y| y.year.clone()).collect();
    let series = vec![
        LineSeries {
            name: c.t("retention.nrr"),
            color: c.style.primary,
            values: r.years.iter().map(|y| y.nrr).collect(),
        },
        LineSeries {
            name: c.t("retention.grr"),
            color: c.style.accent,
            values: r.years.iter().map(|y| y.grr).collect(),
        },
        LineSeries {
            name: c.t("retention.churn"),
            color: c.style.negative,
            values: r.years.iter().map(|y| y.logo_churn).collect(),
        },
    ];
    let top = r.years.iter().filter_map(|y| y.nrr).fold(1.0, f64::max);
    let top = (top / 0.25).ceil() * 0.25;
    let pct = |v: f64| f.pct(v, 0);
    let svg = line_chart(&years, &series, top, &pct, 430.0, 215.0, c.style)?;
    let chart = s.chart("retention", svg);
    let prev_year = c.p.fiscal_years.iter().rev().nth(1).cloned().unwrap_or_default();
    let loss = |i: usize| c.p.accounts[i].revenue_in(&prev_year) - c.p.accounts[i].revenue_in(&latest.year);
    let list = |v: &[usize]| -> Vec<String> {
        let mut out: Vec<String> =
            v.iter().take(3).map(|&i| format!("{} (−{})", c.name(i), f.money_short(loss(i)))).collect();
        if v.len() > 3 {
            out.push(c.more(v.len() - 3));
        }
        out
    };
    // As many as fit under the lists above them; the note counts the rest.
    let renewals: Vec<Value> =
        r.renewals.iter().take(15).map(|x| json!([c.name(x.account), f.date(x.date), f.money_short(x.mrr)])).collect();
    if c.p.report_date.is_none() {
        s.note(c.t("note.no_report_date"));
    }
    let pct1 = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |v| f.pct(v, 1));
    let table: Vec<Value> = r
        .years
        .iter()
        .map(|y| json!([y.year, f.count(y.base), pct1(y.grr), pct1(y.nrr), pct1(y.logo_churn)]))
        .collect();
    s.data = json!({
        "chart": chart,
        "table_headers": [c.t("col.year"), c.t("col.base"), c.t("retention.grr"), c.t("retention.nrr"), c.t("retention.churn")],
        "table": table,
        "churned_title": c.tr("retention.churned", &[("n", &f.count(latest.churned.len())), ("year", &latest.year)]),
        "churned": list(&latest.churned),
        "contracted_title": c.tr("retention.contracted", &[("n", &f.count(latest.contracted.len()))]),
        "contracted": list(&latest.contracted),
        // Without a report date there is no "next two quarters": the note says so, and no count
        // of zero renewals stands above it.
        "renewals_title": c.p.report_date.is_some().then(|| c.tr("retention.renewals", &[
            ("n", &f.count(r.renewals.len())),
            ("renewals", &c.units("renewals", r.renewals.len())),
            ("mrr", &f.money_short(r.renewals.iter().map(|x| x.mrr).sum())),
        ])),
        "renewals_headers": [c.t("col.account"), c.t("col.date"), c.t("col.mrr")],
        "renewals": renewals,
        "renewals_mores": c.mores(renewals.len(), r.renewals.len()),
    });
    let mut slides = vec![s];
    slides.extend(bridge(c)?);
    Ok(slides)
}

/// The revenue bridge of the latest year: a waterfall whose bars add up, and its parts.
fn bridge(c: &Ctx<'_>) -> Result<Option<Slide>, ChartError> {
    let Some(b) = c.f.bridge.as_ref().filter(|b| b.start.amount > 0.0 || b.end.amount > 0.0) else { return Ok(None) };
    let f = &c.fmt;
    let gain = b.new_logos.amount + b.expansion.amount;
    let loss = b.contraction.amount + b.churn.amount;
    let change =
        if b.start.amount > 0.0 { f.pct_delta(b.end.amount / b.start.amount - 1.0, 0) } else { "–".to_owned() };
    let title = c.tr(
        "bridge.title",
        &[
            ("start", &f.money_short(b.start.amount)),
            ("end", &f.money_short(b.end.amount)),
            ("year", &b.year),
            ("pct", &change),
            ("gain", &f.money_short(gain)),
            ("loss", &f.money_short(loss)),
        ],
    );
    let revenue_of = |y: &str| c.tr("col.revenue_year", &[("year", y)]);
    let parts = [
        (revenue_of(&b.from_year), b.start, 0.0, true),
        (c.t("bridge.new_logos"), b.new_logos, 1.0, false),
        (c.t("bridge.expansion"), b.expansion, 1.0, false),
        (c.t("bridge.contraction"), b.contraction, -1.0, false),
        (c.t("bridge.churn"), b.churn, -1.0, false),
        (revenue_of(&b.year), b.end, 0.0, true),
    ];
    // Under the bars the totals are named by their year alone: the table says what they are.
    let steps = parts
        .iter()
        .zip([&b.from_year, &b.year, &b.year, &b.year, &b.year, &b.year])
        .map(|((label, part, sign, total), year)| Step {
            label: if *total { year.clone() } else { label.clone() },
            value: if *total { part.amount } else { sign * part.amount },
            total: *total,
        })
        .collect();
    let money = |v: f64| f.money_short(v);
    let delta = |v: f64| f.money_delta(v);
    let svg = waterfall(&Waterfall { steps, total: &money, change: &delta }, 520.0, 320.0, c.style)?;
    let mut s = Slide::new("review/bridge.typ", c.t("kicker.retention"), title, Value::Null);
    s.outlined = false;
    let chart = s.chart("bridge", svg);
    let rows: Vec<Value> = parts
        .iter()
        .map(|(label, part, sign, total)| {
            let amount = if *total { f.money_short(part.amount) } else { f.money_delta(sign * part.amount) };
            json!([label, amount, f.count(part.accounts)])
        })
        .collect();
    s.data = json!({
        "chart": chart,
        "headers": [c.t("col.part"), c.t("col.revenue"), c.t("col.accounts")],
        "rows": rows,
        "rule": c.t("bridge.rule"),
    });
    Ok(Some(s))
}

/// Retention: GRR, NRR and logo churn per year over the Accounts sheet; churned, contracted, renewals.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let rt = &c.f.retention;
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.year"), CellFmt::Text),
        Col::new(c.t("col.base"), CellFmt::Integer),
        Col::new(c.t("retention.grr"), CellFmt::Percent),
        Col::new(c.t("retention.nrr"), CellFmt::Percent),
        Col::new(c.t("retention.churn"), CellFmt::Percent),
    ];
    let rows = rt
        .years
        .iter()
        .map(|y| {
            let k = p.fiscal_years.iter().position(|x| *x == y.year).unwrap_or(0);
            let prev = k.checked_sub(1).and_then(|j| m.refs.column(l::ACCOUNTS, &revenue(&p.fiscal_years[j])));
            let cur = m.refs.column(l::ACCOUNTS, &revenue(&y.year));
            match (prev, cur) {
                (Some(pr), Some(cu)) => {
                    let base = format!("SUMPRODUCT(({pr}>0)*1)");
                    vec![
                        V::text(&y.year),
                        V::F(base.clone(), count_f64(y.base)),
                        V::F(
                            format!(
                                "SUMPRODUCT(({pr}>0)*(({cu}<{pr})*{cu}+({cu}>={pr})*{pr}))/SUMPRODUCT(({pr}>0)*{pr})"
                            ),
                            y.grr.unwrap_or(0.0),
                        ),
                        V::F(format!("SUMPRODUCT(({pr}>0)*{cu})/SUMPRODUCT(({pr}>0)*{pr})"), y.nrr.unwrap_or(0.0)),
                        V::F(format!("SUMPRODUCT(({pr}>0)*({cu}<=0))/{base}"), y.logo_churn.unwrap_or(0.0)),
                    ]
                }
                _ => vec![
                    V::text(&y.year),
                    V::Num(count_f64(y.base)),
                    V::num(y.grr),
                    V::num(y.nrr),
                    V::num(y.logo_churn),
                ],
            }
        })
        .collect();
    let at = m.table(&c.t("kicker.retention"), cols, rows)?;
    if at.len > 0 {
        let mut ch = chart(ChartType::Line, &c.t("kicker.retention"));
        for k in 2..=4 {
            let name = [c.t("retention.grr"), c.t("retention.nrr"), c.t("retention.churn")][k - 2].clone();
            ch.add_series().set_name(&name).set_categories(&m.series(0, at)).set_values(&m.series(k, at));
        }
        ch.y_axis().set_num_format("0%");
        m.chart(&mut ch)?;
    }
    if let Some(latest) = rt.latest() {
        let mut rows = Vec::new();
        for (list, key) in [(&latest.churned, "workbook.churned"), (&latest.contracted, "workbook.contracted")] {
            for &i in list {
                rows.push(vec![V::text(c.name(i)), V::text(c.t(key))]);
            }
        }
        m.table(
            &latest.year,
            vec![Col::new(c.t("col.account"), CellFmt::Text), Col::new(c.t("col.status"), CellFmt::Text)],
            rows,
        )?;
    }
    bridge_sheet(c, m)?;
    if !rt.renewals.is_empty() {
        let cols = vec![
            Col::new(c.t("col.account"), CellFmt::Text),
            Col::new(c.t("col.date"), CellFmt::Date),
            Col::new(c.t("col.mrr"), CellFmt::Money),
        ];
        let rows = rt
            .renewals
            .iter()
            .map(|r| {
                let a = &p.accounts[r.account];
                vec![
                    V::text(&a.name),
                    link(m.refs.account(&a.id, "renewal_date"), l::serial(r.date)),
                    link(mrr_of(c.p, m, &a.id), r.mrr),
                ]
            })
            .collect();
        let total: f64 = rt.renewals.iter().map(|r| r.mrr).sum();
        let at = m.table(
            &c.tr(
                "retention.renewals",
                &[
                    ("n", &c.fmt.count(rt.renewals.len())),
                    ("renewals", &c.units("renewals", rt.renewals.len())),
                    ("mrr", &c.fmt.money_short(total)),
                ],
            ),
            cols,
            rows,
        )?;
        m.summary(c.t("total"), "SUM", 2, at, total, CellFmt::Money)?;
    }
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    [
        gap(c.f.retention.years.is_empty(), c.t("gap.retention.one_year")),
        gap(c.p.report_date.is_none(), c.t("gap.retention.no_report_date")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The revenue bridge as live formulas over the Accounts sheet, and the check that its
/// parts add up to this year's revenue.
fn bridge_sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let Some(b) = &c.f.bridge else { return Ok(()) };
    let (Some(pr), Some(cu)) =
        (m.refs.column(l::ACCOUNTS, &revenue(&b.from_year)), m.refs.column(l::ACCOUNTS, &revenue(&b.year)))
    else {
        return Ok(());
    };
    let cols = vec![
        Col::new(c.t("col.part"), CellFmt::Text),
        Col::new(c.t("col.revenue"), CellFmt::Money),
        Col::new(c.t("col.accounts"), CellFmt::Integer),
    ];
    let both = format!("({pr}>0)*({cu}>0)");
    let revenue_of = |y: &str| c.tr("col.revenue_year", &[("year", y)]);
    let row = |label: String, amount: String, count: String, part: crate::figures::bridge::Part, sign: f64| {
        vec![V::text(label), V::F(amount, sign * part.amount), V::F(count, count_f64(part.accounts))]
    };
    let rows = vec![
        row(
            revenue_of(&b.from_year),
            format!("SUMPRODUCT(({pr}>0)*{pr})"),
            format!("SUMPRODUCT(({pr}>0)*1)"),
            b.start,
            1.0,
        ),
        row(
            c.t("bridge.new_logos"),
            format!("SUMPRODUCT(({pr}<=0)*({cu}>0)*{cu})"),
            format!("SUMPRODUCT(({pr}<=0)*({cu}>0))"),
            b.new_logos,
            1.0,
        ),
        row(
            c.t("bridge.expansion"),
            format!("SUMPRODUCT({both}*({cu}>{pr})*({cu}-{pr}))"),
            format!("SUMPRODUCT({both}*({cu}>{pr}))"),
            b.expansion,
            1.0,
        ),
        row(
            c.t("bridge.contraction"),
            format!("-SUMPRODUCT({both}*({cu}<{pr})*({pr}-{cu}))"),
            format!("SUMPRODUCT({both}*({cu}<{pr}))"),
            b.contraction,
            -1.0,
        ),
        row(
            c.t("bridge.churn"),
            format!("-SUMPRODUCT(({pr}>0)*({cu}<=0)*{pr})"),
            format!("SUMPRODUCT(({pr}>0)*({cu}<=0))"),
            b.churn,
            -1.0,
        ),
        row(revenue_of(&b.year), format!("SUMPRODUCT(({cu}>0)*{cu})"), format!("SUMPRODUCT(({cu}>0)*1)"), b.end, 1.0),
    ];
    let at = m.table(&c.t("bridge.sheet"), cols, rows)?;
    // The parts above this year's revenue add up to it: a reader who edits a revenue sees it hold.
    let (first, last) = (at.first + 1, at.first + 5);
    m.row(vec![
        V::text(c.t("bridge.check")),
        V::As(CellFmt::Money, Box::new(V::F(format!("SUM(B{first}:B{last})"), b.sum()))),
    ])?;
    Ok(())
}
