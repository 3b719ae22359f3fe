//! Title slide: deck name, seller and division, period, prepared by, date, confidentiality.

use rust_xlsxwriter::XlsxError;
use serde_json::json;

use crate::charts::ChartError;
use crate::input::excel::layout as l;
use crate::slides::{Ctx, Slide, SlideKind, no_gaps};
use crate::workbook::{CellFmt, Mirror, link, link_text};

/// The `title` slide kind.
pub(crate) static KIND: SlideKind =
    SlideKind { id: "title", templates: &["review/title.typ"], build, sheet, gaps: no_gaps };

fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let p = c.p;
    let seller = match &p.seller.division {
        Some(d) => format!("{} · {d}", p.seller.name),
        None => p.seller.name.clone(),
    };

    let data = json!({
        "deck": deck_name(c),
                "period": p.period.clone().unwrap_or_else(|| c.year().to_owned()),
        "prepared": p.prepared_by.as_ref().map(|name| c.tr("title.prepared_by", &[("name", name)])),
        "date": p.report_date.map(|d| c.fmt.date(d)),
    });
    let mut s = Slide::new("review/title.typ", seller, deck_name(c), data);
    s.outlined = false;
    Ok(vec![s])
}

/// Title: what the title slide prints, linked to the Seller sheet.
fn sheet(c: &Ctx<'_>, m: &mut Mirror<'_>) -> Result<(), XlsxError> {
    let p = c.p;
    let seller = |k: &str| m.refs.key(l::SELLER, k);
    let mut rows = vec![
        (c.t("col.seller"), link_text(seller("name"), &p.seller.name), CellFmt::Text),
        (c.t("col.division"), link_text(seller("division"), p.seller.division.as_deref().unwrap_or("")), CellFmt::Text),
        (c.t("col.period"), link_text(seller("period"), p.period.as_deref().unwrap_or(p.latest_year())), CellFmt::Text),
        (
            c.t("col.prepared_by"),
            link_text(seller("prepared_by"), p.prepared_by.as_deref().unwrap_or("")),
            CellFmt::Text,
        ),
    ];
    if let Some(d) = p.report_date {
        rows.push((c.t("col.date"), link(seller("report_date"), l::serial(d)), CellFmt::Date));
    }
    c.key_values(m, "", rows)
}

/// The review's name: the portfolio's `deck.title`, else the catalogue's.
pub(crate) fn deck_name(c: &Ctx<'_>) -> String {
    c.p.deck.title.clone().unwrap_or_else(|| c.t("deck.review"))
}
