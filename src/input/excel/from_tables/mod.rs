//! The input sheets' cells → a portfolio (the reading direction of `layout`).
//!
//! Cells are checked by their column's kind here, so a wrong value is reported at its cell
//! (`Accounts!D7`); the portfolio then goes through the same `validate` as YAML, and each
//! problem's data path is mapped back to a cell with `Places`.

mod account_lists;
mod accounts;
mod cells;
mod places;
mod program;
mod seller;

use std::collections::HashMap;

use super::layout::{self as l, Cell, Kind, a1};
use crate::model::validate::did_you_mean;
use crate::model::{Account, DeckOptions, Portfolio, Program, Seller};

pub(crate) use places::Places;

/// One sheet as read: its cells from the top-left of its used range.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Sheet name as the workbook spells it.
    pub name: String,
    /// 0-based row of the first row (the header).
    pub top: u32,
    /// 0-based column of the first column.
    pub left: u16,
    /// The rows that hold a value; the first is the header.
    pub rows: Vec<Vec<Cell>>,
    /// The 0-based worksheet row of each of `rows` (empty rows are not stored).
    pub row_at: Vec<u32>,
    /// Cells that hold no value to read (an error, a formula never computed), 0-based row and
    /// column, and the message.
    pub errors: Vec<(u32, u16, String)>,
}

/// A problem found while reading cells: its cell (`Accounts!D7`) or sheet, and the message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellProblem {
    /// `Sheet!A1`, or the sheet name alone.
    pub place: String,
    /// What is wrong and how to fix it.
    pub message: String,
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
        self.sheet.grid.row_at.get(self.i).copied().unwrap_or(self.sheet.grid.top)
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

impl Reader {
    fn problem(&mut self, place: String, message: String) {
        self.problems.push(CellProblem { place, message });
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
        self.headers(grid, name);
        for (r, c, message) in &grid.errors {
            self.problem(format!("{}!{}", grid.name, a1(*r, *c)), message.clone());
        }
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

    /// Header cells that would lose data without a word: a column named twice, and a header
    /// one typo away from a column kamdeck reads (`revnue FY2024`). Headers unlike any known
    /// column are the user's own columns and stay unread.
    fn headers(&mut self, grid: &Grid, name: &str) {
        let known: Vec<String> = l::fixed_columns(name)
            .into_iter()
            .chain(l::account_detail_columns())
            .map(|c| c.header.to_owned())
            .collect();
        let prefixes = [l::REVENUE, l::MRR, l::GROWTH, l::HARMONY, l::OFFERING];
        let mut seen: HashMap<String, u16> = HashMap::new();
        for (i, c) in grid.rows.first().into_iter().flatten().enumerate() {
            if let Cell::Number(n) = c {
                // A number where a header belongs (`2024` for `revenue FY2024`) drops the column.
                let col = grid.left + u16::try_from(i).unwrap_or(u16::MAX);
                let message = format!("column header {n} is a number: write the column's name, e.g. `revenue FY{n}`");
                self.problem(format!("{}!{}", grid.name, a1(grid.top, col)), message);
                continue;
            }
            let Cell::Text(text) = c else { continue };
            let header = text.trim().to_lowercase();
            let col = grid.left + u16::try_from(i).unwrap_or(u16::MAX);
            let place = format!("{}!{}", grid.name, a1(grid.top, col));
            if let Some(first) = seen.insert(header.clone(), col) {
                let other = a1(grid.top, first);
                self.problem(
                    place,
                    format!("column `{}` is named twice (also {other}): rename or delete one", text.trim()),
                );
                continue;
            }
            if known.contains(&header) || prefixes.iter().any(|p| header.starts_with(p)) {
                continue;
            }
            // A keyed column's word (`revnue` of `revnue FY2024`) against the keyed prefixes.
            let (word, rest) = header.split_once(' ').unwrap_or((header.as_str(), ""));
            let keyed = prefixes.map(str::trim_end);
            // Short words are too close to everything (`my` is one letter from `mrr`).
            let keyed_typo = (word.chars().count() >= 4).then(|| did_you_mean(word, keyed)).flatten();
            let meant = match keyed_typo {
                Some(p) if !rest.is_empty() => Some(format!("{p} {}", text.trim().split_once(' ').map_or("", |x| x.1))),
                _ => did_you_mean(&header, known.iter().map(String::as_str)).map(str::to_owned),
            };
            let message = match meant {
                Some(m) => format!("column `{}` is not read: did you mean `{m}`?", text.trim()),
                // A column of one's own must say so: a header kamdeck does not know would
                // otherwise drop its data without a word.
                None if header.starts_with('_') => continue,
                None => format!(
                    "column `{}` is not one kamdeck reads on sheet {name} (see INPUT.md): rename it, or start its header with `_` (`_{}`) to keep a column of your own",
                    text.trim(),
                    text.trim()
                ),
            };
            self.problem(place, message);
        }
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
        let mut program = Program::default();
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
            deck: DeckOptions {
                lang: text("deck.lang"),
                theme: text("deck.theme"),
                title: text("deck.title"),
                // A list in one cell: ids separated by commas.
                slides: text("deck.slides").map(|s| id_list(&s)),
                plan_slides: text("deck.plan_slides").map(|s| id_list(&s)),
                confidentiality: text("deck.confidentiality"),
                pptx: matches!(kv.get("deck.pptx"), Some(Cell::Bool(true))),
            },
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

    /// Rows of the sheets that hang off an account (or, where `account` is empty, the program).
    fn children(
        &mut self,
        grids: &[Grid],
        ids: &HashMap<String, usize>,
        accounts: &mut [Account],
        program: &mut Program,
    ) {
        self.mrr_history(grids, ids, accounts);
        self.divisions(grids, ids, accounts);
        self.stakeholders(grids, ids, accounts);
        self.influences(grids, ids, accounts);
        self.opportunities(grids, ids, accounts);
        self.milestones(grids, ids, accounts, program);
        self.actions(grids, ids, accounts);
        self.raci(grids, ids, accounts, program);
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

/// `pareto, abc` → `[pareto, abc]`.
fn id_list(cell: &str) -> Vec<String> {
    cell.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}
