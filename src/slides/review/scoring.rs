//! Scoring matrix: the bubble chart with quadrants, then the factor tables.

use rust_xlsxwriter::{ChartType, XlsxError};
use serde_json::{Value, json};

use crate::charts::{ChartError, Scatter, ScatterPoint, scatter};
use crate::figures::count_f64;
use crate::figures::scoring::Quadrant;
use crate::input::excel::layout as l;
use crate::model::OrderedMap;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, chart, link, rank, revenue};

/// Rows of the factor tables: names wrap in the narrow first column, ten rows fit.
const TABLE_ROWS: usize = 12;
/// Accounts ranked beside the chart.
const RANKED: usize = 8;
/// Characters of a title that stays within two lines at the title size.
const MAX_TITLE: usize = 110;

/// A factor as people say it: the catalogue's name, else its key in words (`product_fit`
/// → "Product fit"), never the raw id.
pub(super) fn factor_name(c: &Ctx<'_>, key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    let fallback = chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect());
    c.loc.messages_or(&format!("factor.{key}"), &fallback)
}

/// The factor tables' finding: the factor on which the accounts shown lead the portfolio
/// most, or, when they are the whole portfolio, its strongest and weakest factor.
fn factor_title(c: &Ctx<'_>) -> String {
    let sc = &c.f.scoring;
    let f = &c.fmt;
    let set = &c.p.settings.scoring;
    let scale = set.scale.to_string();
    let keys: Vec<&str> = set.growth.keys().chain(set.harmony.keys()).collect();
    let score = |i: usize, k: &str| {
        let s = c.p.accounts[i].scores.as_ref()?;
        s.growth.get(k).or_else(|| s.harmony.get(k)).map(|v| *v as f64)
    };
    let mean = |rows: &[crate::figures::scoring::Scored], k: &str| {
        let v: Vec<f64> = rows.iter().filter_map(|r| score(r.account, k)).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    let shown = &sc.rows[..sc.rows.len().min(TABLE_ROWS)];
    let all: Vec<(&str, f64)> = keys.iter().filter_map(|k| Some((*k, mean(&sc.rows, k)?))).collect();
    let by = |v: &[(&str, f64)], pick: fn(f64, f64) -> bool| -> Option<(String, f64)> {
        let mut best: Option<(&str, f64)> = None;
        for &(k, x) in v {
            if best.is_none_or(|(_, b)| pick(x, b)) {
                best = Some((k, x));
            }
        }
        best.map(|(k, x)| (factor_name(c, k), x))
    };
    if sc.rows.len() > shown.len() {
        let lead: Vec<(&str, f64)> = all.iter().filter_map(|&(k, a)| Some((k, mean(shown, k)? - a))).collect();
        if let Some((name, _)) = by(&lead, |x, b| x > b) {
            let k = lead.iter().find(|(k, _)| factor_name(c, k) == name).map_or("", |(k, _)| *k);
            let (top, avg) = (mean(shown, k).unwrap_or(0.0), mean(&sc.rows, k).unwrap_or(0.0));
            return c.tr(
                "scoring.tables_lead",
                &[
                    ("n", &f.count(shown.len())),
                    ("factor", &name),
                    ("top", &f.number(top, 1)),
                    ("all", &f.number(avg, 1)),
                    ("scale", &scale),
                ],
            );
        }
    }
    let (strong, weak) = (by(&all, |x, b| x > b), by(&all, |x, b| x < b));
    let ((s_name, s), (w_name, w)) = (strong.unwrap_or_default(), weak.unwrap_or_default());
    c.tn(
        "scoring.tables_spread",
        sc.rows.len(),
        &[("strong", &s_name), ("s", &f.number(s, 1)), ("weak", &w_name), ("w", &f.number(w, 1)), ("scale", &scale)],
    )
}

/// The title, and the accounts it names: the best-ranked in Invest, as many as three, but
/// never an arbitrary pick out of a tie (at 10,000 accounts eleven may share the top score);
/// a tie at the top is said as such.
pub(super) fn title(c: &Ctx<'_>) -> (String, Vec<usize>) {
    let sc = &c.f.scoring;
    let f = &c.fmt;
    let invest: Vec<_> = sc.rows.iter().filter(|r| r.quadrant == Quadrant::Invest).collect();
    let total = f.count(sc.rows.len());
    let Some(best) = invest.first() else {
        let top = &sc.rows[0];
        let q = c.t(&format!("quadrant.{}", top.quadrant.key()));
        return (c.tr("scoring.title_none", &[("top", &c.name(top.account)), ("q", &q)]), vec![top.account]);
    };
    let mut k = invest.len().min(3);
    while k > 0 && k < invest.len() && invest[k - 1].total == invest[k].total {
        k -= 1;
    }
    let share = f.pct(invest.len() as f64 / sc.rows.len() as f64, 0);
    let args = [("total", total.as_str()), ("share", share.as_str())];
    if k == 0 {
        let tied = invest.iter().take_while(|r| r.total == best.total).count();
        let mut a = args.to_vec();
        let (tied_s, score) = (f.count(tied), f.number(best.total, 2));
        a.extend([("tied", tied_s.as_str()), ("score", score.as_str())]);
        return (c.tn("scoring.title_tie", invest.len(), &a), Vec::new());
    }
    // Long names make fewer: a title of more than two lines is no longer read.
    loop {
        let named: Vec<usize> = invest.iter().take(k).map(|r| r.account).collect();
        let names: Vec<String> = named.iter().map(|&i| c.name(i).into_owned()).collect();
        let mut a = args.to_vec();
        let list = f.list(&names);
        a.push(("top", list.as_str()));
        let title = c.tn("scoring.title", invest.len(), &a);
        if k == 1 || title.chars().count() <= MAX_TITLE {
            return (title, named);
        }
        k -= 1;
    }
}

/// The `scoring` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "scoring", templates: &["review/scoring.typ", "review/scoring_tables.typ"], build, sheet, gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let sc = &c.f.scoring;
    if sc.rows.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let set = &c.p.settings.scoring;
    let (title, named) = title(c);
    let mut chart_slide = Slide::new("review/scoring.typ", c.t("kicker.scoring"), title.clone(), Value::Null);
    let scale = set.scale as f64;
    // Every scored account: the chart draws a crowd as one dot per spot, the accounts the
    // title names in the accent colour and labelled first.
    let points = sc
        .rows
        .iter()
        .map(|r| {
            let is_named = named.contains(&r.account);
            ScatterPoint {
                x: r.growth,
                y: r.harmony,
                size: Some(c.p.accounts[r.account].revenue_in(c.year())),
                label: c.name(r.account).into_owned(),
                // The colours follow the table beside the chart: the ranked in primary, the
                // accounts the title names in the accent, the rest muted.
                color: if is_named {
                    c.style.accent
                } else if r.rank <= RANKED {
                    c.style.primary
                } else {
                    c.style.muted
                },
                priority: if is_named { 0 } else { r.rank },
            }
        })
        .collect();
    let num = |v: f64| f.number(v, 0);
    let q = |k: Quadrant| c.t(&format!("quadrant.{}", k.key()));
    let chart = Scatter {
        points,
        x_range: Some((1.0, scale)),
        y_range: Some((1.0, scale)),
        x_split: sc.midpoint,
        y_split: sc.midpoint,
        quadrants: [q(Quadrant::Maintain), q(Quadrant::Invest), q(Quadrant::Monitor), q(Quadrant::Develop)],
        titles: (c.t("scoring.x"), c.t("scoring.y")),
        fmt: (&num, &num),
        max_labels: 8,
        log_x: false,
    };
    let svg = scatter(&chart, 500.0, 330.0, c.style)?;
    let path = chart_slide.chart("scoring", svg);
    let ranked: Vec<Value> = sc
        .rows
        .iter()
        .take(RANKED)
        .map(|r| json!([f.count(r.rank), c.name(r.account), f.number(r.total, 2), q(r.quadrant)]))
        .collect();
    if sc.rows.len() > RANKED {
        chart_slide.note(c.tr("note.top_rows", &[("n", &f.count(RANKED)), ("total", &f.count(sc.rows.len()))]));
    }
    if sc.unscored > 0 {
        chart_slide.note(c.tn("note.unscored", sc.unscored, &[]));
    }
    chart_slide.data = json!({
        "chart": path,
        "callout": c.t("scoring.callout"),
        "headers": [c.t("col.rank"), c.t("col.account"), c.t("col.total"), c.t("col.quadrant")],
        "ranked": ranked,
        "formula": c.tr("scoring.formula", &[("g", &f.number(set.growth_weight, 2)), ("h", &f.number(1.0 - set.growth_weight, 2))]),
        "size_key": c.tr(if chart.is_dense() { "scoring.size_key_dense" } else { "scoring.size_key" }, &[("year", c.year())]),
    });

    let table = |weights: &OrderedMap<f64>,
                 pick: fn(&crate::model::Scores) -> &OrderedMap<i64>,
                 value: fn(&crate::figures::scoring::Scored) -> f64,
                 label: &str| {
        let mut headers = vec![c.t("col.account")];
        headers.extend(weights.iter().map(|(k, w)| format!("{} ({})", factor_name(c, k), f.number(*w, 2))));
        headers.push(label.to_owned());
        let rows: Vec<Value> = sc
            .rows
            .iter()
            .take(TABLE_ROWS)
            .map(|r| {
                let scores = c.p.accounts[r.account].scores.as_ref().map(pick);
                let mut cells = vec![c.name(r.account).into_owned()];
                cells.extend(
                    weights.keys().map(|k| scores.and_then(|s| s.get(k)).map_or_else(String::new, ToString::to_string)),
                );
                cells.push(f.number(value(r), 2));
                json!(cells)
            })
            .collect();
        json!({ "headers": headers, "rows": rows })
    };
    let tables = Slide::new(
        "review/scoring_tables.typ",
        c.t("kicker.scoring"),
        factor_title(c),
        json!({
            "growth": table(&set.growth, |s| &s.growth, |r| r.growth, &c.t("col.growth")),
            "harmony": table(&set.harmony, |s| &s.harmony, |r| r.harmony, &c.t("col.harmony")),
            "growth_title": c.t("scoring.growth"),
            "harmony_title": c.t("scoring.harmony"),
            // As many rows as fit beside each other, and a word on the rest.
            "notes": c.top_notes(sc.rows.len().min(TABLE_ROWS), sc.rows.len()),
        }),
    );
    Ok(vec![chart_slide, tables])
}

/// Scoring: factor scores, weights, growth, harmony, total, rank, quadrant.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let s = &p.settings.scoring;
    let sc = &c.f.scoring;
    let growth: Vec<&str> = s.growth.keys().collect();
    let harmony: Vec<&str> = s.harmony.keys().collect();
    let factor = |k: &str| factor_name(c, k);
    let (ng, nh) = (growth.len(), harmony.len());
    // Columns: rank, id, account, growth factors, harmony factors, growth, harmony, total, quadrant, revenue.
    let g0 = 3;
    let h0 = g0 + ng;
    let gcol = h0 + nh;
    let mut cols = vec![
        Col::new(c.t("col.rank"), CellFmt::Integer),
        Col::new(c.t("col.id"), CellFmt::Text),
        Col::new(c.t("col.account"), CellFmt::Text),
    ];
    cols.extend(growth.iter().map(|k| Col::new(factor(k), CellFmt::Integer)));
    cols.extend(harmony.iter().map(|k| Col::new(factor(k), CellFmt::Integer)));
    for key in ["col.growth", "col.harmony", "col.total"] {
        cols.push(Col::new(c.t(key), CellFmt::Decimal));
    }
    cols.push(Col::new(c.t("col.quadrant"), CellFmt::Text));
    cols.push(Col::new(c.tr("col.revenue_year", &[("year", c.year())]), CellFmt::Money));
    // Ties are broken by this number, which every spreadsheet compares alike.
    cols.push(Col::new(c.t("col.name_order"), CellFmt::Integer));

    // A weights row above the table: each weight cell refers to Settings.
    let mut weights = vec![V::Empty, V::Empty, V::text(c.t("workbook.weight"))];
    for (group, keys) in [("growth", &growth), ("harmony", &harmony)] {
        let map = if group == "growth" { &s.growth } else { &s.harmony };
        for k in keys.iter() {
            let cell = m.refs.key(l::SETTINGS, &format!("scoring.{group}.{k}"));
            weights.push(V::As(CellFmt::Percent, Box::new(link(cell, map.get(k).copied().unwrap_or(0.0)))));
        }
    }
    // The scale's midpoint ("high" is at or above it) beside the weights.
    let midpoint = c.f.scoring.midpoint;
    weights.push(V::text(c.t("workbook.midpoint")));
    weights
        .push(V::As(CellFmt::Decimal, Box::new(V::F(format!("(1+{})/2", m.refs.setting("scoring.scale")), midpoint))));
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
    let words = ["invest", "develop", "maintain", "monitor"].map(|k| c.word(&format!("quadrant.{k}")));
    let labels = [Quadrant::Invest, Quadrant::Develop, Quadrant::Maintain, Quadrant::Monitor]
        .map(|q| (q, c.t(&format!("quadrant.{}", q.key()))));
    let mut headers: Vec<String> = growth.iter().map(|k| format!("{}{k}", l::GROWTH)).collect();
    headers.extend(harmony.iter().map(|k| format!("{}{k}", l::HARMONY)));
    headers.push(revenue(c.year()));
    let cols = m.refs.account_cols(&headers);
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
        // Rounded as `figures::settle` rounds: totals equal on paper rank as ties here too.
        let gsum = format!("ROUND(SUMPRODUCT({},{}:{}),9)", wspan(g0, h0 - 1), at(g0), at(h0 - 1));
        let hsum = format!("ROUND(SUMPRODUCT({},{}:{}),9)", wspan(h0, gcol - 1), at(h0), at(gcol - 1));
        cells.push(V::F(gsum, r.growth));
        cells.push(V::F(hsum, r.harmony));
        cells.push(V::F(format!("ROUND({g}*{}+(1-{g})*{},9)", at(gcol), at(gcol + 1)), r.total));
        let (gx, hx) = (at(gcol), at(gcol + 1));
        cells.push(V::FText(
            format!(
                "IF({gx}>={mid},IF({hx}>={mid},{},{}),IF({hx}>={mid},{},{}))",
                words[0], words[1], words[2], words[3]
            ),
            labels.iter().find(|(q, _)| *q == r.quadrant).map(|(_, l)| l.clone()).unwrap_or_default(),
        ));
        cells.push(link(cols.at(ng + nh, arow), a.revenue_in(c.year())));
        cells.push(V::Num(count_f64(c.f.name_order[r.account])));
        cells[0] = V::F(rank(&at(gcol + 2), &span(gcol + 2), &at(gcol + 5), &span(gcol + 5)), count_f64(r.rank));
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

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    let sc = &c.f.scoring;
    [
        gap(sc.rows.is_empty(), c.t("gap.scoring.no_scores")),
        gap(sc.unscored > 0 && !sc.rows.is_empty(), c.tn("gap.scoring.unscored", sc.unscored, &[])),
    ]
    .into_iter()
    .flatten()
    .collect()
}
