//! Title slide of an account plan: account name, KAM, period.

use rust_xlsxwriter::XlsxError;
use serde_json::json;

use super::account;
use crate::charts::ChartError;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Mirror, V, link_text};

/// The `plan_title` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "plan_title", templates: &["review/title.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let (_, a) = account(c);
    let kam = a.owner.as_deref().map(|o| c.tr("plan.kam", &[("name", &c.member_name(Some(o)))]));
    let data = json!({
        "deck": a.name,
        "period": c.tr("plan.period", &[("period", c.p.period.as_deref().unwrap_or(c.year()))]),
        "prepared": kam,
        "date": c.p.report_date.map(|d| c.fmt.date(d)),
    });
    let kicker = match &c.p.seller.division {
        Some(d) => format!("{} · {d} · {}", c.p.seller.name, c.t("deck.plan")),
        None => format!("{} · {}", c.p.seller.name, c.t("deck.plan")),
    };
    let mut s = Slide::new("review/title.typ", kicker, a.name.clone(), data);
    s.outlined = false;
    Ok(vec![s])
}

/// Title: account, KAM, period.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let (_, a) = account(c);
    let p = c.p;
    let rows = vec![
        (c.t("col.account"), link_text(m.refs.account(&a.id, "name"), &a.name), CellFmt::Text),
        (c.t("col.owner"), V::text(c.member_name(a.owner.as_deref())), CellFmt::Text),
        (
            c.t("col.period"),
            link_text(m.refs.key(l::SELLER, "period"), p.period.as_deref().unwrap_or(p.latest_year())),
            CellFmt::Text,
        ),
        (c.t("col.seller"), link_text(m.refs.key(l::SELLER, "name"), &p.seller.name), CellFmt::Text),
    ];
    c.key_values(m, "", rows)
}
