//! Formula builders for mirror sheets: references into the input sheets and the
//! order-independent rankings and shares every mirror uses.
//!
//! Slide kinds write their own sheets with these; nothing here knows a slide. Rankings and
//! shares use `COUNTIF`/`SUMIF` over the values ranked before a row (ties by name) rather
//! than "the row above", so they stay right when an edited input changes the order.

use rust_xlsxwriter::{Chart, ChartType};

use super::Mirror;
use super::V;
use crate::input::excel::layout as l;
use crate::model::Portfolio;

/// The Accounts header of revenue in `year`.
pub(crate) fn revenue(year: &str) -> String {
    format!("{}{year}", l::REVENUE)
}

/// `SUM(Accounts!$J$7:$L$7)`: the account's current MRR over every plan, or `None` without plans.
pub(crate) fn mrr_of(p: &Portfolio, m: &Mirror<'_>, id: &str) -> Option<String> {
    let (first, last) = (p.plans.first()?, p.plans.last()?);
    let span = m.refs.account_span(id, &format!("{}{}", l::MRR, first.id), &format!("{}{}", l::MRR, last.id))?;
    Some(format!("SUM({span})"))
}

/// `(Accounts!$J$2:$J$9+Accounts!$K$2:$K$9)`: every account's MRR as one array, for SUMPRODUCT.
pub(crate) fn mrr_array(p: &Portfolio, m: &Mirror<'_>) -> Option<String> {
    let cols: Vec<String> =
        p.plans.iter().filter_map(|x| m.refs.column(l::ACCOUNTS, &format!("{}{}", l::MRR, x.id))).collect();
    (!cols.is_empty()).then(|| format!("({})", cols.join("+")))
}

/// `(Accounts!$G$2:$G$9>0)+(mrr>0)>0`: which accounts are active, as an array.
pub(crate) fn active_array(p: &Portfolio, m: &Mirror<'_>) -> String {
    let rev = m.refs.column(l::ACCOUNTS, &revenue(p.latest_year())).unwrap_or_else(|| "0".into());
    match mrr_array(p, m) {
        Some(mrr) => format!("((({rev}>0)+({mrr}>0))>0)"),
        None => format!("({rev}>0)"),
    }
}

/// Endangered accounts as an array: engagement below the threshold, or churn risk high.
pub(crate) fn endangered_array(m: &Mirror<'_>) -> String {
    let eng = m.refs.column(l::ACCOUNTS, "engagement").unwrap_or_else(|| "0".into());
    let churn = m.refs.column(l::ACCOUNTS, "churn_risk").unwrap_or_else(|| "0".into());
    let thr = m.refs.setting("engagement_threshold");
    format!("(((({eng}<>\"\")*({eng}<{thr}))+({churn}=\"high\"))>0)")
}

/// Churn probability as a weight: the probability where given, 1 where not.
pub(crate) fn weight_array(m: &Mirror<'_>) -> String {
    let prob = m.refs.column(l::ACCOUNTS, "churn_probability").unwrap_or_else(|| "0".into());
    format!("(({prob}=\"\")+{prob})")
}

/// NRR of fiscal year `y` (index) over the Accounts sheet: Σ rev Y of accounts with rev Y−1 / Σ rev Y−1.
pub(crate) fn nrr_formula(p: &Portfolio, m: &Mirror<'_>, y: usize) -> Option<String> {
    let years = &p.fiscal_years;
    let (prev, cur) = (years.get(y.checked_sub(1)?)?, years.get(y)?);
    let (pr, cu) = (m.refs.column(l::ACCOUNTS, &revenue(prev))?, m.refs.column(l::ACCOUNTS, &revenue(cur))?);
    Some(format!("SUMPRODUCT(({pr}>0)*{cu})/SUMPRODUCT(({pr}>0)*{pr})"))
}

/// Rank of a row's value in a column, ties broken by the row's alphabetical order (a number:
/// names collate differently in Excel, LibreOffice and Rust): order-independent.
pub(crate) fn rank(value: &str, values: &str, order: &str, orders: &str) -> String {
    format!("COUNTIF({values},\">\"&{value})+COUNTIFS({values},{value},{orders},\"<\"&{order})+1")
}

/// Share of the column's total (in cell `total`) held by rows ranked before this one (by
/// value, then alphabetical order).
pub(crate) fn share_before(value: &str, values: &str, order: &str, orders: &str, total: &str) -> String {
    format!("(SUMIF({values},\">\"&{value})+SUMIFS({values},{values},{value},{orders},\"<\"&{order}))/{total}")
}

/// A cell of a mirror that refers to an input cell, with its cached number.
pub(crate) fn link(target: Option<String>, cached: f64) -> V {
    target.map_or(V::Num(cached), |t| V::F(t, cached))
}

/// The same for text. An empty value stays a plain empty cell: a formula's cached result
/// cannot be the empty string (rust_xlsxwriter then stores 0).
pub(crate) fn link_text(target: Option<String>, cached: &str) -> V {
    match target {
        Some(t) if !cached.is_empty() => V::FText(t, cached.to_owned()),
        _ => V::text(cached),
    }
}

/// A native chart of one kind with a title and no legend clutter.
pub(crate) fn chart(kind: ChartType, title: &str) -> Chart {
    let mut ch = Chart::new(kind);
    ch.title().set_name(title);
    ch
}

/// A string as an Excel formula literal.
pub(crate) fn lit(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}
