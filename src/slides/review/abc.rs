//! ABC analysis: tiers per year and migration between the last two years.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, StackedBars, stacked_bars};
use crate::figures::abc::{Move, Tier};
use crate::figures::count_f64;
use crate::figures::ranked_by;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, link, revenue, share_before};

/// The `abc` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "abc", templates: &["review/abc.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let abc = &c.f.abc;
    let Some(last) = abc.years.last().filter(|y| y.total > 0.0) else { return Ok(vec![]) };
    let f = &c.fmt;
    let moved = |v: &[Move]| v.len();
    let title = match &abc.migration {
        Some(m) => c.tn(
            "abc.title_migration",
            last.counts[0],
            &[
                ("s", &f.pct(last.revenue[0] / last.total, 0)),
                ("year", &last.year),
                ("up", &f.count(moved(&m.up))),
                ("down", &f.count(moved(&m.down))),
            ],
        ),
        None => {
            c.tn("abc.title", last.counts[0], &[("s", &f.pct(last.revenue[0] / last.total, 0)), ("year", &last.year)])
        }
    };
    let mut s = Slide::new("review/abc.typ", c.t("kicker.abc"), title, Value::Null);
    let money = |v: f64| f.money_short(v);
    let series = Tier::ALL
        .iter()
        .map(|t| {
            (
                c.tr("abc.tier", &[("t", t.letter())]),
                c.style.tiers[t.index()],
                abc.years.iter().map(|y| y.revenue[t.index()]).collect(),
            )
        })
        .collect();
    let svg = stacked_bars(
        &StackedBars { categories: abc.years.iter().map(|y| y.year.clone()).collect(), series, fmt: &money },
        400.0,
        300.0,
        c.style,
    )?;
    let chart = s.chart("abc", svg);
    let counts: Vec<Value> = abc
        .years
        .iter()
        .map(|y| json!([y.year, f.count(y.counts[0]), f.count(y.counts[1]), f.count(y.counts[2])]))
        .collect();
    let list = |v: &[Move]| -> Vec<String> {
        let mut out: Vec<String> = v
            .iter()
            .take(4)
            .map(|m| format!("{} ({} → {})", c.name(m.account), m.from.letter(), m.to.letter()))
            .collect();
        if v.len() > 4 {
            out.push(c.more(v.len() - 4));
        }
        out
    };
    let migration = abc.migration.as_ref().map(|m| {
        json!({
            "title": c.tr("abc.migration", &[("from", &m.from_year), ("to", &m.to_year)]),
            "up": list(&m.up), "down": list(&m.down),
            "up_label": c.tr("abc.up", &[("n", &f.count(m.up.len()))]),
            "down_label": c.tr("abc.down", &[("n", &f.count(m.down.len()))]),
            "other": c.tr("abc.new_lost", &[("new", &f.count(m.new.len())), ("new_accounts", &c.units("new_accounts", m.new.len())), ("lost", &f.count(m.lost.len()))]),
            "none": c.t("abc.no_moves"),
        })
    });
    s.data = json!({
        "chart": chart,
        "headers": [c.t("col.year"), "A", "B", "C"],
        "counts": counts,
        "migration": migration,
        "rule": c.tr("abc.rule", &[("a", &f.pct(c.p.settings.abc.a, 0)), ("b", &f.pct(c.p.settings.abc.b, 0))]),
    });
    Ok(vec![s])
}

/// ABC: per fiscal year each account's revenue, share before it and tier; counts per tier.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let abc = &c.f.abc;
    let year = c.year();
    // Every account with revenue in some year, by latest revenue then name.
    let with_any = (0..p.accounts.len()).filter(|&i| abc.years.iter().any(|y| y.tiers[i].is_some()));
    let order = ranked_by(p, with_any, |a| a.revenue_in(year));
    let mut cols = vec![Col::new(c.t("col.id"), CellFmt::Text), Col::new(c.t("col.account"), CellFmt::Text)];
    for y in &p.fiscal_years {
        cols.push(Col::new(c.tr("col.revenue_year", &[("year", y)]), CellFmt::Money));
        cols.push(Col::new(c.tr("col.before_year", &[("year", y)]), CellFmt::Percent));
        cols.push(Col::new(c.tr("col.tier_year", &[("year", y)]), CellFmt::Text));
    }
    // Ties are broken by this number, which every spreadsheet compares alike.
    let oc = cols.len();
    cols.push(Col::new(c.t("col.name_order"), CellFmt::Integer));
    // Each year's total sits above the table (see `pareto`).
    let total_row = m.next_row();
    let first = total_row + 3;
    let last = first + u32::try_from(order.len().max(1)).unwrap_or(1) - 1;
    let span = |k: usize| {
        let n = l::col_name(u16::try_from(k).unwrap_or(0));
        format!("${n}${}:${n}${}", first + 1, last + 1)
    };
    let mut totals = vec![V::text(c.t("total")), V::Empty];
    for (yi, y) in abc.years.iter().enumerate() {
        totals.push(V::As(CellFmt::Money, Box::new(V::F(format!("SUM({})", span(2 + 3 * yi)), y.total))));
        totals.extend([V::Empty, V::Empty]);
    }
    m.row(totals)?;
    let got = m.begin(&c.t("abc.rule_short"), cols)?;
    debug_assert_eq!(got, first);
    let (a_cut, b_cut) = (m.refs.setting("abc.a"), m.refs.setting("abc.b"));
    // Share before each account, per year, by account index.
    let before_of: Vec<Vec<f64>> = abc
        .years
        .iter()
        .map(|y| {
            let mut v = vec![0.0; p.accounts.len()];
            for (j, share) in &y.order {
                v[*j] = *share;
            }
            v
        })
        .collect();
    let cols = m.refs.account_cols(&abc.years.iter().map(|y| revenue(&y.year)).collect::<Vec<_>>());
    for (k, &i) in order.iter().enumerate() {
        let a = &p.accounts[i];
        let row = first + u32::try_from(k).unwrap_or(0);
        let arow = m.refs.account_row(&a.id);
        let mut cells = vec![V::text(&a.id), V::text(&a.name)];
        for (yi, y) in abc.years.iter().enumerate() {
            let rc = 2 + 3 * yi;
            let rev = Mirror::at(rc, row);
            let total = format!("${}${}", l::col_name(u16::try_from(rc).unwrap_or(0)), total_row + 1);
            let before = share_before(&rev, &span(rc), &Mirror::at(oc, row), &span(oc), &total);
            let cached_before = before_of[yi][i];
            let tier = y.tiers[i];
            cells.push(link(cols.at(yi, arow), a.revenue_in(&y.year)));
            // Without revenue that year an account has no share before it and no tier ("–").
            cells.push(V::F(format!("IF({rev}>0,{before},0)"), if tier.is_some() { cached_before } else { 0.0 }));
            let bc = Mirror::at(rc + 1, row);
            cells.push(V::FText(
                format!("IF({rev}>0,IF({bc}<{a_cut}-1E-12,\"A\",IF({bc}<{b_cut}-1E-12,\"B\",\"C\")),\"–\")"),
                tier.map_or_else(|| "–".to_owned(), |t| t.letter().to_owned()),
            ));
        }
        cells.push(V::Num(count_f64(c.f.name_order[i])));
        m.row(cells)?;
    }
    let _ = m.end()?;
    // Count and revenue per tier per year, from the tier columns above.
    let cols = vec![
        Col::new(c.t("col.year"), CellFmt::Text),
        Col::new(c.tr("abc.tier", &[("t", "A")]), CellFmt::Integer),
        Col::new(c.tr("abc.tier", &[("t", "B")]), CellFmt::Integer),
        Col::new(c.tr("abc.tier", &[("t", "C")]), CellFmt::Integer),
        Col::new(c.tr("col.revenue_tier", &[("t", "A")]), CellFmt::Money),
        Col::new(c.tr("col.revenue_tier", &[("t", "B")]), CellFmt::Money),
        Col::new(c.tr("col.revenue_tier", &[("t", "C")]), CellFmt::Money),
    ];
    let rows = abc
        .years
        .iter()
        .enumerate()
        .map(|(yi, y)| {
            let (rev, tier) = (span(2 + 3 * yi), span(4 + 3 * yi));
            let mut row = vec![V::text(&y.year)];
            for (t, letter) in [Tier::A, Tier::B, Tier::C].iter().zip(["A", "B", "C"]) {
                row.push(V::F(format!("COUNTIF({tier},\"{letter}\")"), count_f64(y.counts[t.index()])));
            }
            for (t, letter) in [Tier::A, Tier::B, Tier::C].iter().zip(["A", "B", "C"]) {
                row.push(V::F(format!("SUMIF({tier},\"{letter}\",{rev})"), y.revenue[t.index()]));
            }
            row
        })
        .collect();
    let at = m.table(&c.t("workbook.per_tier"), cols, rows)?;
    let mut ch = chart(ChartType::ColumnStacked, &c.t("workbook.per_tier"));
    ch.y_axis().set_num_format(m.money_format());
    for (k, t) in ["A", "B", "C"].iter().enumerate() {
        ch.add_series()
            .set_name(&c.tr("abc.tier", &[("t", t)]))
            .set_categories(&m.series(0, at))
            .set_values(&m.series(4 + k, at));
    }
    m.chart(&mut ch)?;
    if let Some(mig) = &abc.migration {
        let mut rows = Vec::new();
        for (moves, key) in [(&mig.up, "workbook.up"), (&mig.down, "workbook.down")] {
            for mv in moves.iter() {
                rows.push(vec![
                    V::text(c.name(mv.account)),
                    V::text(mv.from.letter()),
                    V::text(mv.to.letter()),
                    V::text(c.t(key)),
                ]);
            }
        }
        let cols = vec![
            Col::new(c.t("col.account"), CellFmt::Text),
            Col::new(mig.from_year.clone(), CellFmt::Text),
            Col::new(mig.to_year.clone(), CellFmt::Text),
            Col::new(c.t("col.move"), CellFmt::Text),
        ];
        m.table(&c.tr("abc.migration", &[("from", &mig.from_year), ("to", &mig.to_year)]), cols, rows)?;
    }
    Ok(())
}
