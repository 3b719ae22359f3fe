//! Mirrors of the quarterly review's slides.

use rust_xlsxwriter::{ChartType, XlsxError};

use super::{Col, Fmt, Mirror, V, chart, key_values, link, link_text, mrr_array, mrr_of, revenue, word};
use crate::figures::abc::Tier;
use crate::figures::scoring::Quadrant;
use crate::figures::{count_f64, ranked_by};
use crate::input::excel::layout as l;
use crate::slides::Ctx;
use crate::workbook::lit;

/// Title: what the title slide prints, linked to the Seller sheet.
pub(crate) fn title(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let seller = |k: &str| m.refs.key(l::SELLER, k);
    let mut rows = vec![
        (c.t("col.seller"), link_text(seller("name"), &p.seller.name), Fmt::Text),
        (c.t("col.division"), link_text(seller("division"), p.seller.division.as_deref().unwrap_or("")), Fmt::Text),
        (c.t("col.period"), link_text(seller("period"), p.period.as_deref().unwrap_or(p.latest_year())), Fmt::Text),
        (c.t("col.prepared_by"), link_text(seller("prepared_by"), p.prepared_by.as_deref().unwrap_or("")), Fmt::Text),
    ];
    if let Some(d) = p.report_date {
        rows.push((c.t("col.date"), link(seller("report_date"), l::serial(d)), Fmt::Date));
    }
    key_values(m, "", c, rows)
}

/// Agenda: the sections, each linked to its mirror sheet.
pub(crate) fn agenda(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let rows: Vec<Vec<V>> = m
        .sheets
        .iter()
        .filter(|(_, kind)| !matches!(*kind, "title" | "agenda"))
        .map(|(name, kind)| {
            let section = c.loc.messages_or(&format!("kicker.{kind}"), &c.t(&format!("sheet.{kind}")));
            vec![V::Text(section), V::Link(name.clone(), name.clone())]
        })
        .collect();
    m.table("", vec![Col::new(c.t("col.section"), Fmt::Text), Col::new(c.t("col.sheet"), Fmt::Text)], rows)?;
    Ok(())
}

/// `(Accounts!$G$2:$G$9>0)+(mrr>0)>0`: which accounts are active, as an array.
fn active_array(c: &Ctx<'_>, m: &Mirror<'_>) -> String {
    let rev = m.refs.column(l::ACCOUNTS, &revenue(c.year())).unwrap_or_else(|| "0".into());
    match mrr_array(c, m) {
        Some(mrr) => format!("((({rev}>0)+({mrr}>0))>0)"),
        None => format!("({rev}>0)"),
    }
}

/// Endangered accounts as an array: engagement below the threshold, or churn risk high.
fn endangered_array(m: &Mirror<'_>) -> String {
    let eng = m.refs.column(l::ACCOUNTS, "engagement").unwrap_or_else(|| "0".into());
    let churn = m.refs.column(l::ACCOUNTS, "churn_risk").unwrap_or_else(|| "0".into());
    let thr = m.refs.setting("engagement_threshold");
    format!("(((({eng}<>\"\")*({eng}<{thr}))+({churn}=\"high\"))>0)")
}

/// Churn probability as a weight: the probability where given, 1 where not.
fn weight_array(m: &Mirror<'_>) -> String {
    let prob = m.refs.column(l::ACCOUNTS, "churn_probability").unwrap_or_else(|| "0".into());
    format!("(({prob}=\"\")+{prob})")
}

/// KA dashboard: KPIs, MRR by plan over the periods, onboarding counts, top accounts.
pub(crate) fn dashboard(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let d = &c.f.dashboard;
    let p = c.p;
    let active = active_array(c, m);
    let mrr = mrr_array(c, m);
    let total_mrr = mrr.as_ref().map(|a| format!("SUMPRODUCT({a})"));
    let at_risk = format!("SUMPRODUCT({active}*{})", endangered_array(m));
    let mut kpis =
        vec![(c.t("kpi.accounts"), V::F(format!("SUMPRODUCT({active}*1)"), count_f64(d.active)), Fmt::Integer)];
    if let Some(t) = &total_mrr {
        kpis.push((c.t("kpi.mrr"), V::F(t.clone(), d.total_mrr), Fmt::Money));
        kpis.push((c.t("kpi.arr"), V::F(format!("12*{t}"), d.arr), Fmt::Money));
    }
    if let (Some(prev), Some(t)) = (d.previous_mrr, &total_mrr) {
        kpis.push((c.t("col.previous_mrr"), V::Num(prev), Fmt::Money));
        kpis.push((c.t("col.change"), V::F(format!("{t}-{prev}"), d.change.unwrap_or(0.0)), Fmt::Money));
        if prev != 0.0 {
            kpis.push((
                c.t("col.change_pct"),
                V::F(format!("({t}-{prev})/{prev}"), d.change_pct.unwrap_or(0.0)),
                Fmt::Percent,
            ));
        }
    }
    if let (Some(nrr), Some(f)) = (d.nrr, nrr_formula(c, m, p.fiscal_years.len() - 1)) {
        kpis.push((c.tr("kpi.nrr", &[("year", c.year())]), V::F(f, nrr), Fmt::Percent));
    }
    kpis.push((c.t("kpi.at_risk"), V::F(at_risk, count_f64(d.at_risk)), Fmt::Integer));
    if let Some(a) = &mrr {
        let f = format!("SUMPRODUCT({active}*{}*{a})", endangered_array(m));
        kpis.push((c.t("col.mrr_at_risk"), V::F(f, d.mrr_at_risk), Fmt::Money));
    }
    key_values(m, &c.t("workbook.kpis"), c, kpis)?;

    if !d.periods.is_empty() && !p.plans.is_empty() {
        let mut cols = vec![Col::new(c.t("col.period"), Fmt::Text)];
        cols.extend(p.plans.iter().map(|x| Col::new(x.name.clone(), Fmt::Money)));
        let rows: Vec<Vec<V>> = d
            .periods
            .iter()
            .zip(&d.mrr_by_plan)
            .map(|(period, values)| {
                let mut row = vec![V::text(period)];
                row.extend(values.iter().map(|v| V::Num(*v)));
                row
            })
            .collect();
        let at = m.table(&c.t("dashboard.chart"), cols, rows)?;
        let mut ch = chart(ChartType::ColumnStacked, &c.t("dashboard.chart"));
        ch.y_axis().set_num_format(m.money_format());
        for (k, x) in p.plans.iter().enumerate() {
            ch.add_series().set_name(x.name.as_str()).set_categories(&m.series(0, at)).set_values(&m.series(k + 1, at));
        }
        m.chart(&mut ch)?;
    }

    let status = m.refs.column(l::ACCOUNTS, "onboarding_status").unwrap_or_else(|| "\"\"".into());
    let onboarding: Vec<Vec<V>> = crate::model::OnboardingStatus::ALL
        .iter()
        .zip(d.onboarding_counts)
        .map(|(s, n)| {
            let f = format!("SUMPRODUCT({active}*({status}={}))", lit(s.key()));
            vec![V::text(c.t(&format!("onboarding.{}", s.key()))), V::F(f, count_f64(n))]
        })
        .collect();
    m.table(
        &c.t("dashboard.onboarding"),
        vec![Col::new(c.t("col.status"), Fmt::Text), Col::new(c.t("col.accounts"), Fmt::Integer)],
        onboarding,
    )?;

    let cols = vec![
        Col::new(c.t("col.account"), Fmt::Text),
        Col::new(c.t("col.tier"), Fmt::Text),
        Col::new(c.t("col.mrr"), Fmt::Money),
        Col::new(c.t("col.change"), Fmt::Money),
        Col::new(c.t("col.onboarding"), Fmt::Text),
        Col::new(c.t("col.risk"), Fmt::Text),
    ];
    let rows = d
        .top
        .iter()
        .map(|t| {
            let a = &p.accounts[t.account];
            let why = t.endangered.map(|e| why(c, e)).unwrap_or_default();
            vec![
                V::text(&a.name),
                V::text(c.tier(t.tier)),
                link(mrr_of(c, m, &a.id), t.mrr),
                V::num(t.change),
                V::text(t.onboarding.map(|s| c.t(&format!("onboarding.{}", s.key()))).unwrap_or_default()),
                V::text(why),
            ]
        })
        .collect();
    m.table(&c.t("workbook.top_accounts"), cols, rows)?;
    Ok(())
}

/// NRR of fiscal year `y` (index) over the Accounts sheet: Σ rev Y of accounts with rev Y−1 / Σ rev Y−1.
fn nrr_formula(c: &Ctx<'_>, m: &Mirror<'_>, y: usize) -> Option<String> {
    let years = &c.p.fiscal_years;
    let (prev, cur) = (years.get(y.checked_sub(1)?)?, years.get(y)?);
    let (pr, cu) = (m.refs.column(l::ACCOUNTS, &revenue(prev))?, m.refs.column(l::ACCOUNTS, &revenue(cur))?);
    Some(format!("SUMPRODUCT(({pr}>0)*{cu})/SUMPRODUCT(({pr}>0)*{pr})"))
}

/// Why an account is endangered, in words.
fn why(c: &Ctx<'_>, e: crate::figures::risk::Endangerment) -> String {
    match (e.low_engagement, e.high_churn) {
        (true, true) => c.t("flag.both"),
        (true, false) => c.t("flag.engagement"),
        _ => c.t("flag.churn"),
    }
}

/// Rank of a row's value in a column, ties broken by the name column: order-independent.
fn rank(value: &str, values: &str, name: &str, names: &str) -> String {
    format!("COUNTIF({values},\">\"&{value})+COUNTIFS({values},{value},{names},\"<\"&{name})+1")
}

/// Share of the column's total (in cell `total`) held by rows ranked before this one (by
/// value, then name).
fn share_before(value: &str, values: &str, name: &str, names: &str, total: &str) -> String {
    format!("(SUMIF({values},\">\"&{value})+SUMIFS({values},{values},{value},{names},\"<\"&{name}))/{total}")
}

/// Pareto: accounts by latest revenue, share, cumulative share, vital few.
pub(crate) fn pareto(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let pa = &c.f.pareto;
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.rank"), Fmt::Integer),
        Col::new(c.t("col.id"), Fmt::Text),
        Col::new(c.t("col.account"), Fmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", &pa.year)]), Fmt::Money),
        Col::new(c.t("col.share"), Fmt::Percent),
        Col::new(c.t("col.share_before"), Fmt::Percent),
        Col::new(c.t("col.cumulative_share"), Fmt::Percent),
        Col::new(c.t("col.vital"), Fmt::Text),
    ];
    // The total sits above the table, so each row divides by one cell, not by a SUM of its own.
    let total_row = m.next_row();
    let first = total_row + 3;
    let last = first + u32::try_from(pa.rows.len().max(1)).unwrap_or(1) - 1;
    let col = |k: usize| {
        let n = l::col_name(u16::try_from(k).unwrap_or(0));
        format!("${n}${}:${n}${}", first + 1, last + 1)
    };
    let (revs, names) = (col(3), col(2));
    m.row(vec![
        V::text(c.t("total")),
        V::Empty,
        V::Empty,
        V::As(Fmt::Money, Box::new(V::F(format!("SUM({revs})"), pa.total))),
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
        let (rev, name) = (at(3), at(2));
        let before = share_before(&rev, &revs, &name, &names, &total);
        m.row(vec![
            V::F(rank(&rev, &revs, &name, &names), count_f64(k + 1)),
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
        ])?;
    }
    let at = m.end()?;
    if at.len > 0 {
        let shown = super::super::mirror::At { last: at.first + u32::try_from(at.len.min(30)).unwrap_or(1) - 1, ..at };
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

/// ABC: per fiscal year each account's revenue, share before it and tier; counts per tier.
pub(crate) fn abc(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let abc = &c.f.abc;
    let year = c.year();
    // Every account with revenue in some year, by latest revenue then name.
    let with_any = (0..p.accounts.len()).filter(|&i| abc.years.iter().any(|y| y.tiers[i].is_some()));
    let order = ranked_by(p, with_any, |a| a.revenue_in(year));
    let mut cols = vec![Col::new(c.t("col.id"), Fmt::Text), Col::new(c.t("col.account"), Fmt::Text)];
    for y in &p.fiscal_years {
        cols.push(Col::new(c.tr("col.revenue_year", &[("year", y)]), Fmt::Money));
        cols.push(Col::new(c.tr("col.before_year", &[("year", y)]), Fmt::Percent));
        cols.push(Col::new(c.tr("col.tier_year", &[("year", y)]), Fmt::Text));
    }
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
        totals.push(V::As(Fmt::Money, Box::new(V::F(format!("SUM({})", span(2 + 3 * yi)), y.total))));
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
            let before = share_before(&rev, &span(rc), &Mirror::at(1, row), &span(1), &total);
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
        m.row(cells)?;
    }
    let _ = m.end()?;
    // Count and revenue per tier per year, from the tier columns above.
    let cols = vec![
        Col::new(c.t("col.year"), Fmt::Text),
        Col::new(c.tr("abc.tier", &[("t", "A")]), Fmt::Integer),
        Col::new(c.tr("abc.tier", &[("t", "B")]), Fmt::Integer),
        Col::new(c.tr("abc.tier", &[("t", "C")]), Fmt::Integer),
        Col::new(c.tr("col.revenue_tier", &[("t", "A")]), Fmt::Money),
        Col::new(c.tr("col.revenue_tier", &[("t", "B")]), Fmt::Money),
        Col::new(c.tr("col.revenue_tier", &[("t", "C")]), Fmt::Money),
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
            Col::new(c.t("col.account"), Fmt::Text),
            Col::new(mig.from_year.clone(), Fmt::Text),
            Col::new(mig.to_year.clone(), Fmt::Text),
            Col::new(c.t("col.move"), Fmt::Text),
        ];
        m.table(&c.tr("abc.migration", &[("from", &mig.from_year), ("to", &mig.to_year)]), cols, rows)?;
    }
    Ok(())
}

/// Scoring: factor scores, weights, growth, harmony, total, rank, quadrant.
pub(crate) fn scoring(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let s = &p.settings.scoring;
    let sc = &c.f.scoring;
    let growth: Vec<&str> = s.growth.keys().collect();
    let harmony: Vec<&str> = s.harmony.keys().collect();
    let factor = |k: &str| c.loc.messages_or(&format!("factor.{k}"), k);
    let (ng, nh) = (growth.len(), harmony.len());
    // Columns: rank, id, account, growth factors, harmony factors, growth, harmony, total, quadrant, revenue.
    let g0 = 3;
    let h0 = g0 + ng;
    let gcol = h0 + nh;
    let mut cols = vec![
        Col::new(c.t("col.rank"), Fmt::Integer),
        Col::new(c.t("col.id"), Fmt::Text),
        Col::new(c.t("col.account"), Fmt::Text),
    ];
    cols.extend(growth.iter().map(|k| Col::new(factor(k), Fmt::Integer)));
    cols.extend(harmony.iter().map(|k| Col::new(factor(k), Fmt::Integer)));
    for key in ["col.growth", "col.harmony", "col.total"] {
        cols.push(Col::new(c.t(key), Fmt::Decimal));
    }
    cols.push(Col::new(c.t("col.quadrant"), Fmt::Text));
    cols.push(Col::new(c.tr("col.revenue_year", &[("year", c.year())]), Fmt::Money));

    // A weights row above the table: each weight cell refers to Settings.
    let mut weights = vec![V::Empty, V::Empty, V::text(c.t("workbook.weight"))];
    for (group, keys) in [("growth", &growth), ("harmony", &harmony)] {
        let map = if group == "growth" { &s.growth } else { &s.harmony };
        for k in keys.iter() {
            let cell = m.refs.key(l::SETTINGS, &format!("scoring.{group}.{k}"));
            weights.push(V::As(Fmt::Percent, Box::new(link(cell, map.get(k).copied().unwrap_or(0.0)))));
        }
    }
    // The scale's midpoint ("high" is at or above it) beside the weights.
    let midpoint = c.f.scoring.midpoint;
    weights.push(V::text(c.t("workbook.midpoint")));
    weights.push(V::As(Fmt::Decimal, Box::new(V::F(format!("(1+{})/2", m.refs.setting("scoring.scale")), midpoint))));
    let wr = m.next_row();
    m.row(weights)?;
    let first = m.begin(
        &c.tr(
            "scoring.formula",
            &[("g", &c.fmt.number(s.growth_weight, 2)), ("h", &c.fmt.number(1.0 - s.growth_weight, 2))],
        ),
        cols,
    )?;
    let last = first + u32::try_from(sc.rows.len().max(1)).unwrap_or(1) - 1;
    let span = |k: usize| {
        let n = l::col_name(u16::try_from(k).unwrap_or(0));
        format!("${n}${}:${n}${}", first + 1, last + 1)
    };
    let wspan = |a: usize, b: usize| {
        let (x, y) = (l::col_name(u16::try_from(a).unwrap_or(0)), l::col_name(u16::try_from(b).unwrap_or(0)));
        format!("${x}${}:${y}${}", wr + 1, wr + 1)
    };
    let g = m.refs.setting("scoring.growth_weight");
    let mid = format!("${}${}", l::col_name(u16::try_from(gcol + 1).unwrap_or(0)), wr + 1);
    // Looked up once: per row only the cell references change.
    let words = ["invest", "develop", "maintain", "monitor"].map(|k| word(c, &format!("quadrant.{k}")));
    let labels = [Quadrant::Invest, Quadrant::Develop, Quadrant::Maintain, Quadrant::Monitor]
        .map(|q| (q, c.t(&format!("quadrant.{}", q.key()))));
    let mut headers: Vec<String> = growth.iter().map(|k| format!("{}{k}", l::GROWTH)).collect();
    headers.extend(harmony.iter().map(|k| format!("{}{k}", l::HARMONY)));
    headers.push(revenue(c.year()));
    let cols = m.refs.account_cols(&headers);
    #[allow(clippy::cast_precision_loss)]
    for (k, r) in sc.rows.iter().enumerate() {
        let a = &p.accounts[r.account];
        let row = first + u32::try_from(k).unwrap_or(0);
        let scores = a.scores.as_ref();
        let arow = m.refs.account_row(&a.id);
        let mut cells = vec![V::Empty, V::text(&a.id), V::text(&a.name)];
        for (k, key) in growth.iter().enumerate() {
            let v = scores.and_then(|x| x.growth.get(key)).copied().unwrap_or(0) as f64;
            cells.push(link(cols.at(k, arow), v));
        }
        for (k, key) in harmony.iter().enumerate() {
            let v = scores.and_then(|x| x.harmony.get(key)).copied().unwrap_or(0) as f64;
            cells.push(link(cols.at(ng + k, arow), v));
        }
        let at = |col: usize| Mirror::at(col, row);
        let gsum = format!("SUMPRODUCT({},{}:{})", wspan(g0, h0 - 1), at(g0), at(h0 - 1));
        let hsum = format!("SUMPRODUCT({},{}:{})", wspan(h0, gcol - 1), at(h0), at(gcol - 1));
        cells.push(V::F(gsum, r.growth));
        cells.push(V::F(hsum, r.harmony));
        cells.push(V::F(format!("{g}*{}+(1-{g})*{}", at(gcol), at(gcol + 1)), r.total));
        let (gx, hx) = (at(gcol), at(gcol + 1));
        cells.push(V::FText(
            format!(
                "IF({gx}>={mid},IF({hx}>={mid},{},{}),IF({hx}>={mid},{},{}))",
                words[0], words[1], words[2], words[3]
            ),
            labels.iter().find(|(q, _)| *q == r.quadrant).map(|(_, l)| l.clone()).unwrap_or_default(),
        ));
        cells.push(link(cols.at(ng + nh, arow), a.revenue_in(c.year())));
        cells[0] = V::F(rank(&at(gcol + 2), &span(gcol + 2), &at(2), &span(2)), count_f64(r.rank));
        m.row(cells)?;
    }
    let at = m.end()?;
    if at.len > 0 {
        let mut ch = chart(ChartType::Scatter, &c.t("kicker.scoring"));
        ch.add_series()
            .set_name(&c.t("col.account"))
            .set_categories(&m.series(gcol, at))
            .set_values(&m.series(gcol + 1, at));
        ch.x_axis().set_name(&c.t("scoring.x"));
        ch.y_axis().set_name(&c.t("scoring.y"));
        m.chart(&mut ch)?;
    }
    Ok(())
}

/// Profit matrix: revenue, margin, the two splits and each account's quadrant.
pub(crate) fn profit(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
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
    let split = |key: &str, col: usize, cached: f64, fmt: Fmt| {
        let s = m.refs.setting(key);
        V::As(fmt, Box::new(V::F(format!("IF(ISNUMBER({s}),{s},MEDIAN({}))", span(col)), cached)))
    };
    let (rs, ms) = (
        split("profit_matrix.revenue_split", 2, pm.revenue_split, Fmt::Money),
        split("profit_matrix.margin_split", 3, pm.margin_split, Fmt::Percent),
    );
    m.row(vec![V::text(c.t("workbook.split")), V::Empty, rs, ms])?;
    m.row(vec![])?;
    let cols = vec![
        Col::new(c.t("col.id"), Fmt::Text),
        Col::new(c.t("col.account"), Fmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", c.year())]), Fmt::Money),
        Col::new(c.t("col.margin"), Fmt::Percent),
        Col::new(c.t("col.quadrant"), Fmt::Text),
    ];
    let got = m.begin("", cols)?;
    debug_assert_eq!(got, first);
    let (rsc, msc) = (format!("$C${}", split_row + 1), format!("$D${}", split_row + 1));
    let [protect, fix, grow, review] =
        ["protect", "fix_cost", "grow", "review"].map(|k| word(c, &format!("profit.{k}")));
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

/// Onboarding and risk: satisfaction of accounts in onboarding, accounts at risk, MRR at risk.
pub(crate) fn risk(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let r = &c.f.risk;
    let p = c.p;
    let active = active_array(c, m);
    let mut kpis = Vec::new();
    if let Some(a) = mrr_array(c, m) {
        let flagged = format!("{active}*{}*{a}", endangered_array(m));
        kpis.push((c.t("col.mrr_at_risk"), V::F(format!("SUMPRODUCT({flagged})"), r.mrr_at_risk), Fmt::Money));
        if let Some(w) = r.weighted_mrr_at_risk {
            kpis.push((c.t("col.weighted"), V::F(format!("SUMPRODUCT({flagged}*{})", weight_array(m)), w), Fmt::Money));
        }
    }
    kpis.push((
        c.t("kpi.at_risk"),
        V::F(format!("SUMPRODUCT({active}*{})", endangered_array(m)), count_f64(r.at_risk.len())),
        Fmt::Integer,
    ));
    key_values(m, &c.t("risk.queue"), c, kpis)?;

    let today = m.refs.key(l::SELLER, "report_date");
    let cols = vec![
        Col::new(c.t("col.account"), Fmt::Text),
        Col::new(c.t("col.tier"), Fmt::Text),
        Col::new(c.t("col.mrr"), Fmt::Money),
        Col::new(c.t("col.probability"), Fmt::Percent),
        Col::new(c.t("col.weighted"), Fmt::Money),
        Col::new(c.t("col.days"), Fmt::Integer),
        Col::new(c.t("col.why"), Fmt::Text),
    ];
    let first =
        m.begin(&c.t(&format!("risk.rank.{}", crate::input::excel::risk_rank_key(p.settings.risk_rank))), cols)?;
    #[allow(clippy::cast_precision_loss)]
    for (k, x) in r.at_risk.iter().enumerate() {
        let a = &p.accounts[x.account];
        let row = first + u32::try_from(k).unwrap_or(0);
        let prob = Mirror::at(3, row);
        let days = match (&today, a.health.as_ref().and_then(|h| h.flagged_on), x.days_flagged) {
            (Some(t), Some(_), Some(d)) => {
                link(m.refs.account(&a.id, "flagged_on").map(|f| format!("{t}-{f}")), d as f64)
            }
            (_, _, d) => V::num(d.map(|d| d as f64)),
        };
        m.row(vec![
            V::text(&a.name),
            V::text(c.tier(x.tier)),
            link(mrr_of(c, m, &a.id), x.mrr),
            link(
                m.refs.account(&a.id, "churn_probability").filter(|_| x.probability.is_some()),
                x.probability.unwrap_or(1.0),
            ),
            V::F(format!("{}*IF({prob}=\"\",1,{prob})", Mirror::at(2, row)), x.mrr * x.probability.unwrap_or(1.0)),
            days,
            V::text(why(c, x.why)),
        ])?;
    }
    let _ = m.end()?;

    if !r.satisfaction.is_empty() {
        let target = m.refs.setting("satisfaction_target");
        let cols = vec![
            Col::new(c.t("col.account"), Fmt::Text),
            Col::new(c.t("col.satisfaction"), Fmt::Decimal),
            Col::new(c.t("col.target"), Fmt::Decimal),
        ];
        let rows = r
            .satisfaction
            .iter()
            .map(|(i, s)| {
                let a = &p.accounts[*i];
                vec![
                    V::text(&a.name),
                    link(m.refs.account(&a.id, "satisfaction"), *s),
                    link(Some(target.clone()), p.settings.satisfaction_target),
                ]
            })
            .collect();
        let avg = r.satisfaction_avg.map_or_else(String::new, |v| c.fmt.number(v, 1));
        let at = m.table(&c.tr("risk.satisfaction", &[("avg", &avg)]), cols, rows)?;
        m.summary(c.t("col.average"), "AVERAGE", 1, at, r.satisfaction_avg.unwrap_or(0.0), Fmt::Decimal)?;
        let mut ch = chart(ChartType::Bar, &c.t("col.satisfaction"));
        ch.add_series()
            .set_name(&c.t("col.satisfaction"))
            .set_categories(&m.series(0, at))
            .set_values(&m.series(1, at));
        ch.add_series().set_name(&c.t("col.target")).set_categories(&m.series(0, at)).set_values(&m.series(2, at));
        m.chart(&mut ch)?;
    }
    Ok(())
}

/// Retention: GRR, NRR and logo churn per year over the Accounts sheet; churned, contracted, renewals.
pub(crate) fn retention(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let rt = &c.f.retention;
    let p = c.p;
    let cols = vec![
        Col::new(c.t("col.year"), Fmt::Text),
        Col::new(c.t("col.base"), Fmt::Integer),
        Col::new(c.t("retention.grr"), Fmt::Percent),
        Col::new(c.t("retention.nrr"), Fmt::Percent),
        Col::new(c.t("retention.churn"), Fmt::Percent),
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
            vec![Col::new(c.t("col.account"), Fmt::Text), Col::new(c.t("col.status"), Fmt::Text)],
            rows,
        )?;
    }
    if !rt.renewals.is_empty() {
        let cols = vec![
            Col::new(c.t("col.account"), Fmt::Text),
            Col::new(c.t("col.date"), Fmt::Date),
            Col::new(c.t("col.mrr"), Fmt::Money),
        ];
        let rows = rt
            .renewals
            .iter()
            .map(|r| {
                let a = &p.accounts[r.account];
                vec![
                    V::text(&a.name),
                    link(m.refs.account(&a.id, "renewal_date"), l::serial(r.date)),
                    link(mrr_of(c, m, &a.id), r.mrr),
                ]
            })
            .collect();
        let total: f64 = rt.renewals.iter().map(|r| r.mrr).sum();
        let at = m.table(
            &c.tr("retention.renewals", &[("n", &rt.renewals.len().to_string()), ("mrr", &c.fmt.money_short(total))]),
            cols,
            rows,
        )?;
        m.summary(c.t("total"), "SUM", 2, at, total, Fmt::Money)?;
    }
    Ok(())
}

/// Division map: key accounts × offerings, whitespace per offering.
pub(crate) fn divisions(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let dm = &c.f.divisions;
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.account"), Fmt::Text)];
    cols.extend(p.offerings.iter().map(|o| Col::new(o.name.clone(), Fmt::Text)));
    let rows = dm
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![V::text(c.name(r.account))];
            row.extend(r.cells.iter().map(|s| V::text(c.t(&format!("status.{}", s.key())))));
            row
        })
        .collect();
    let at = m.table(&c.t("kicker.divisions"), cols, rows)?;
    let ws = c.t("status.whitespace");
    let mut total = vec![V::text(c.t("divisions.whitespace"))];
    total.extend(dm.whitespace.iter().enumerate().map(|(k, n)| {
        V::As(Fmt::Integer, Box::new(V::F(format!("COUNTIF({},{})", Mirror::span(k + 1, at), lit(&ws)), count_f64(*n))))
    }));
    m.row(total)?;
    Ok(())
}

/// Team: coverage per member (live over the Accounts sheet) and the program's RACI.
pub(crate) fn team(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let owner = m.refs.column(l::ACCOUNTS, "owner");
    let mrr = mrr_array(c, m);
    let cols = vec![
        Col::new(c.t("col.member"), Fmt::Text),
        Col::new(c.t("col.role"), Fmt::Text),
        Col::new(c.t("col.accounts"), Fmt::Integer),
        Col::new(c.t("col.mrr"), Fmt::Money),
        Col::new(c.t("col.a_tier"), Fmt::Integer),
    ];
    let rows =
        c.f.team
            .coverage
            .iter()
            .map(|cv| {
                let mem = &p.team[cv.member];
                let id = lit(&mem.id);
                let count = owner.as_ref().map_or(V::Num(count_f64(cv.accounts)), |o| {
                    V::F(format!("COUNTIF({o},{id})"), count_f64(cv.accounts))
                });
                let mrr = match (&owner, &mrr) {
                    (Some(o), Some(a)) => V::F(format!("SUMPRODUCT(({o}={id})*{a})"), cv.mrr),
                    _ => V::Num(cv.mrr),
                };
                vec![
                    V::text(&mem.name),
                    V::text(mem.role.clone().unwrap_or_default()),
                    count,
                    mrr,
                    V::Num(count_f64(cv.a_tier)),
                ]
            })
            .collect();
    let at = m.table(&c.t("team.coverage"), cols, rows)?;
    if at.len > 0 {
        let mut ch = chart(ChartType::Bar, &c.t("team.mrr"));
        ch.x_axis().set_num_format(m.money_format());
        ch.add_series().set_name(&c.t("col.mrr")).set_categories(&m.series(0, at)).set_values(&m.series(3, at));
        m.chart(&mut ch)?;
    }
    raci(c, m, &p.program.raci, &c.t("team.raci"))
}

/// A RACI matrix (activities × members) with a count of A per activity.
pub(crate) fn raci(
    c: &Ctx<'_>,
    m: &mut Mirror<'_>,
    raci: &crate::model::OrderedMap<crate::model::OrderedMap<crate::model::Raci>>,
    caption: &str,
) -> Result<(), XlsxError> {
    if raci.is_empty() {
        return Ok(());
    }
    let p = c.p;
    let mut cols = vec![Col::new(c.t("col.activity"), Fmt::Text)];
    cols.extend(p.team.iter().map(|t| Col::new(t.name.clone(), Fmt::Text)));
    cols.push(Col::new(c.t("col.accountable"), Fmt::Integer));
    let n = p.team.len();
    let first = m.begin(caption, cols)?;
    for (k, (activity, members)) in raci.iter().enumerate() {
        let row = first + u32::try_from(k).unwrap_or(0);
        let mut cells = vec![V::text(activity)];
        cells.extend(p.team.iter().map(|t| V::text(members.get(&t.id).map(|r| r.letter()).unwrap_or(""))));
        let a_count = members.values().filter(|r| **r == crate::model::Raci::A).count();
        let span = format!("{}:{}", Mirror::at(1, row), Mirror::at(n.max(1), row));
        cells.push(V::F(format!("COUNTIF({span},\"A\")"), count_f64(a_count)));
        m.row(cells)?;
    }
    let _ = m.end()?;
    Ok(())
}

/// Timeline: milestones with dates from the Milestones sheet and their length in days.
pub(crate) fn timeline(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    milestones(c, m, &c.p.program.milestones, "", &c.t("kicker.timeline"))
}

/// The milestones of the program (`account` "") or of an account.
pub(crate) fn milestones(
    c: &Ctx<'_>,
    m: &mut Mirror<'_>,
    list: &[crate::model::Milestone],
    account: &str,
    caption: &str,
) -> Result<(), XlsxError> {
    let cols = vec![
        Col::new(c.t("col.milestone"), Fmt::Text),
        Col::new(c.t("col.owner"), Fmt::Text),
        Col::new(c.t("col.start"), Fmt::Date),
        Col::new(c.t("col.end"), Fmt::Date),
        Col::new(c.t("col.days_long"), Fmt::Integer),
        Col::new(c.t("col.status"), Fmt::Text),
    ];
    let rows_at: Vec<u32> = m.refs.rows(l::MILESTONES, account).to_vec();
    let first = m.begin(caption, cols)?;
    #[allow(clippy::cast_precision_loss)]
    for (k, ms) in list.iter().enumerate() {
        let row = first + u32::try_from(k).unwrap_or(0);
        let at = rows_at.get(k).copied();
        let cell = |h: &str| at.and_then(|r| m.refs.cell(l::MILESTONES, r, h));
        let status = ms.status.map(|s| c.t(&format!("milestone.{}", s.key()))).unwrap_or_default();
        m.row(vec![
            link_text(cell("name"), &ms.name),
            V::text(c.member_name(ms.owner.as_deref())),
            link(cell("start"), l::serial(ms.start)),
            link(cell("end"), l::serial(ms.end)),
            V::F(format!("{}-{}+1", Mirror::at(3, row), Mirror::at(2, row)), (ms.end.days_since(ms.start) + 1) as f64),
            V::text(status),
        ])?;
    }
    let _ = m.end()?;
    Ok(())
}

/// Charter: every row of the Charter sheet, linked.
pub(crate) fn charter(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let Some(ch) = &c.p.program.charter else { return Ok(()) };
    let mut rows = Vec::new();
    let mut add = |section: &str, text: &str, detail: Option<&str>, target: Option<&str>| {
        rows.push(vec![
            V::text(c.t(section)),
            V::text(text),
            V::text(detail.unwrap_or("")),
            V::text(target.unwrap_or("")),
        ]);
    };
    if let Some(x) = &ch.mission {
        add("workbook.mission", x, None, None);
    }
    if let Some(x) = &ch.qualification {
        add("charter.qualification", x, None, None);
    }
    for o in &ch.objectives {
        add("col.objective", &o.name, o.kpi.as_deref(), o.target.as_deref());
    }
    for r in &ch.roles {
        add("col.role", &r.role, r.duty.as_deref(), None);
    }
    for g in &ch.governance {
        add("charter.governance", g, None, None);
    }
    let cols = vec![
        Col::new(c.t("col.section"), Fmt::Text),
        Col::new(c.t("col.text"), Fmt::Text),
        Col::new(c.t("col.detail"), Fmt::Text),
        Col::new(c.t("col.target"), Fmt::Text),
    ];
    m.table(&c.t("kicker.charter"), cols, rows)?;
    Ok(())
}

/// Appendix: every account (the slide stops at `appendix_rows`), and the settings in force.
pub(crate) fn appendix(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let year = c.year();
    let prev = p.fiscal_years.iter().rev().nth(1);
    let order = ranked_by(p, 0..p.accounts.len(), |a| a.revenue_in(year));
    let cols = vec![
        Col::new(c.t("col.id"), Fmt::Text),
        Col::new(c.t("col.account"), Fmt::Text),
        Col::new(c.t("col.tier"), Fmt::Text),
        Col::new(c.tr("col.revenue_year", &[("year", year)]), Fmt::Money),
        Col::new(c.t("col.growth_yoy"), Fmt::Percent),
        Col::new(c.t("col.mrr"), Fmt::Money),
        Col::new(c.t("col.margin"), Fmt::Percent),
        Col::new(c.t("col.owner"), Fmt::Text),
        Col::new(c.t("col.score_rank"), Fmt::Integer),
    ];
    let first = m.begin(&c.t("workbook.all_accounts"), cols)?;
    for (k, &i) in order.iter().enumerate() {
        let a = &p.accounts[i];
        let row = first + u32::try_from(k).unwrap_or(0);
        let rev = a.revenue_in(year);
        let growth = match prev {
            Some(py) => {
                let pv = a.revenue_in(py);
                let cell = m.refs.account(&a.id, &revenue(py));
                match (crate::figures::ratio(rev - pv, pv), cell) {
                    (Some(g), Some(pc)) => V::F(format!("IF(N({pc})=0,\"\",{}/{pc}-1)", Mirror::at(3, row)), g),
                    (Some(g), None) => V::Num(g),
                    _ => V::Empty,
                }
            }
            None => V::Empty,
        };
        m.row(vec![
            V::text(&a.id),
            V::text(&a.name),
            V::text(c.tier(c.f.abc.latest_tier(i))),
            link(m.refs.account(&a.id, &revenue(year)), rev),
            growth,
            link(mrr_of(c, m, &a.id), a.mrr_total()),
            a.margin.map_or(V::Empty, |v| link(m.refs.account(&a.id, "margin"), v)),
            V::text(c.member_name(a.owner.as_deref())),
            c.f.scoring.of(i).map_or(V::Empty, |s| V::Num(count_f64(s.rank))),
        ])?;
    }
    let _ = m.end()?;
    settings(c, m)
}

/// The settings in force, linked to the Settings sheet.
fn settings(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let s = &c.p.settings;
    let fixed = [
        ("pareto_cut", s.pareto_cut, Fmt::Percent),
        ("abc.a", s.abc.a, Fmt::Percent),
        ("abc.b", s.abc.b, Fmt::Percent),
        ("engagement_threshold", s.engagement_threshold, Fmt::Percent),
        ("satisfaction_target", s.satisfaction_target, Fmt::Decimal),
        ("scoring.growth_weight", s.scoring.growth_weight, Fmt::Percent),
    ]
    .map(|(k, v, f)| (k.to_owned(), v, f));
    let weights = [("growth", &s.scoring.growth), ("harmony", &s.scoring.harmony)]
        .into_iter()
        .flat_map(|(group, map)| map.iter().map(move |(k, w)| (format!("scoring.{group}.{k}"), *w, Fmt::Percent)));
    let rows = fixed
        .into_iter()
        .chain(weights)
        .map(|(k, v, f)| {
            let cell = link(m.refs.key(l::SETTINGS, &k), v);
            (k, cell, f)
        })
        .collect();
    key_values(m, &c.t("definitions.title"), c, rows)
}
