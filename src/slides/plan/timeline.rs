//! The account's milestones (migration phases, onboarding steps) as a Gantt chart.

use super::account;
use crate::charts::ChartError;
use crate::slides::timeline::timeline_slide;
use crate::slides::{Ctx, Slide};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    timeline_slide(c, &a.milestones, "kicker.plan_timeline", &format!("timeline-{}", a.id))
}
