//! KAM charter: mission, objectives with KPI targets, qualification, roles, governance.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::ChartError;
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V};

/// The `charter` slide kind.
pub(crate) static KIND: SlideKind = SlideKind { id: "charter", templates: &["review/charter.typ"], build, sheet, gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let Some(ch) = &c.p.program.charter else { return Ok(vec![]) };
    let title = ch.mission.clone().unwrap_or_else(|| c.t("charter.title"));
    let objectives: Vec<Value> = ch
        .objectives
        .iter()
        .take(6)
        .map(|o| json!([o.name, o.kpi.clone().unwrap_or_default(), o.target.clone().unwrap_or_default()]))
        .collect();
    let roles: Vec<String> = ch
        .roles
        .iter()
        .take(6)
        .map(|r| match &r.duty {
            Some(d) => c.labelled(&r.role, d),
            None => r.role.clone(),
        })
        .collect();
    let s = Slide::new(
        "review/charter.typ",
        c.t("kicker.charter"),
        title,
        json!({
            "objectives_title": c.t("charter.objectives"),
            "headers": [c.t("col.objective"), c.t("col.kpi"), c.t("col.target")],
            "objectives": objectives,
            "qualification_title": c.t("charter.qualification"),
            "qualification": ch.qualification,
            "roles_title": c.t("charter.roles"),
            "roles": roles,
            "governance_title": c.t("charter.governance"),
            "governance": ch.governance.iter().take(6).collect::<Vec<_>>(),
        }),
    );
    Ok(vec![s])
}

/// Charter: every row of the Charter sheet, linked.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
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
        Col::new(c.t("col.section"), CellFmt::Text),
        Col::new(c.t("col.text"), CellFmt::Text),
        Col::new(c.t("col.detail"), CellFmt::Text),
        Col::new(c.t("col.target"), CellFmt::Text),
    ];
    m.table(&c.t("kicker.charter"), cols, rows)?;
    Ok(())
}

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    gap(c.p.program.charter.is_none(), c.t("gap.charter.none")).into_iter().collect()
}
