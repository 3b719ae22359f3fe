//! Rollout timeline: the program's milestones as a Gantt chart with today's marker.

use rust_xlsxwriter::XlsxError;
use serde_json::{Value, json};

use crate::charts::{ChartError, Drawn, GanttRow, gantt};
use crate::input::excel::layout as l;
use crate::model::{Date, Milestone, MilestoneStatus};
use crate::slides::{Ctx, Slide, SlideKind, gap};
use crate::workbook::{CellFmt, Col, Mirror, V, link, link_text};

/// The `timeline` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "timeline", templates: &["review/timeline.typ"], build, sheet, gaps };

/// Milestones drawn at most; the rest are counted in a note.
const MAX_BARS: usize = 14;

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    timeline_slide(c, &c.p.program.milestones, "kicker.timeline", "timeline")
}

/// The timeline slide of `ms` (the program's here, an account's in its plan); none when empty.
pub(crate) fn timeline_slide(
    c: &Ctx<'_>,
    ms: &[Milestone],
    kicker: &str,
    chart: &str,
) -> Result<Vec<Slide>, ChartError> {
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
    let mut s = Slide::new("review/timeline.typ", c.t(kicker), title, Value::Null);
    let svg = gantt_svg(c, ms, 770.0, 320.0)?;
    let path = s.chart(chart, svg);
    if ms.len() > MAX_BARS {
        s.note(c.tr("note.top_rows", &[("n", &f.count(MAX_BARS)), ("total", &f.count(ms.len()))]));
    }
    s.data = json!({ "chart": path });
    Ok(vec![s])
}

/// The Gantt chart of `ms` (also used by the account plan).
pub(crate) fn gantt_svg(c: &Ctx<'_>, ms: &[Milestone], w: f64, h: f64) -> Result<Drawn, ChartError> {
    let f = &c.fmt;
    let color = |st: Option<MilestoneStatus>| match st {
        Some(MilestoneStatus::Done) => c.style.muted,
        Some(MilestoneStatus::OnTrack) | None => c.style.primary,
        Some(MilestoneStatus::AtRisk) => c.style.neutral,
        Some(MilestoneStatus::Late) => c.style.negative,
    };
    let mut sorted: Vec<&Milestone> = ms.iter().collect();
    sorted.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)).then(a.name.cmp(&b.name)));
    let rows: Vec<GanttRow> = sorted
        .iter()
        .take(MAX_BARS)
        .map(|m| GanttRow {
            label: m.name.clone(),
            owner: c.member_name(m.owner.as_deref()),
            start: m.start.days_since_epoch(),
            end: m.end.days_since_epoch(),
            color: color(m.status),
        })
        .collect();
    let first = sorted.iter().map(|m| m.start).min().unwrap_or(Date { year: 2000, month: 1, day: 1 });
    let last = sorted.iter().map(|m| m.end).max().unwrap_or(first);
    let mut ticks = Vec::new();
    let mut d = Date { year: first.year, month: first.month, day: 1 };
    let months = (last.year - first.year) * 12 + i32::from(last.month) - i32::from(first.month) + 1;
    let step = u32::try_from((months / 12).max(1)).unwrap_or(1);
    while d <= last {
        ticks.push((d.days_since_epoch(), f.month(d)));
        d = d.add_months(step);
    }
    ticks.push((d.days_since_epoch(), f.month(d)));
    let today = c.p.report_date.map(|t| (t.days_since_epoch(), c.tr("timeline.today", &[("date", &f.date(t))])));
    let legend: Vec<(String, plotters::style::RGBColor)> =
        MilestoneStatus::ALL.iter().map(|st| (c.t(&format!("milestone.{}", st.key())), color(Some(*st)))).collect();
    gantt(&rows, &ticks, today, &legend, w, h, c.style)
}

/// Timeline: milestones with dates from the Milestones sheet and their length in days.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
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
        Col::new(c.t("col.milestone"), CellFmt::Text),
        Col::new(c.t("col.owner"), CellFmt::Text),
        Col::new(c.t("col.start"), CellFmt::Date),
        Col::new(c.t("col.end"), CellFmt::Date),
        Col::new(c.t("col.days_long"), CellFmt::Integer),
        Col::new(c.t("col.status"), CellFmt::Text),
    ];
    let rows_at: Vec<u32> = m.refs.rows(l::MILESTONES, account).to_vec();
    let first = m.begin(caption, cols)?;
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

fn gaps(c: &Ctx<'_>) -> Vec<String> {
    gap(c.p.program.milestones.is_empty(), c.t("gap.timeline.none")).into_iter().collect()
}
