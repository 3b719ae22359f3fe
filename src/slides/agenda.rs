//! Agenda: the deck's sections with their pages (Typst fills in the page numbers).

use serde_json::json;

use super::{Ctx, Slide};
use crate::charts::ChartError;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let mut s = Slide::new(
        "review/agenda.typ",
        c.t("kicker.agenda"),
        c.t("agenda.title"),
        json!({ "page": c.t("agenda.page") }),
    );
    s.outlined = false;
    Ok(vec![s])
}
