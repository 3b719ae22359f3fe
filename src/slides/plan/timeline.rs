//! The account's milestones (migration phases, onboarding steps) as a Gantt chart.

use rust_xlsxwriter::XlsxError;

use super::account;
use crate::charts::ChartError;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps, review::timeline::timeline_slide};
use crate::workbook::Mirror;

/// The `plan_timeline` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "plan_timeline", templates: &["review/timeline.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    timeline_slide(c, &a.milestones, "kicker.plan_timeline", &format!("timeline-{}", a.id))
}

/// The account's milestones.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    crate::slides::review::timeline::milestones(c, m, &a.milestones, &a.id, &c.t("kicker.plan_timeline"))
}
