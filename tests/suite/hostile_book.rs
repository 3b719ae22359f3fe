//! Workbooks of the hostile corpus, written from a text description (`tests/hostile/books/`):
//! `== Sheet` starts a sheet, each line after it is a row of cells split at ` | `, and
//! `@ Sheet!C7 | value` puts one value anywhere. A cell is a number, `TRUE`/`FALSE`, `'text`
//! (text even when it looks like a number), `date 2026-01-02`, `=FORMULA -> result`,
//! `=FORMULA ->` (a formula without a saved result, as scripts write them), an error value
//! such as `#N/A`, `repeat x 45000` (one character so many times), or text.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

fn put(ws: &mut Worksheet, row: u32, col: u16, cell: &str, date: &Format) {
    let cell = cell.trim();
    if cell.is_empty() {
        return;
    }
    if let Some(text) = cell.strip_prefix('\'') {
        ws.write_string(row, col, text).unwrap();
    } else if let Some(ymd) = cell.strip_prefix("date ") {
        let d = ExcelDateTime::parse_from_str(ymd).unwrap();
        ws.write_datetime_with_format(row, col, &d, date).unwrap();
    } else if let Some(rest) = cell.strip_prefix("repeat ") {
        let (c, n) = rest.split_once(' ').unwrap();
        ws.write_string(row, col, c.repeat(n.parse().unwrap())).unwrap();
    } else if let Some((formula, result)) = cell.split_once(" ->") {
        ws.write_formula(row, col, Formula::new(formula).set_result(result.trim())).unwrap();
    } else if cell.starts_with('#') && cell.len() <= 8 {
        ws.write_formula(row, col, Formula::new("=NA()").set_result(cell)).unwrap();
    } else if let Ok(n) = cell.parse::<f64>() {
        ws.write_number(row, col, n).unwrap();
    } else if cell == "TRUE" || cell == "FALSE" {
        ws.write_boolean(row, col, cell == "TRUE").unwrap();
    } else {
        ws.write_string(row, col, cell).unwrap();
    }
}

/// `C7` → (6, 2).
fn a1(cell: &str) -> (u32, u16) {
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1) - 1;
    let row: u32 = cell[letters.len()..].parse().unwrap();
    (row - 1, u16::try_from(col).unwrap())
}

/// Writes the workbook `description` describes to `path`.
pub(crate) fn write(description: &str, path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut sheets: Vec<(String, Worksheet, u32)> = Vec::new();
    let body = description.lines().skip_while(|l| l.starts_with('#'));
    for line in body.filter(|l| !l.trim().is_empty()) {
        if let Some(name) = line.strip_prefix("== ") {
            let mut ws = Worksheet::new();
            ws.set_name(name.trim()).unwrap();
            // A formula written without a result leaves its cell empty, as scripts do.
            ws.set_formula_result_default("");
            sheets.push((name.trim().to_owned(), ws, 0));
        } else if let Some(rest) = line.strip_prefix("@ ") {
            let (at, value) = rest.split_once(" | ").unwrap();
            let (sheet, cell) = at.split_once('!').unwrap();
            let (row, col) = a1(cell);
            let (_, ws, _) = sheets.iter_mut().find(|(n, ..)| n == sheet).unwrap();
            put(ws, row, col, value, &date);
        } else {
            let (_, ws, row) = sheets.last_mut().expect("a row before any `== Sheet`");
            for (c, cell) in line.split(" | ").enumerate() {
                put(ws, *row, u16::try_from(c).unwrap(), cell, &date);
            }
            *row += 1;
        }
    }
    for (_, ws, _) in sheets {
        wb.push_worksheet(ws);
    }
    wb.save(path).unwrap();
}
