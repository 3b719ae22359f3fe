//! One mirror writer per slide kind; each slide kind names its writer in its registry entry.
//!
//! A writer puts the slide's rows in Excel tables. Derived columns are formulas over the input
//! sheets (or over the mirror's own columns, which refer to the input sheets), each with its
//! cached result from `Figures`, so a recalculation by Excel or LibreOffice reproduces the
//! slide and an edited input moves the mirror. Rankings and shares use order-independent
//! formulas (`SUMIF` over the values above a row's value) so they stay right when an edit
//! changes the order.

pub(crate) mod plan;
pub(crate) mod review;

use rust_xlsxwriter::{Chart, ChartType, XlsxError};

use super::lit;
use super::mirror::{Col, Fmt, Mirror, V};
use crate::input::excel::layout as l;
use crate::slides::Ctx;

/// Writes a slide kind's mirror sheet.
pub(crate) type Writer = fn(&Ctx<'_>, &mut Mirror<'_>) -> Result<(), XlsxError>;

/// The Accounts header of revenue in `year`.
fn revenue(year: &str) -> String {
    format!("{}{year}", l::REVENUE)
}

/// `SUM(Accounts!$J$7:$L$7)`: the account's current MRR over every plan, or `None` without plans.
fn mrr_of(c: &Ctx<'_>, m: &Mirror<'_>, id: &str) -> Option<String> {
    let (first, last) = (c.p.plans.first()?, c.p.plans.last()?);
    let span = m.refs.account_span(id, &format!("{}{}", l::MRR, first.id), &format!("{}{}", l::MRR, last.id))?;
    Some(format!("SUM({span})"))
}

/// `(Accounts!$J$2:$J$9+Accounts!$K$2:$K$9)`: every account's MRR as one array, for SUMPRODUCT.
fn mrr_array(c: &Ctx<'_>, m: &Mirror<'_>) -> Option<String> {
    let cols: Vec<String> =
        c.p.plans.iter().filter_map(|x| m.refs.column(l::ACCOUNTS, &format!("{}{}", l::MRR, x.id))).collect();
    (!cols.is_empty()).then(|| format!("({})", cols.join("+")))
}

/// A cell of this mirror that refers to an input cell, with its cached number.
fn link(target: Option<String>, cached: f64) -> V {
    target.map_or(V::Num(cached), |t| V::F(t, cached))
}

/// The same for text. An empty value stays a plain empty cell: a formula's cached result
/// cannot be the empty string (rust_xlsxwriter then stores 0).
fn link_text(target: Option<String>, cached: &str) -> V {
    match target {
        Some(t) if !cached.is_empty() => V::FText(t, cached.to_owned()),
        _ => V::text(cached),
    }
}

/// A native chart of one kind with a title and no legend clutter.
fn chart(kind: ChartType, title: &str) -> Chart {
    let mut ch = Chart::new(kind);
    ch.title().set_name(title);
    ch
}

/// A key/value table (KPI lists, title sheets): each value with its own format.
fn key_values(m: &mut Mirror<'_>, caption: &str, c: &Ctx<'_>, rows: Vec<(String, V, Fmt)>) -> Result<(), XlsxError> {
    let rows = rows.into_iter().map(|(k, v, f)| vec![V::Text(k), V::As(f, Box::new(v))]).collect();
    m.table(caption, vec![Col::new(c.t("col.item"), Fmt::Text), Col::new(c.t("col.value"), Fmt::Text)], rows)?;
    Ok(())
}

/// `"x"` as a formula literal of a catalogue message.
fn word(c: &Ctx<'_>, key: &str) -> String {
    lit(&c.t(key))
}
