//! Excel workbooks as portfolio files: the layout both directions share, the tables the
//! workbook writer starts from, and the reader (calamine) with `Sheet!C7` places.

mod from_tables;
pub(crate) mod layout;
mod to_tables;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

pub(crate) use to_tables::tables;

use self::from_tables::Grid;
use self::layout::Cell;
use super::{InputError, InputProblem};
use crate::model::{Portfolio, validate};

/// Reads and validates a portfolio workbook; `name` is used in error places.
pub(crate) fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<Portfolio, InputError> {
    let invalid = |message: String| InputError::Invalid {
        problems: vec![InputProblem { place: name.to_owned(), path: None, message }],
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| invalid(format!("cannot open it as an Excel workbook (.xlsx): {e}")))?;
    let mut grids = Vec::new();
    for sheet in book.sheet_names() {
        // Only the input sheets are read; mirrors and other sheets are left alone.
        if !layout::SHEETS.iter().any(|s| s.eq_ignore_ascii_case(&sheet)) {
            grids.push(Grid { name: sheet, top: 0, left: 0, rows: Vec::new() });
            continue;
        }
        let range = book.worksheet_range(&sheet).map_err(|e| invalid(format!("sheet `{sheet}`: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows = range.rows().map(|r| r.iter().map(cell).collect()).collect();
        grids.push(Grid { name: sheet, top, left: u16::try_from(left).unwrap_or(u16::MAX), rows });
    }
    let (portfolio, cell_problems, places) = from_tables::portfolio(&grids);
    let mut problems: Vec<InputProblem> = cell_problems
        .into_iter()
        .map(|p| InputProblem { place: format!("{name}: {}", p.place), path: None, message: p.message })
        .collect();
    let portfolio = match portfolio {
        Some(p) if problems.is_empty() => p,
        _ => return Err(InputError::Invalid { problems }),
    };
    problems.extend(validate::validate(&portfolio).into_iter().map(|p| InputProblem {
        place: places.place(&p.path).map_or_else(|| name.to_owned(), |c| format!("{name}: {c}")),
        path: Some(p.path),
        message: p.message,
    }));
    if problems.is_empty() { Ok(portfolio) } else { Err(InputError::Invalid { problems }) }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => layout::from_serial(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            crate::model::Date::parse(s.get(..10).unwrap_or(s)).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

// The workbook's mirrors call these; `x.key()` says the same, and they can go once those do.
