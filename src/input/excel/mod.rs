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
pub(crate) fn from_bytes(bytes: Vec<u8>, name: &str, checks: super::Checks<'_>) -> Result<Portfolio, InputError> {
    let invalid = |message: String| InputError::Invalid {
        problems: vec![InputProblem { place: name.to_owned(), path: None, message }],
    };
    let head: Vec<u8> = bytes.iter().take(4).copied().collect();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| invalid(not_a_workbook(&head, &e)))?;
    let mut grids = Vec::new();
    for sheet in book.sheet_names() {
        // Only the input sheets are read; mirrors and other sheets are left alone.
        if !layout::SHEETS.iter().any(|s| s.eq_ignore_ascii_case(&sheet)) {
            grids.push(Grid { name: sheet, top: 0, left: 0, rows: Vec::new(), row_at: Vec::new(), errors: Vec::new() });
            continue;
        }
        let grid = read_sheet(&mut book, &sheet).map_err(|e| invalid(format!("sheet `{sheet}`: {e}")))?;
        grids.push(grid);
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
    let mut invalid = validate::validate(&portfolio);
    invalid.extend(checks(&portfolio));
    problems.extend(invalid.into_iter().map(|p| InputProblem {
        place: places.place(&p.path).map_or_else(|| name.to_owned(), |c| format!("{name}: {c}")),
        path: Some(p.path),
        message: p.message,
    }));
    if problems.is_empty() { Ok(portfolio) } else { Err(InputError::Invalid { problems }) }
}

/// Why a file named `.xlsx` did not open (`head`: its first bytes), in the user's terms rather
/// than the zip library's.
fn not_a_workbook(head: &[u8], e: &calamine::XlsxError) -> String {
    let bytes = head;
    let head = "cannot open it as an Excel workbook (.xlsx)";
    if bytes.is_empty() {
        format!("{head}: the file is empty")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        format!("{head}: it is an older Excel file (.xls): save it as Excel Workbook (.xlsx)")
    } else if !bytes.starts_with(b"PK") {
        format!(
            "{head}: it is not a zip archive, as every .xlsx is (a CSV or a text renamed?): save it as Excel Workbook (.xlsx)"
        )
    } else if matches!(e, calamine::XlsxError::Zip(_)) {
        format!("{head}: the zip archive is damaged or cut short: save it again from Excel")
    } else {
        format!("{head}: a zip archive, but not a workbook ({e}): save it as Excel Workbook (.xlsx)")
    }
}

/// Most columns a sheet's table may have, counted from its first to its last header.
const MAX_COLUMNS: u32 = 1_024;
/// Most cells a sheet's table may hold (rows with a value × its columns): about 300 MB.
const MAX_CELLS: usize = 10_000_000;

/// The cells of one sheet, read one by one: only rows that hold a value are kept, and only
/// the columns under the header row, so a stray value at `XFD1048576` costs one cell rather
/// than the whole rectangle up to it (calamine's dense ranges allocate every cell between).
fn read_sheet<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>, sheet: &str) -> Result<Grid, String> {
    let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
    let mut by_row: std::collections::BTreeMap<u32, Vec<(u32, Cell)>> = std::collections::BTreeMap::new();
    let mut held = 0usize;
    let mut errors = Vec::new();
    while let Some(c) = reader.next_cell_with_formula_metadata().map_err(|e| e.to_string())? {
        let data = Data::from(c.value);
        let (row, col) = c.pos;
        let at = u16::try_from(col).unwrap_or(u16::MAX);
        if let Data::Error(e) = &data {
            // `#N/A` read as the text `#NA` became an account name; an error is a problem at its cell.
            errors.push((row, at, format!("the cell holds the error {e}: fix its formula or type the value")));
            continue;
        }
        let uncached = matches!(&data, Data::Empty) || matches!(&data, Data::String(s) if s.is_empty());
        if c.formula.is_some() && uncached {
            // Programs that write formulas without computing them (scripts, some exports)
            // leave no result: read as empty, the value would be lost without a word.
            errors.push((
                row,
                at,
                "the cell holds a formula without a saved result: open and save the workbook in Excel or LibreOffice, or type the value".to_owned(),
            ));
            continue;
        }
        let value = cell(&data);
        if value == Cell::Empty {
            continue;
        }
        by_row.entry(row).or_default().push((col, value));
        held += 1;
        if held > MAX_CELLS {
            return Err(format!("holds more than {MAX_CELLS} values; kamdeck reads portfolios up to that size"));
        }
    }
    let Some((&top, header)) = by_row.iter().next() else {
        return Ok(Grid { name: sheet.to_owned(), top: 0, left: 0, rows: Vec::new(), row_at: Vec::new(), errors });
    };
    let left = by_row.values().flatten().map(|(c, _)| *c).min().unwrap_or(0);
    let right = header.iter().map(|(c, _)| *c).max().unwrap_or(left);
    if right - left >= MAX_COLUMNS {
        let last = layout::a1(top, u16::try_from(right).unwrap_or(u16::MAX));
        return Err(format!(
            "its header row runs to {sheet}!{last}; kamdeck reads at most {MAX_COLUMNS} columns: delete the stray cells"
        ));
    }
    let width = (right - left + 1) as usize;
    if by_row.len().saturating_mul(width) > MAX_CELLS {
        return Err(format!(
            "{} rows × {width} columns is more than {MAX_CELLS} cells; kamdeck reads portfolios up to that size",
            by_row.len()
        ));
    }
    let mut rows = Vec::with_capacity(by_row.len());
    let mut row_at = Vec::with_capacity(by_row.len());
    for (r, cells) in by_row {
        let mut row = vec![Cell::Empty; width];
        // Cells right of the last header have no column to belong to: they are not read.
        for (c, v) in cells.into_iter().filter(|(c, _)| *c <= right) {
            row[(c - left) as usize] = v;
        }
        rows.push(row);
        row_at.push(r);
    }
    Ok(Grid { name: sheet.to_owned(), top, left: u16::try_from(left).unwrap_or(u16::MAX), rows, row_at, errors })
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
