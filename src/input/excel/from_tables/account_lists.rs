//! Sheets whose every row belongs to an account: MRR history, divisions, stakeholders,
//! influences, opportunities and actions.

use std::collections::HashMap;

use super::{Grid, Reader};
use crate::input::excel::layout::{self as l, Cell, Kind};
use crate::model::{
    Account, Action, CellStatus, Division, Influence, Keyed, MrrSnapshot, Opportunity, OrderedMap, Stakeholder,
};

impl Reader {
    /// Earlier periods' MRR per plan.
    pub(super) fn mrr_history(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::MRR_HISTORY, false) else { return };
        self.fields(&sheet, &[("period", "period")]);
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let period = self.required_text(&row, "period");
            let plans = self.keyed_numbers(&row, l::MRR, Kind::Money).into_iter().collect();
            if let (Some(i), Some(period)) = (self.need_account(&row, acc), period) {
                self.element(format!("accounts[{i}].mrr_history[{}]", accounts[i].mrr_history.len()), &row);
                accounts[i].mrr_history.push(MrrSnapshot { period, plans });
            }
        }
    }

    /// Client divisions and the status of each offering in them.
    pub(super) fn divisions(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::DIVISIONS, false) else { return };
        self.fields(&sheet, &[("name", "name")]);
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let name = self.required_text(&row, "name");
            let cols: Vec<(String, usize)> = sheet.keyed(l::OFFERING).map(|(_, k, c)| (k.clone(), *c)).collect();
            let kind = Kind::Choice { values: l::CELL_STATUSES, what: "division status" };
            let offerings = cols
                .into_iter()
                .filter_map(|(k, c)| match self.value(&row, c, kind) {
                    Some(Cell::Text(s)) => CellStatus::from_key(&s).map(|v| (k, v)),
                    _ => None,
                })
                .collect();
            if let (Some(i), Some(name)) = (self.need_account(&row, acc), name) {
                self.element(format!("accounts[{i}].divisions[{}]", accounts[i].divisions.len()), &row);
                accounts[i].divisions.push(Division { name, offerings: OrderedMap(offerings) });
            }
        }
    }

    /// The client's people.
    pub(super) fn stakeholders(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::STAKEHOLDERS, false) else { return };
        self.fields(
            &sheet,
            &[
                ("id", "id"),
                ("name", "name"),
                ("title", "title"),
                ("reports_to", "reports_to"),
                ("organization", "organization"),
                ("external", "external"),
                ("power", "power"),
                ("relationship", "relationship"),
                ("key_contact", "key_contact"),
            ],
        );
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let (id, name, title) =
                (self.required_text(&row, "id"), self.required_text(&row, "name"), self.required_text(&row, "title"));
            let s = Stakeholder {
                id: id.unwrap_or_default(),
                name: name.unwrap_or_default(),
                title: title.unwrap_or_default(),
                reports_to: self.text(&row, "reports_to"),
                organization: self.text(&row, "organization"),
                external: self.flag(&row, "external"),
                power: self.number(&row, "power", Kind::Integer).map(|v| v as i64),
                relationship: self.choice(&row, "relationship"),
                key_contact: self.flag(&row, "key_contact"),
            };
            if let Some(i) = self.need_account(&row, acc) {
                self.element(format!("accounts[{i}].stakeholders[{}]", accounts[i].stakeholders.len()), &row);
                accounts[i].stakeholders.push(s);
            }
        }
    }

    /// Influence between stakeholders.
    pub(super) fn influences(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::INFLUENCES, false) else { return };
        self.fields(&sheet, &[("from", "from"), ("to", "to"), ("kind", "kind"), ("note", "note")]);
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let (from, to) = (self.required_text(&row, "from"), self.required_text(&row, "to"));
            let kind = self.choice(&row, "kind");
            let note = self.text(&row, "note");
            if let (Some(i), Some(from), Some(to)) = (self.need_account(&row, acc), from, to) {
                self.element(format!("accounts[{i}].influences[{}]", accounts[i].influences.len()), &row);
                accounts[i].influences.push(Influence { from, to, kind, note });
            }
        }
    }

    /// Upsell and cross-sell opportunities.
    pub(super) fn opportunities(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::OPPORTUNITIES, false) else { return };
        self.fields(
            &sheet,
            &[("offering", "offering"), ("name", "name"), ("value", "value"), ("stage", "stage"), ("close", "close")],
        );
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let o = Opportunity {
                offering: self.text(&row, "offering"),
                name: self.required_text(&row, "name").unwrap_or_default(),
                value: self.number(&row, "value", Kind::Money),
                stage: self.text(&row, "stage"),
                close: self.date(&row, "close"),
            };
            if let Some(i) = self.need_account(&row, acc) {
                self.element(format!("accounts[{i}].opportunities[{}]", accounts[i].opportunities.len()), &row);
                accounts[i].opportunities.push(o);
            }
        }
    }

    /// Next actions.
    pub(super) fn actions(&mut self, grids: &[Grid], ids: &HashMap<String, usize>, accounts: &mut [Account]) {
        let Some(sheet) = self.sheet(grids, l::ACTIONS, false) else { return };
        self.fields(&sheet, &[("action", "action"), ("owner", "owner"), ("due", "due"), ("status", "status")]);
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let a = Action {
                action: self.required_text(&row, "action").unwrap_or_default(),
                owner: self.text(&row, "owner"),
                due: self.date(&row, "due"),
                status: self.text(&row, "status"),
            };
            if let Some(i) = self.need_account(&row, acc) {
                self.element(format!("accounts[{i}].actions[{}]", accounts[i].actions.len()), &row);
                accounts[i].actions.push(a);
            }
        }
    }
}
