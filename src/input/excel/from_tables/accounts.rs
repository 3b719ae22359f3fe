//! The `Accounts` sheet, and the rows of other sheets that name their account.

use std::collections::HashMap;

use super::{Reader, Row, Sheet};
use crate::input::excel::layout::{self as l, Cell, Kind};
use crate::model::validate::did_you_mean;
use crate::model::{Account, Health, Onboarding, OrderedMap, Scores};

impl Reader {
    pub(super) fn accounts(&mut self, sheet: &Sheet<'_>) -> Vec<Account> {
        self.fields(
            sheet,
            &[
                ("id", "id"),
                ("name", "name"),
                ("industry", "industry"),
                ("region", "region"),
                ("owner", "owner"),
                ("margin", "margin"),
                ("onboarding.status", "onboarding_status"),
                ("onboarding.satisfaction", "satisfaction"),
                ("health.engagement", "engagement"),
                ("health.churn_risk", "churn_risk"),
                ("health.flagged_on", "flagged_on"),
                ("health.churn_probability", "churn_probability"),
                ("renewal_date", "renewal_date"),
            ],
        );
        let mut out = Vec::new();
        for row in sheet.rows() {
            let (id, name) = (self.required_text(&row, "id"), self.required_text(&row, "name"));
            let revenue = OrderedMap(self.keyed_numbers(&row, l::REVENUE, Kind::Money));
            let mrr = OrderedMap(self.keyed_numbers(&row, l::MRR, Kind::Money));
            let status = self.choice(&row, "onboarding_status");
            let satisfaction = self.number(&row, "satisfaction", Kind::Number);
            let engagement = self.number(&row, "engagement", Kind::Percent);
            let churn_risk = self.choice(&row, "churn_risk");
            let flagged_on = self.date(&row, "flagged_on");
            let churn_probability = self.number(&row, "churn_probability", Kind::Percent);
            let growth: Vec<(String, i64)> =
                self.keyed_numbers(&row, l::GROWTH, Kind::Integer).into_iter().map(|(k, v)| (k, v as i64)).collect();
            let harmony: Vec<(String, i64)> =
                self.keyed_numbers(&row, l::HARMONY, Kind::Integer).into_iter().map(|(k, v)| (k, v as i64)).collect();
            let account = Account {
                id: id.unwrap_or_default(),
                name: name.unwrap_or_default(),
                industry: self.text(&row, "industry"),
                region: self.text(&row, "region"),
                owner: self.text(&row, "owner"),
                revenue,
                mrr,
                mrr_history: Vec::new(),
                margin: self.number(&row, "margin", Kind::Percent),
                onboarding: (status.is_some() || satisfaction.is_some()).then_some(Onboarding { status, satisfaction }),
                health: (engagement.is_some()
                    || churn_risk.is_some()
                    || flagged_on.is_some()
                    || churn_probability.is_some())
                .then_some(Health { engagement, churn_risk, flagged_on, churn_probability }),
                renewal_date: self.date(&row, "renewal_date"),
                scores: (!growth.is_empty() || !harmony.is_empty())
                    .then_some(Scores { growth: OrderedMap(growth), harmony: OrderedMap(harmony) }),
                divisions: Vec::new(),
                stakeholders: Vec::new(),
                influences: Vec::new(),
                opportunities: Vec::new(),
                milestones: Vec::new(),
                actions: Vec::new(),
                raci: OrderedMap::default(),
            };
            self.element(format!("accounts[{}]", out.len()), &row);
            out.push(account);
        }
        out
    }

    /// The account a child row belongs to; reports an unknown id at its cell.
    pub(super) fn owner_account(&mut self, row: &Row<'_, '_>, ids: &HashMap<String, usize>) -> Option<Option<usize>> {
        let col = *row.sheet.cols.get("account")?;
        match self.value(row, col, Kind::Text) {
            None => Some(None),
            Some(Cell::Text(id)) => match ids.get(id.trim()) {
                Some(i) => Some(Some(*i)),
                None => {
                    let hint = did_you_mean(id.trim(), ids.keys().map(String::as_str))
                        .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
                    self.problem(row.place(col), format!("`{id}` is not an account id on sheet Accounts{hint}"));
                    None
                }
            },
            Some(_) => None,
        }
    }

    /// The account of a row that must have one; reports an empty `account` cell.
    pub(super) fn need_account(&mut self, row: &Row<'_, '_>, got: Option<Option<usize>>) -> Option<usize> {
        match got {
            Some(Some(i)) => Some(i),
            Some(None) => {
                let col = row.sheet.cols.get("account").copied().unwrap_or(0);
                self.problem(row.place(col), "`account` is empty: name the account this row belongs to".into());
                None
            }
            None => None,
        }
    }
}
