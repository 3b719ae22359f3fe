//! Title slide: deck name, seller and division, period, prepared by, date, confidentiality.

use serde_json::json;

use super::{Ctx, Slide};
use crate::charts::ChartError;

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
    let p = c.p;
    let seller = match &p.seller.division {
        Some(d) => format!("{} · {d}", p.seller.name),
        None => p.seller.name.clone(),
    };

    let data = json!({
        "deck": c.t("deck.review"),
                "period": p.period.clone().unwrap_or_else(|| c.year().to_owned()),
        "prepared": p.prepared_by.as_ref().map(|name| c.tr("title.prepared_by", &[("name", name)])),
        "date": p.report_date.map(|d| c.fmt.date(d)),
    });
    let mut s = Slide::new("review/title.typ", seller, c.t("deck.review"), data);
    s.outlined = false;
    Ok(vec![s])
}
