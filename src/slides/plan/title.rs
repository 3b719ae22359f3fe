//! Title slide of an account plan: account name, KAM, period.

use serde_json::json;

use super::account;
use crate::charts::ChartError;
use crate::slides::{Ctx, Slide};

pub(super) fn build(c: &Ctx<'_>) -> Result<Vec<Slide>, ChartError> {
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
