//! The input sheets' cells → a portfolio (the reading direction of `layout`).
//!
//! Cells are checked by their column's kind here, so a wrong value is reported at its cell
//! (`Accounts!D7`); the portfolio then goes through the same `validate` as YAML, and each
//! problem's data path is mapped back to a cell with `Places`.

use std::collections::HashMap;

use super::layout::{self as l, Cell, Kind, a1};
use crate::model::validate::did_you_mean;
use crate::model::{
    Account, Action, CellStatus, Charter, Date, Division, Health, Influence, Keyed, Member, Milestone, MrrSnapshot,
    Objective, Offering, Onboarding, OrderedMap, Plan, Portfolio, Raci, RiskRank, Role, Scores, Seller, Settings,
    Split, Stakeholder,
};

/// One sheet as read: its cells from the top-left of its used range.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Sheet name as the workbook spells it.
    pub name: String,
    /// 0-based row of the first row (the header).
    pub top: u32,
    /// 0-based column of the first column.
    pub left: u16,
    /// Rows; the first is the header.
    pub rows: Vec<Vec<Cell>>,
}

/// A problem found while reading cells: its cell (`Accounts!D7`) or sheet, and the message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellProblem {
    /// `Sheet!A1`, or the sheet name alone.
    pub place: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Where each element and field of the portfolio was read, to place validation problems.
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Element path (`accounts[3]`, `team[0]`) → sheet and 0-based row.
    rows: HashMap<String, (String, u32)>,
    /// Sheet → field path (`health.churn_risk`) → 0-based column.
    fields: HashMap<String, HashMap<String, u16>>,
    /// Exact paths of key/value rows and RACI cells, with their row for ordering.
    cells: HashMap<String, (String, u32)>,
}

impl Places {
    /// The cell (or row) a data path was read from, e.g. `Accounts!P7`.
    pub(crate) fn place(&self, path: &str) -> Option<String> {
        // Try the whole path, then shorter and shorter prefixes at `.` and `[` boundaries.
        let mut end = path.len();
        loop {
            let head = &path[..end];
            if let Some((cell, _)) = self.cells.get(head) {
                return Some(cell.clone());
            }
            if let Some((sheet, row)) = self.rows.get(head) {
                let field = path[end..].trim_start_matches('.');
                let col = self.fields.get(sheet).and_then(|f| field_col(f, field)).unwrap_or(0);
                return Some(format!("{sheet}!{}", a1(*row, col)));
            }
            // A problem about a group of key/value rows (`settings.scoring.growth`): its first row.
            let group = format!("{head}.");
            if let Some((cell, _)) =
                self.cells.iter().filter(|(k, _)| k.starts_with(&group)).map(|(_, v)| v).min_by_key(|(_, row)| *row)
            {
                return Some(cell.clone());
            }
            end = path[..end].rfind(['.', '['])?;
        }
    }
}

/// The column of `field` or of its longest known prefix (`scores.growth` → the first growth column).
fn field_col(fields: &HashMap<String, u16>, field: &str) -> Option<u16> {
    if let Some(c) = fields.get(field) {
        return Some(*c);
    }
    fields.iter().filter(|(k, _)| k.starts_with(field) && !field.is_empty()).map(|(_, c)| *c).min()
}

/// Reads a portfolio from the sheets of a workbook.
pub(crate) fn portfolio(grids: &[Grid]) -> (Option<Portfolio>, Vec<CellProblem>, Places) {
    let mut r = Reader { problems: Vec::new(), places: Places::default() };
    let p = r.portfolio(grids);
    (p, r.problems, r.places)
}

struct Reader {
    problems: Vec<CellProblem>,
    places: Places,
}

/// A sheet with its header resolved.
struct Sheet<'a> {
    grid: &'a Grid,
    /// Header (lower case) → column index in the grid.
    cols: HashMap<String, usize>,
    /// Keyed columns: (prefix, key as written, grid column), in sheet order.
    keyed: Vec<(&'static str, String, usize)>,
    /// The kind of each known header (looked up once, not per cell).
    kinds: HashMap<String, Kind>,
}

/// One data row of a sheet.
struct Row<'s, 'a> {
    sheet: &'s Sheet<'a>,
    /// Index in `grid.rows`.
    i: usize,
}

impl Row<'_, '_> {
    fn cell_at(&self, col: usize) -> &Cell {
        self.sheet.grid.rows[self.i].get(col).unwrap_or(&Cell::Empty)
    }

    fn abs_row(&self) -> u32 {
        self.sheet.grid.top + u32::try_from(self.i).unwrap_or(u32::MAX)
    }

    fn abs_col(&self, col: usize) -> u16 {
        self.sheet.grid.left + u16::try_from(col).unwrap_or(u16::MAX)
    }

    fn place(&self, col: usize) -> String {
        format!("{}!{}", self.sheet.grid.name, a1(self.abs_row(), self.abs_col(col)))
    }
}

impl<'a> Sheet<'a> {
    fn new(grid: &'a Grid) -> Self {
        let mut cols = HashMap::new();
        let mut keyed = Vec::new();
        for (i, c) in grid.rows.first().into_iter().flatten().enumerate() {
            let header = match c {
                Cell::Text(s) => s.trim().to_owned(),
                Cell::Number(n) => n.to_string(),
                _ => continue,
            };
            let lower = header.to_lowercase();
            let prefix =
                [l::REVENUE, l::MRR, l::GROWTH, l::HARMONY, l::OFFERING].into_iter().find(|p| lower.starts_with(p));
            match prefix {
                Some(p) => keyed.push((p, header[p.len()..].trim().to_owned(), i)),
                None => {
                    cols.entry(lower).or_insert(i);
                }
            }
        }
        let kinds = l::fixed_columns(&canonical(&grid.name))
            .into_iter()
            .chain(l::account_detail_columns())
            .map(|c| (c.header, c.kind))
            .collect();
        Self { grid, cols, keyed, kinds }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        (1..self.grid.rows.len())
            .filter(|i| self.grid.rows[*i].iter().any(|c| *c != Cell::Empty))
            .map(move |i| Row { sheet: self, i })
    }

    fn keyed(&self, prefix: &str) -> impl Iterator<Item = &(&'static str, String, usize)> {
        self.keyed.iter().filter(move |(p, _, _)| *p == prefix)
    }
}

/// Text of a number typed into a text column: `2026`, not `2026.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{n:.0}") } else { n.to_string() }
}

/// A number written as text, when it reads one way only: `1200000`, `1,200,000`, `32%`.
fn parse_number(s: &str, percent_ok: bool) -> Option<f64> {
    let s = s.trim();
    let (body, scale) = match s.strip_suffix('%') {
        Some(b) if percent_ok => (b.trim(), 0.01),
        Some(_) => return None,
        None => (s, 1.0),
    };
    let plain: String = if body.contains(',') {
        // Commas only as thousands separators: 1,234,567.89
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = int.trim_start_matches('-');
        let mut groups = digits.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !groups.all(|g| g.len() == 3) {
            return None;
        }
        let joined = int.replace(',', "");
        if frac.is_empty() { joined } else { format!("{joined}.{frac}") }
    } else {
        body.to_owned()
    };
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some(v * scale)
}

fn bool_text(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "x" | "1" => Some(true),
        "false" | "no" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

impl Reader {
    fn problem(&mut self, place: String, message: String) {
        self.problems.push(CellProblem { place, message });
    }

    /// The value of a cell as its column's kind; reports and returns `None` when it is not one.
    fn value(&mut self, row: &Row<'_, '_>, col: usize, kind: Kind) -> Option<Cell> {
        let cell = row.cell_at(col).clone();
        if cell == Cell::Empty {
            return None;
        }
        let bad = |what: &str| {
            let shown = match &cell {
                Cell::Text(s) => format!("\"{s}\""),
                Cell::Number(n) => number_text(*n),
                Cell::Bool(b) => b.to_string().to_uppercase(),
                Cell::Date(d) => d.to_string(),
                Cell::Empty => String::new(),
            };
            format!("{shown} is not {what}")
        };
        let out = match (kind, &cell) {
            (Kind::Text | Kind::Ref { .. }, Cell::Text(s)) => {
                let s = if matches!(kind, Kind::Ref { .. }) { s.trim() } else { s.as_str() };
                if s.is_empty() { None } else { Some(Cell::Text(s.to_owned())) }
            }
            (Kind::Text | Kind::Ref { .. }, Cell::Number(n)) => Some(Cell::Text(number_text(*n))),
            (Kind::Text, Cell::Bool(b)) => Some(Cell::Text(b.to_string())),
            (Kind::Text, Cell::Date(d)) => Some(Cell::Text(d.to_string())),
            (Kind::Money | Kind::Number | Kind::Percent, Cell::Number(n)) => Some(Cell::Number(*n)),
            (Kind::Money | Kind::Number | Kind::Percent, Cell::Text(s)) => {
                match parse_number(s, kind == Kind::Percent) {
                    Some(v) => Some(Cell::Number(v)),
                    None => {
                        self.problem(row.place(col), bad("a number: type digits only, e.g. 1200000"));
                        return None;
                    }
                }
            }
            (Kind::Integer, Cell::Number(n)) if n.fract() == 0.0 => Some(Cell::Number(*n)),
            (Kind::Integer, Cell::Text(s)) if s.trim().parse::<i64>().is_ok() => {
                s.trim().parse::<i64>().ok().map(|v| Cell::Number(v as f64))
            }
            (Kind::Integer, _) => {
                self.problem(row.place(col), bad("a whole number"));
                return None;
            }
            (Kind::Date, Cell::Date(d)) => Some(Cell::Date(*d)),
            (Kind::Date, Cell::Number(n)) => l::from_serial(*n).map(Cell::Date),
            (Kind::Date, Cell::Text(s)) => Date::parse(s).map(Cell::Date),
            (Kind::Bool, Cell::Bool(b)) => Some(Cell::Bool(*b)),
            (Kind::Bool, Cell::Number(n)) if *n == 0.0 || *n == 1.0 => Some(Cell::Bool(*n == 1.0)),
            (Kind::Bool, Cell::Text(s)) => bool_text(s).map(Cell::Bool),
            (Kind::Choice { values, .. }, Cell::Text(s)) => {
                values.iter().find(|v| v.eq_ignore_ascii_case(s.trim())).map(|v| Cell::Text((*v).to_owned()))
            }
            _ => None,
        };
        if out.is_none() {
            let message = match kind {
                Kind::Date => bad("a date: use an Excel date or YYYY-MM-DD"),
                Kind::Bool => bad("TRUE or FALSE"),
                Kind::Choice { values, what } => {
                    let word = if let Cell::Text(s) = &cell { s.trim().to_lowercase() } else { String::new() };
                    let hint = did_you_mean(&word, values.iter().copied())
                        .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
                    format!("{} ({}){hint}", bad(&format!("a {what}")), values.join(", "))
                }
                Kind::Money | Kind::Number | Kind::Percent => bad("a number"),
                Kind::Text | Kind::Ref { .. } | Kind::Integer => bad("text"),
            };
            self.problem(row.place(col), message);
        }
        out
    }

    fn text(&mut self, row: &Row<'_, '_>, header: &str) -> Option<String> {
        let col = *row.sheet.cols.get(header)?;
        let kind = row.sheet.kinds.get(header).copied().unwrap_or(Kind::Text);
        match self.value(row, col, kind) {
            Some(Cell::Text(s)) => Some(s),
            _ => None,
        }
    }

    fn required_text(&mut self, row: &Row<'_, '_>, header: &str) -> Option<String> {
        let v = self.text(row, header);
        if v.is_none()
            && let Some(col) = row.sheet.cols.get(header).copied()
            && row.cell_at(col) == &Cell::Empty
        {
            self.problem(row.place(col), format!("`{header}` is empty: every row needs one"));
        }
        v
    }

    fn number(&mut self, row: &Row<'_, '_>, header: &str, kind: Kind) -> Option<f64> {
        let col = *row.sheet.cols.get(header)?;
        match self.value(row, col, kind) {
            Some(Cell::Number(n)) => Some(n),
            _ => None,
        }
    }

    fn date(&mut self, row: &Row<'_, '_>, header: &str) -> Option<Date> {
        let col = *row.sheet.cols.get(header)?;
        match self.value(row, col, Kind::Date) {
            Some(Cell::Date(d)) => Some(d),
            _ => None,
        }
    }

    fn flag(&mut self, row: &Row<'_, '_>, header: &str) -> bool {
        let Some(col) = row.sheet.cols.get(header).copied() else { return false };
        matches!(self.value(row, col, Kind::Bool), Some(Cell::Bool(true)))
    }

    /// A value of a closed list; the cell's check has already matched it to a key.
    fn choice<T: Keyed>(&mut self, row: &Row<'_, '_>, header: &str) -> Option<T> {
        self.text(row, header).and_then(|s| T::from_key(&s))
    }

    /// Records where an element was read and which column each of its fields is in.
    fn element(&mut self, path: String, row: &Row<'_, '_>) {
        self.places.rows.insert(path, (row.sheet.grid.name.clone(), row.abs_row()));
    }

    fn fields(&mut self, sheet: &Sheet<'_>, map: &[(&str, &str)]) {
        let fields = self.places.fields.entry(sheet.grid.name.clone()).or_default();
        for (field, header) in map {
            if let Some(c) = sheet.cols.get(*header) {
                fields.insert((*field).to_owned(), sheet.grid.left + u16::try_from(*c).unwrap_or(0));
            }
        }
        for (prefix, key, c) in &sheet.keyed {
            let field = match *prefix {
                l::REVENUE => format!("revenue.{key}"),
                l::MRR if sheet.grid.name == l::ACCOUNTS => format!("mrr.{key}"),
                l::MRR => key.clone(),
                l::GROWTH => format!("scores.growth.{key}"),
                l::HARMONY => format!("scores.harmony.{key}"),
                _ => format!("offerings.{key}"),
            };
            fields.insert(field, sheet.grid.left + u16::try_from(*c).unwrap_or(0));
        }
    }

    /// Checks that a sheet has its required columns.
    fn sheet<'a>(&mut self, grids: &'a [Grid], name: &str, required: bool) -> Option<Sheet<'a>> {
        let Some(grid) = grids.iter().find(|g| g.name.eq_ignore_ascii_case(name)) else {
            if required {
                self.problem(name.to_owned(), format!("the workbook has no sheet `{name}`: add it (see INPUT.md)"));
            }
            return None;
        };
        let sheet = Sheet::new(grid);
        let mut ok = true;
        for c in l::fixed_columns(name).iter().filter(|c| c.required) {
            if !sheet.cols.contains_key(&c.header) {
                let place = format!("{}!{}", grid.name, a1(grid.top, grid.left));
                let hint = did_you_mean(&c.header, sheet.cols.keys().map(String::as_str))
                    .map_or_else(String::new, |h| format!(" (is `{h}` meant to be `{}`?)", c.header));
                self.problem(place, format!("no column `{}`: add it to the header row{hint}", c.header));
                ok = false;
            }
        }
        ok.then_some(sheet)
    }

    fn portfolio(&mut self, grids: &[Grid]) -> Option<Portfolio> {
        self.misspelt_sheets(grids);
        let seller = self.sheet(grids, l::SELLER, true);
        let accounts_sheet = self.sheet(grids, l::ACCOUNTS, true);
        let kv = seller.map(|s| self.key_values(&s, "seller", l::SELLER_KEYS, &[])).unwrap_or_default();
        let text = |k: &str| kv.get(k).cloned().and_then(Cell::into_text);
        let name = text("name");
        if name.is_none() && self.problems.iter().all(|p| !p.place.starts_with(l::SELLER)) {
            self.problem(
                l::SELLER.to_owned(),
                "no `name` row: add a row with key `name` and the company's name".into(),
            );
        }
        let mut fiscal_years: Vec<String> = text("fiscal_years")
            .map(|s| s.split(',').map(|y| y.trim().to_owned()).filter(|y| !y.is_empty()).collect())
            .unwrap_or_default();
        if fiscal_years.is_empty() {
            // Without the key, the revenue columns say which years there are.
            fiscal_years = accounts_sheet.iter().flat_map(|s| s.keyed(l::REVENUE).map(|k| k.1.clone())).collect();
        }
        let settings = self.settings(grids);
        let plans = self.plans(grids);
        let offerings = self.offerings(grids);
        let team = self.team(grids);
        let mut accounts = accounts_sheet.map(|s| self.accounts(&s)).unwrap_or_default();
        let ids: HashMap<String, usize> = accounts.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut program = crate::model::Program::default();
        self.children(grids, &ids, &mut accounts, &mut program);
        program.charter = self.charter(grids);
        let name = name?;
        Some(Portfolio {
            seller: Seller { name, division: text("division") },
            currency: text("currency").unwrap_or_else(|| "USD".into()),
            period: text("period"),
            report_date: kv.get("report_date").and_then(|c| if let Cell::Date(d) = c { Some(*d) } else { None }),
            fiscal_years,
            prepared_by: text("prepared_by"),
            confidentiality: text("confidentiality"),
            settings,
            plans,
            offerings,
            team,
            accounts,
            program,
        })
    }

    /// Sheets whose names are one typo away from an input sheet that is missing.
    fn misspelt_sheets(&mut self, grids: &[Grid]) {
        let missing: Vec<&str> =
            l::SHEETS.iter().copied().filter(|s| !grids.iter().any(|g| g.name.eq_ignore_ascii_case(s))).collect();
        for g in grids {
            if let Some(s) = did_you_mean(&g.name, missing.iter().copied()) {
                self.problem(g.name.clone(), format!("sheet `{}` is not read: did you mean `{s}`?", g.name));
            }
        }
    }

    /// Key/value rows in sheet order (factor weights are shown in file order); `prefixes` are
    /// open-ended key families such as `scoring.growth.`.
    fn key_values(
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

    fn settings(&mut self, grids: &[Grid]) -> Settings {
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
        #[allow(clippy::cast_possible_truncation)]
        if let Some(v) = num("scoring.scale") {
            s.scoring.scale = v as i64;
        }
        if let Some(v) = num("scoring.growth_weight") {
            s.scoring.growth_weight = v;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
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

    fn plans(&mut self, grids: &[Grid]) -> Vec<Plan> {
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

    fn offerings(&mut self, grids: &[Grid]) -> Vec<Offering> {
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

    fn team(&mut self, grids: &[Grid]) -> Vec<Member> {
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

    fn keyed_numbers(&mut self, row: &Row<'_, '_>, prefix: &str, kind: Kind) -> Vec<(String, f64)> {
        let cols: Vec<(String, usize)> = row.sheet.keyed(prefix).map(|(_, k, c)| (k.clone(), *c)).collect();
        cols.into_iter()
            .filter_map(|(k, c)| match self.value(row, c, kind) {
                Some(Cell::Number(n)) => Some((k, n)),
                _ => None,
            })
            .collect()
    }

    #[allow(clippy::cast_possible_truncation)]
    fn accounts(&mut self, sheet: &Sheet<'_>) -> Vec<Account> {
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
    fn owner_account(&mut self, row: &Row<'_, '_>, ids: &HashMap<String, usize>) -> Option<Option<usize>> {
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

    /// Rows of the sheets that hang off an account (or, where `account` is empty, the program).
    #[allow(clippy::too_many_lines, clippy::cast_possible_truncation)]
    fn children(
        &mut self,
        grids: &[Grid],
        ids: &HashMap<String, usize>,
        accounts: &mut [Account],
        program: &mut crate::model::Program,
    ) {
        let need_account = |r: &mut Self, row: &Row<'_, '_>, got: Option<Option<usize>>| -> Option<usize> {
            match got {
                Some(Some(i)) => Some(i),
                Some(None) => {
                    let col = row.sheet.cols.get("account").copied().unwrap_or(0);
                    r.problem(row.place(col), "`account` is empty: name the account this row belongs to".into());
                    None
                }
                None => None,
            }
        };

        if let Some(sheet) = self.sheet(grids, l::MRR_HISTORY, false) {
            self.fields(&sheet, &[("period", "period")]);
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let period = self.required_text(&row, "period");
                let plans = self.keyed_numbers(&row, l::MRR, Kind::Money).into_iter().collect();
                if let (Some(i), Some(period)) = (need_account(self, &row, acc), period) {
                    self.element(format!("accounts[{i}].mrr_history[{}]", accounts[i].mrr_history.len()), &row);
                    accounts[i].mrr_history.push(MrrSnapshot { period, plans });
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::DIVISIONS, false) {
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
                if let (Some(i), Some(name)) = (need_account(self, &row, acc), name) {
                    self.element(format!("accounts[{i}].divisions[{}]", accounts[i].divisions.len()), &row);
                    accounts[i].divisions.push(Division { name, offerings: OrderedMap(offerings) });
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::STAKEHOLDERS, false) {
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
                let (id, name, title) = (
                    self.required_text(&row, "id"),
                    self.required_text(&row, "name"),
                    self.required_text(&row, "title"),
                );
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
                if let Some(i) = need_account(self, &row, acc) {
                    self.element(format!("accounts[{i}].stakeholders[{}]", accounts[i].stakeholders.len()), &row);
                    accounts[i].stakeholders.push(s);
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::INFLUENCES, false) {
            self.fields(&sheet, &[("from", "from"), ("to", "to"), ("kind", "kind"), ("note", "note")]);
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let (from, to) = (self.required_text(&row, "from"), self.required_text(&row, "to"));
                let kind = self.choice(&row, "kind");
                let note = self.text(&row, "note");
                if let (Some(i), Some(from), Some(to)) = (need_account(self, &row, acc), from, to) {
                    self.element(format!("accounts[{i}].influences[{}]", accounts[i].influences.len()), &row);
                    accounts[i].influences.push(Influence { from, to, kind, note });
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::OPPORTUNITIES, false) {
            self.fields(
                &sheet,
                &[
                    ("offering", "offering"),
                    ("name", "name"),
                    ("value", "value"),
                    ("stage", "stage"),
                    ("close", "close"),
                ],
            );
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let o = crate::model::Opportunity {
                    offering: self.text(&row, "offering"),
                    name: self.required_text(&row, "name").unwrap_or_default(),
                    value: self.number(&row, "value", Kind::Money),
                    stage: self.text(&row, "stage"),
                    close: self.date(&row, "close"),
                };
                if let Some(i) = need_account(self, &row, acc) {
                    self.element(format!("accounts[{i}].opportunities[{}]", accounts[i].opportunities.len()), &row);
                    accounts[i].opportunities.push(o);
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::MILESTONES, false) {
            self.fields(
                &sheet,
                &[("name", "name"), ("start", "start"), ("end", "end"), ("owner", "owner"), ("status", "status")],
            );
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let name = self.required_text(&row, "name");
                let (start, end) = (self.date(&row, "start"), self.date(&row, "end"));
                for (h, d) in [("start", start), ("end", end)] {
                    if d.is_none()
                        && let Some(c) = sheet.cols.get(h).copied().filter(|c| row.cell_at(*c) == &Cell::Empty)
                    {
                        self.problem(row.place(c), format!("`{h}` is empty: a milestone needs both dates"));
                    }
                }
                let owner = self.text(&row, "owner");
                let status = self.choice(&row, "status");
                let (Some(name), Some(start), Some(end), Some(acc)) = (name, start, end, acc) else { continue };
                let m = Milestone { name, start, end, owner, status };
                match acc {
                    Some(i) => {
                        self.element(format!("accounts[{i}].milestones[{}]", accounts[i].milestones.len()), &row);
                        accounts[i].milestones.push(m);
                    }
                    None => {
                        self.element(format!("program.milestones[{}]", program.milestones.len()), &row);
                        program.milestones.push(m);
                    }
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::ACTIONS, false) {
            self.fields(&sheet, &[("action", "action"), ("owner", "owner"), ("due", "due"), ("status", "status")]);
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let a = Action {
                    action: self.required_text(&row, "action").unwrap_or_default(),
                    owner: self.text(&row, "owner"),
                    due: self.date(&row, "due"),
                    status: self.text(&row, "status"),
                };
                if let Some(i) = need_account(self, &row, acc) {
                    self.element(format!("accounts[{i}].actions[{}]", accounts[i].actions.len()), &row);
                    accounts[i].actions.push(a);
                }
            }
        }
        if let Some(sheet) = self.sheet(grids, l::RACI, false) {
            let member_col = sheet.cols.get("member").copied().unwrap_or(0);
            for row in sheet.rows() {
                let acc = self.owner_account(&row, ids);
                let activity = self.required_text(&row, "activity");
                let member = self.required_text(&row, "member");
                let role = self.choice::<Raci>(&row, "role");
                let (Some(activity), Some(member), Some(role), Some(acc)) = (activity, member, role, acc) else {
                    continue;
                };
                let (raci, path) = match acc {
                    Some(i) => (&mut accounts[i].raci, format!("accounts[{i}].raci")),
                    None => (&mut program.raci, "program.raci".to_owned()),
                };
                let place = row.place(member_col);
                let entry = match raci.0.iter_mut().position(|(k, _)| *k == activity) {
                    Some(j) => &mut raci.0[j].1,
                    None => {
                        raci.0.push((activity.clone(), OrderedMap::default()));
                        &mut raci.0.last_mut().expect("just pushed").1
                    }
                };
                if entry.get(&member).is_some() {
                    self.problem(place, format!("`{member}` has a second letter for `{activity}`: keep one row"));
                    continue;
                }
                entry.0.push((member.clone(), role));
                self.places.cells.insert(format!("{path}.{activity}.{member}"), (place, row.abs_row()));
            }
        }
    }

    fn charter(&mut self, grids: &[Grid]) -> Option<Charter> {
        let sheet = self.sheet(grids, l::CHARTER, false)?;
        let mut c = Charter::default();
        let mut any = false;
        for row in sheet.rows() {
            let (Some(section), Some(text)) = (self.required_text(&row, "section"), self.required_text(&row, "text"))
            else {
                continue;
            };
            let (detail, target) = (self.text(&row, "detail"), self.text(&row, "target"));
            any = true;
            match section.as_str() {
                "mission" => c.mission = Some(text),
                "qualification" => c.qualification = Some(text),
                "objective" => c.objectives.push(Objective { name: text, kpi: detail, target }),
                "role" => c.roles.push(Role { role: text, duty: detail }),
                _ => c.governance.push(text),
            }
        }
        any.then_some(c)
    }
}

/// The canonical spelling of an input sheet's name.
fn canonical(name: &str) -> String {
    l::SHEETS.iter().find(|s| s.eq_ignore_ascii_case(name)).map_or_else(|| name.to_owned(), |s| (*s).to_owned())
}

impl Cell {
    fn into_text(self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_written_as_text() {
        assert_eq!(parse_number("1200000", false), Some(1_200_000.0));
        assert_eq!(parse_number(" 1,200,000.5 ", false), Some(1_200_000.5));
        assert_eq!(parse_number("-3,000", false), Some(-3000.0));
        assert_eq!(parse_number("32%", true), Some(0.32));
        assert_eq!(parse_number("32%", false), None);
        assert_eq!(parse_number("1,20,000", false), None);
        assert_eq!(parse_number("1.200.000", false), None);
        assert_eq!(parse_number("lots", false), None);
        assert_eq!(parse_number("NaN", false), None);
    }

    #[test]
    fn numbers_in_text_columns_keep_their_digits() {
        assert_eq!(number_text(2026.0), "2026");
        assert_eq!(number_text(0.5), "0.5");
    }
}
