//! Where each value was read, so that a validation problem about a data path
//! (`accounts[3].owner`) can name its cell (`Accounts!F5`).

use std::collections::HashMap;

use super::{Reader, Row, Sheet};
use crate::input::excel::layout::{self as l, a1};

/// Where each element and field of the portfolio was read, to place validation problems.
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Element path (`accounts[3]`, `team[0]`) → sheet and 0-based row.
    rows: HashMap<String, (String, u32)>,
    /// Sheet → field path (`health.churn_risk`) → 0-based column.
    fields: HashMap<String, HashMap<String, u16>>,
    /// Exact paths of key/value rows and RACI cells, with their row for ordering.
    pub(super) cells: HashMap<String, (String, u32)>,
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

impl Reader {
    /// Records the sheet and row an element (`accounts[3]`) was read from.
    pub(super) fn element(&mut self, path: String, row: &Row<'_, '_>) {
        self.places.rows.insert(path, (row.sheet.grid.name.clone(), row.abs_row()));
    }

    /// Records the column of each field (`map`: field path → header) and keyed column of a sheet.
    pub(super) fn fields(&mut self, sheet: &Sheet<'_>, map: &[(&str, &str)]) {
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
}
