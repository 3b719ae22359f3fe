//! Scoring matrix: the bubble chart with quadrants, then the factor tables.

use serde_json::{Value, json};

use super::{Ctx, MAX_POINTS, Slide};

/// Rows of the factor tables: names wrap in the narrow first column, ten rows fit.
const TABLE_ROWS: usize = 12;
use crate::charts::{ChartError, Scatter, ScatterPoint, scatter};
use crate::figures::scoring::Quadrant;
use crate::model::OrderedMap;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let sc = &c.f.scoring;
    if sc.rows.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let set = &c.p.settings.scoring;
    let top: Vec<&str> = sc.rows.iter().take(3).map(|r| c.name(r.account)).collect();
    let invest = sc.rows.iter().filter(|r| r.quadrant == Quadrant::Invest).count();
    let title = c.tn("scoring.title", invest, &[("top", &top.join(", "))]);
    let mut chart_slide = Slide::new("review/scoring.typ", c.t("kicker.scoring"), title.clone(), Value::Null);
    #[allow(clippy::cast_precision_loss)]
    let scale = set.scale as f64;
    // The best-ranked accounts when there are too many to plot (the tables list them by rank too).
    let points = sc
        .rows
        .iter()
        .take(MAX_POINTS)
        .map(|r| ScatterPoint {
            x: r.growth,
            y: r.harmony,
            size: Some(c.p.accounts[r.account].revenue_in(c.year())),
            label: c.name(r.account).to_owned(),
            color: if r.rank <= 3 {
                c.style.accent
            } else if r.quadrant == Quadrant::Invest {
                c.style.primary
            } else {
                c.style.muted
            },
            priority: r.rank,
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
        max_labels: 12,
    };
    let svg = scatter(&chart, 500.0, 330.0, c.style)?;
    let path = chart_slide.chart("scoring", svg);
    let ranked: Vec<Value> = sc
        .rows
        .iter()
        .take(8)
        .map(|r| json!([f.count(r.rank), c.name(r.account), f.number(r.total, 2), q(r.quadrant)]))
        .collect();
    if sc.rows.len() > MAX_POINTS {
        chart_slide.note(c.tr("note.top_points", &[("n", &f.count(MAX_POINTS)), ("total", &f.count(sc.rows.len()))]));
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
    });

    let table = |weights: &OrderedMap<f64>,
                 pick: fn(&crate::model::Scores) -> &OrderedMap<i64>,
                 value: fn(&crate::figures::scoring::Scored) -> f64,
                 label: &str| {
        let mut headers = vec![c.t("col.account")];
        headers.extend(
            weights
                .iter()
                .map(|(k, w)| format!("{} ({})", c.loc.messages_or(&format!("factor.{k}"), k), f.number(*w, 2))),
        );
        headers.push(label.to_owned());
        let rows: Vec<Value> = sc
            .rows
            .iter()
            .take(TABLE_ROWS)
            .map(|r| {
                let scores = c.p.accounts[r.account].scores.as_ref().map(pick);
                let mut cells = vec![c.name(r.account).to_owned()];
                cells.extend(
                    weights.keys().map(|k| scores.and_then(|s| s.get(k)).map_or_else(String::new, ToString::to_string)),
                );
                cells.push(f.number(value(r), 2));
                json!(cells)
            })
            .collect();
        json!({ "headers": headers, "rows": rows })
    };
    let mut tables = Slide::new(
        "review/scoring_tables.typ",
        c.t("kicker.scoring"),
        c.tn("scoring.tables_title", sc.rows.len().min(TABLE_ROWS), &[("scale", &set.scale.to_string())]),
        json!({
            "growth": table(&set.growth, |s| &s.growth, |r| r.growth, &c.t("col.growth")),
            "harmony": table(&set.harmony, |s| &s.harmony, |r| r.harmony, &c.t("col.harmony")),
            "growth_title": c.t("scoring.growth"),
            "harmony_title": c.t("scoring.harmony"),
        }),
    );
    if sc.rows.len() > TABLE_ROWS {
        tables.note(c.tr("note.top_rows", &[("n", &f.count(TABLE_ROWS)), ("total", &f.count(sc.rows.len()))]));
    }
    Ok(vec![chart_slide, tables])
}
