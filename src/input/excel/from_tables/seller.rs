//! The seller's sheets: `Seller` and `Settings` (key/value rows), `Plans`, `Offerings`, `Team`.

use super::{Grid, Reader, Sheet};
use crate::input::excel::layout::{self as l, Cell, Kind};
use crate::model::validate::did_you_mean;
use crate::model::{Keyed, Member, Offering, OrderedMap, Plan, RiskRank, Settings, Split};

impl Reader {
    /// Key/value rows in sheet order (factor weights are shown in file order); `prefixes` are
    /// open-ended key families such as `scoring.growth.`.
    pub(super) fn key_values(
        &mut self,
        sheet: &Sheet<'_>,
        path: &str,
        keys: &[(&str, Kind)],
        prefixes: &[(&str, Kind)],
    ) -> OrderedMap<Cell> {
        let mut out: OrderedMap<Cell> = OrderedMap::default();
        let (Some(kc), Some(vc)) = (sheet.cols.get("key").copied(), sheet.cols.get("value").copied()) else {
            return out;
        };
        for row in sheet.rows() {
            let Some(Cell::Text(key)) = self.value(&row, kc, Kind::Text) else { continue };
            let key = key.trim().to_owned();
            let kind = keys
                .iter()
                .find(|(k, _)| *k == key)
                .or_else(|| prefixes.iter().find(|(p, _)| key.starts_with(p) && key.len() > p.len()))
                .map(|(_, kind)| *kind);
            let Some(kind) = kind else {
                let hint = did_you_mean(&key, keys.iter().map(|(k, _)| *k))
                    .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
                self.problem(row.place(kc), format!("unknown key `{key}`{hint}"));
                continue;
            };
            if out.get(&key).is_some() {
                self.problem(row.place(kc), format!("`{key}` is listed twice"));
                continue;
            }
            self.places.cells.insert(format!("{path}.{key}"), (row.place(vc), row.abs_row()));
            if path == "seller" {
                // The Seller sheet also holds top-level keys (`period`, `deck.lang`).
                self.places.cells.insert(key.clone(), (row.place(vc), row.abs_row()));
            }
            // A split is `median` or a number.
            let value = if key.starts_with("profit_matrix.") {
                match row.cell_at(vc) {
                    Cell::Text(s) if s.trim().eq_ignore_ascii_case(Split::MEDIAN) => {
                        Some(Cell::Text(Split::MEDIAN.into()))
                    }
                    Cell::Empty => None,
                    _ => self.value(&row, vc, Kind::Number),
                }
            } else {
                self.value(&row, vc, kind)
            };
            if let Some(v) = value {
                out.0.push((key, v));
            }
        }
        out
    }

    pub(super) fn settings(&mut self, grids: &[Grid]) -> Settings {
        let mut s = Settings::default();
        let Some(sheet) = self.sheet(grids, l::SETTINGS, false) else { return s };
        let prefixes = [(l::GROWTH_WEIGHT, Kind::Number), (l::HARMONY_WEIGHT, Kind::Number)];
        let kv = self.key_values(&sheet, "settings", l::SETTINGS_KEYS, &prefixes);
        let num = |k: &str| kv.get(k).and_then(|c| if let Cell::Number(n) = c { Some(*n) } else { None });
        if let Some(v) = num("pareto_cut") {
            s.pareto_cut = v;
        }
        if let Some(v) = num("abc.a") {
            s.abc.a = v;
        }
        if let Some(v) = num("abc.b") {
            s.abc.b = v;
        }
        if let Some(v) = num("engagement_threshold") {
            s.engagement_threshold = v;
        }
        if let Some(v) = num("satisfaction_target") {
            s.satisfaction_target = v;
        }
        if let Some(v) = num("scoring.scale") {
            s.scoring.scale = v as i64;
        }
        if let Some(v) = num("scoring.growth_weight") {
            s.scoring.growth_weight = v;
        }
        if let Some(v) = num("appendix_rows") {
            s.appendix_rows = v.max(0.0) as usize;
        }
        let split = |c: Option<&Cell>| match c {
            Some(Cell::Number(n)) => Some(Split::Value(*n)),
            Some(Cell::Text(_)) => Some(Split::Median),
            _ => None,
        };
        if let Some(v) = split(kv.get("profit_matrix.revenue_split")) {
            s.profit_matrix.revenue_split = v;
        }
        if let Some(v) = split(kv.get("profit_matrix.margin_split")) {
            s.profit_matrix.margin_split = v;
        }
        if let Some(Cell::Text(r)) = kv.get("risk_rank") {
            s.risk_rank = RiskRank::from_key(r).unwrap_or(s.risk_rank);
        }
        for (prefix, target) in [(l::GROWTH_WEIGHT, &mut s.scoring.growth), (l::HARMONY_WEIGHT, &mut s.scoring.harmony)]
        {
            let weights: Vec<(String, f64)> = kv
                .iter()
                .filter_map(|(k, v)| match (k.strip_prefix(prefix), v) {
                    (Some(factor), Cell::Number(w)) => Some((factor.to_owned(), *w)),
                    _ => None,
                })
                .collect();
            if !weights.is_empty() {
                *target = OrderedMap(weights);
            }
        }
        s
    }

    pub(super) fn plans(&mut self, grids: &[Grid]) -> Vec<Plan> {
        let Some(sheet) = self.sheet(grids, l::PLANS, false) else { return Vec::new() };
        self.fields(&sheet, &[("id", "id"), ("name", "name"), ("upsell", "upsell")]);
        let mut out = Vec::new();
        for row in sheet.rows() {
            let (id, name) = (self.required_text(&row, "id"), self.required_text(&row, "name"));
            let upsell = self.flag(&row, "upsell");
            if let (Some(id), Some(name)) = (id, name) {
                self.element(format!("plans[{}]", out.len()), &row);
                out.push(Plan { id, name, upsell });
            }
        }
        out
    }

    pub(super) fn offerings(&mut self, grids: &[Grid]) -> Vec<Offering> {
        let Some(sheet) = self.sheet(grids, l::OFFERINGS, false) else { return Vec::new() };
        self.fields(&sheet, &[("id", "id"), ("name", "name")]);
        let mut out = Vec::new();
        for row in sheet.rows() {
            if let (Some(id), Some(name)) = (self.required_text(&row, "id"), self.required_text(&row, "name")) {
                self.element(format!("offerings[{}]", out.len()), &row);
                out.push(Offering { id, name });
            }
        }
        out
    }

    pub(super) fn team(&mut self, grids: &[Grid]) -> Vec<Member> {
        let Some(sheet) = self.sheet(grids, l::TEAM, false) else { return Vec::new() };
        self.fields(&sheet, &[("id", "id"), ("name", "name"), ("role", "role"), ("email", "email")]);
        let mut out = Vec::new();
        for row in sheet.rows() {
            let (id, name) = (self.required_text(&row, "id"), self.required_text(&row, "name"));
            let (role, email) = (self.text(&row, "role"), self.text(&row, "email"));
            if let (Some(id), Some(name)) = (id, name) {
                self.element(format!("team[{}]", out.len()), &row);
                out.push(Member { id, name, role, email });
            }
        }
        out
    }
}
