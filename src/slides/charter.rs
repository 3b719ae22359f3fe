//! KAM charter: mission, objectives with KPI targets, qualification, roles, governance.

use serde_json::{Value, json};

use super::{Ctx, Slide};
use crate::charts::ChartError;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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
            Some(d) => format!("{}: {d}", r.role),
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
