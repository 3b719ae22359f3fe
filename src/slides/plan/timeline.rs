//! The account's milestones (migration phases, onboarding steps) as a Gantt chart.

use serde_json::json;

use super::account;
use crate::charts::ChartError;
use crate::model::MilestoneStatus;
use crate::slides::{Ctx, Slide};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    let ms = &a.milestones;
    if ms.is_empty() {
        return Ok(vec![]);
    }
    let f = &c.fmt;
    let count = |st: MilestoneStatus| ms.iter().filter(|m| m.status == Some(st)).count();
    let title = c.tr(
        "timeline.title",
        &[
            ("done", &f.count(count(MilestoneStatus::Done))),
            ("n", &f.count(ms.len())),
            ("risk", &f.count(count(MilestoneStatus::AtRisk) + count(MilestoneStatus::Late))),
        ],
    );
    let mut s = Slide::new("review/timeline.typ", c.t("kicker.plan_timeline"), title, serde_json::Value::Null);
    let svg = crate::slides::timeline::gantt_svg(c, ms, 770.0, 320.0)?;
    let chart = s.chart(&format!("timeline-{}", a.id), svg);
    s.data = json!({ "chart": chart });
    Ok(vec![s])
}
