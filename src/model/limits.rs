//! What the outputs can hold, checked with the input so `check` finds it too: a text longer
//! than an Excel cell takes, a date Excel cannot show. Found later, in the workbook writer,
//! such a value failed the run without naming its place.

use serde_json::Value;

use super::Portfolio;

/// The most characters an Excel cell holds.
pub(super) const MAX_TEXT: usize = 32_767;
/// The years Excel's dates span.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// The fields that hold dates (`YYYY-MM-DD` in every file).
const DATE_FIELDS: &[&str] = &["report_date", "renewal_date", "flagged_on", "close", "due", "start", "end"];

/// Every value of `p` that an output cannot hold: its data path and what is wrong.
pub(super) fn check(p: &Portfolio) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    // The serialised form names every field as the file does, so the paths match the places
    // the input layer knows (`accounts[3].industry`), and no field of an account can be
    // forgotten here. One account at a time: the whole portfolio as one value would double
    // the memory of a 10,000-account check.
    let mut part = |name: &str, v: serde_json::Result<Value>| {
        walk(&v.unwrap_or(Value::Null), name.to_owned(), Some(name), &mut problems);
    };
    part("seller", serde_json::to_value(&p.seller));
    part("currency", serde_json::to_value(&p.currency));
    part("period", serde_json::to_value(&p.period));
    part("report_date", serde_json::to_value(p.report_date));
    part("fiscal_years", serde_json::to_value(&p.fiscal_years));
    part("prepared_by", serde_json::to_value(&p.prepared_by));
    part("confidentiality", serde_json::to_value(&p.confidentiality));
    part("deck", serde_json::to_value(&p.deck));
    part("plans", serde_json::to_value(&p.plans));
    part("offerings", serde_json::to_value(&p.offerings));
    part("team", serde_json::to_value(&p.team));
    part("program", serde_json::to_value(&p.program));
    for (i, a) in p.accounts.iter().enumerate() {
        // Most accounts cannot hold a problem: a text over the limit makes the account's JSON
        // longer than the limit, and its dates are few. Only those that might are walked,
        // which keeps a 10,000-account load from paying for a second copy of every field.
        let long = serde_json::to_string(a).map_or(true, |j| j.len() > MAX_TEXT);
        if long || far_dates(a) {
            walk(&serde_json::to_value(a).unwrap_or(Value::Null), format!("accounts[{i}]"), None, &mut problems);
        }
    }
    problems
}

/// Whether any date of `a` lies outside `YEARS`.
fn far_dates(a: &super::Account) -> bool {
    let far = |d: Option<super::Date>| d.is_some_and(|d| !YEARS.contains(&d.year));
    far(a.renewal_date)
        || far(a.health.as_ref().and_then(|h| h.flagged_on))
        || a.opportunities.iter().any(|o| far(o.close))
        || a.actions.iter().any(|x| far(x.due))
        || a.milestones.iter().any(|m| far(Some(m.start)) || far(Some(m.end)))
}

fn walk(v: &Value, path: String, key: Option<&str>, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(child, p, Some(k), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, format!("{path}[{i}]"), key, out);
            }
        }
        Value::String(s) => {
            let n = s.chars().count();
            if n > MAX_TEXT {
                out.push((path, format!("{n} characters: a workbook cell holds at most {MAX_TEXT}; shorten it")));
            } else if key.is_some_and(|k| DATE_FIELDS.contains(&k))
                && let Some(year) = s.get(..4).and_then(|y| y.parse::<i32>().ok())
                && !YEARS.contains(&year)
            {
                let (first, last) = (YEARS.start(), YEARS.end());
                out.push((
                    path,
                    format!("{s}: dates run from {first}-01-01 to {last}-12-31 (the years a workbook can show)"),
                ));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::testing::portfolio;

    #[test]
    fn long_texts_and_far_dates_are_found_with_their_paths() {
        let long = "x".repeat(super::MAX_TEXT + 1);
        let yaml = format!(
            "seller: {{ name: S }}\nreport_date: 0001-01-01\nfiscal_years: [FY1]\naccounts:\n  - {{ id: a, name: A, industry: {long}, revenue: {{ FY1: 1 }} }}\n  - {{ id: b, name: B, renewal_date: 1800-01-01, revenue: {{ FY1: 1 }} }}\n"
        );
        let p = crate::input::from_yaml_str(&yaml, "p.yaml");
        let problems = match p {
            Err(crate::input::InputError::Invalid { problems }) => problems,
            other => panic!("expected problems, got {other:?}"),
        };
        let paths: Vec<&str> = problems.iter().filter_map(|p| p.path.as_deref()).collect();
        assert!(paths.contains(&"report_date") && paths.contains(&"accounts[0].industry"), "{problems:?}");
        assert!(paths.contains(&"accounts[1].renewal_date"), "{problems:?}");
        let ok = portfolio(
            "seller: { name: S }\nreport_date: 1900-01-01\nfiscal_years: [FY1]\naccounts: [ { id: a, name: A, revenue: { FY1: 1 } } ]\n",
        );
        assert!(super::check(&ok).is_empty());
    }
}
