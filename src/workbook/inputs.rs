//! The README sheet and the input sheets (one Excel table each, INPUT.md's layout).

use std::collections::HashMap;

use rust_xlsxwriter::{DataValidation, Format, Formula, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use super::{InSheet, Styles, WorkbookError, quote_sheet};
use crate::i18n::Locale;
use crate::input::excel::layout::{self as l, Cell, Kind, col_name};
use crate::model::Portfolio;

/// Where the input sheets put what the mirrors' formulas refer to.
#[derive(Debug, Default)]
pub(crate) struct InputRefs {
    sheets: HashMap<&'static str, SheetRefs>,
}

/// Column letters of some Accounts headers, looked up once for a loop over accounts.
#[derive(Debug)]
pub(crate) struct Cols(Vec<Option<String>>);

impl Cols {
    /// `Accounts!$F$7`: column `k` (of the headers asked for) in 0-based row `row`.
    pub(crate) fn at(&self, k: usize, row: Option<u32>) -> Option<String> {
        Some(format!("{}!${}${}", l::ACCOUNTS, self.0.get(k)?.as_ref()?, row? + 1))
    }
}

#[derive(Debug, Default)]
struct SheetRefs {
    /// Header → 0-based column.
    cols: HashMap<String, u16>,
    /// 0-based rows by account id (the `id` column on Accounts, `account` elsewhere; "" for
    /// program rows), in sheet order.
    by_account: HashMap<String, Vec<u32>>,
    /// First column text → 0-based row (key/value sheets).
    keys: HashMap<String, u32>,
    /// Number of data rows.
    len: u32,
}

impl InputRefs {
    /// `Stakeholders!$C$5`: the cell of a 0-based row in column `header`.
    pub(crate) fn cell(&self, sheet: &str, row: u32, header: &str) -> Option<String> {
        let col = *self.sheets.get(sheet)?.cols.get(header)?;
        Some(format!("{}!${}${}", quote_sheet(sheet), col_name(col), row + 1))
    }

    /// `Accounts!$F$7`: account `id`'s cell in column `header`.
    pub(crate) fn account(&self, id: &str, header: &str) -> Option<String> {
        let row = *self.rows(l::ACCOUNTS, id).first()?;
        self.cell(l::ACCOUNTS, row, header)
    }

    /// `Accounts!$F$2:$F$26`: every data row of column `header`.
    pub(crate) fn column(&self, sheet: &str, header: &str) -> Option<String> {
        let s = self.sheets.get(sheet)?;
        let col = col_name(*s.cols.get(header)?);
        Some(format!("{}!${col}$2:${col}${}", quote_sheet(sheet), s.len.max(1) + 1))
    }

    /// The 0-based Accounts row of account `id`: with `Cols`, for loops over many accounts.
    pub(crate) fn account_row(&self, id: &str) -> Option<u32> {
        self.rows(l::ACCOUNTS, id).first().copied()
    }

    /// Accounts column letters of `headers` (`None` where a header is missing).
    pub(crate) fn account_cols(&self, headers: &[String]) -> Cols {
        let cols = self.sheets.get(l::ACCOUNTS).map(|s| &s.cols);
        Cols(headers.iter().map(|h| cols.and_then(|c| c.get(h)).map(|c| col_name(*c))).collect())
    }

    /// `Accounts!$J$7:$L$7`: the account's cells of adjacent columns `first`..=`last`.
    pub(crate) fn account_span(&self, id: &str, first: &str, last: &str) -> Option<String> {
        let s = self.sheets.get(l::ACCOUNTS)?;
        let row = *s.by_account.get(id)?.first()? + 1;
        let (a, b) = (col_name(*s.cols.get(first)?), col_name(*s.cols.get(last)?));
        Some(format!("{}!${a}${row}:${b}${row}", l::ACCOUNTS))
    }

    /// The 0-based rows of `sheet` that belong to account `id` ("" for program rows).
    pub(crate) fn rows(&self, sheet: &str, id: &str) -> &[u32] {
        self.sheets.get(sheet).and_then(|s| s.by_account.get(id)).map_or(&[], Vec::as_slice)
    }

    /// `Settings!$B$3`: the value cell of a key/value row (`Settings` or `Seller`).
    pub(crate) fn key(&self, sheet: &str, key: &str) -> Option<String> {
        let row = *self.sheets.get(sheet)?.keys.get(key)?;
        Some(format!("{}!$B${}", quote_sheet(sheet), row + 1))
    }

    /// A setting's value cell (`Settings!$B$3`).
    pub(crate) fn setting(&self, key: &str) -> String {
        self.key(l::SETTINGS, key).unwrap_or_else(|| "0".to_owned())
    }

    /// Where `tables` put things once written.
    pub(crate) fn of(tables: &[l::Table]) -> Self {
        let mut refs = Self::default();
        for t in tables {
            refs.record(t);
        }
        refs
    }

    fn record(&mut self, t: &l::Table) {
        let mut s = SheetRefs { len: u32::try_from(t.rows.len()).unwrap_or(u32::MAX), ..SheetRefs::default() };
        s.cols = t.columns.iter().enumerate().map(|(i, c)| (c.header.clone(), col16(i))).collect();
        let owner = if t.name == l::ACCOUNTS { t.col("id") } else { t.col("account") };
        for (i, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if let Some(c) = owner {
                let id = match &row[c] {
                    Cell::Text(id) => id.clone(),
                    _ => String::new(),
                };
                s.by_account.entry(id).or_default().push(r);
            }
            if let Some(Cell::Text(k)) = row.first() {
                s.keys.entry(k.clone()).or_insert(r);
            }
        }
        self.sheets.insert(t.name, s);
    }
}

/// The README sheet: what each sheet is and how to rebuild the deck.
pub(super) fn readme(
    ws: &mut Worksheet,
    st: &Styles,
    p: &Portfolio,
    loc: &Locale,
    mirrors: &[(String, &'static str)],
) -> Result<(), XlsxError> {
    let name = loc.t("workbook.readme");
    ws.set_name(&name)?;
    let w =
        |ws: &mut Worksheet, r: u32, c: u16, s: &str, f: &Format| ws.write_string_with_format(r, c, s, f).map(|_| ());
    w(ws, 0, 0, &loc.tr("workbook.heading", &[("seller", &p.seller.name)]), &st.title)?;
    let mut r = 2;
    for key in ["workbook.intro", "workbook.edit", "workbook.rebuild"] {
        w(ws, r, 0, &loc.t(key), &st.text)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, "kamdeck review <this workbook>.xlsx -o out/", &st.bold)?;
    r += 2;
    w(ws, r, 0, &loc.t("workbook.sheet"), &st.header)?;
    w(ws, r, 1, &loc.t("workbook.holds"), &st.header)?;
    r += 1;
    for sheet in l::SHEETS {
        let url = format!("internal:{}!A1", quote_sheet(sheet));
        ws.write_url_with_text(r, 0, url.as_str(), sheet)?;
        w(ws, r, 1, &loc.t(&format!("workbook.input.{sheet}")), &st.text)?;
        r += 1;
    }
    for (sheet, kind) in mirrors {
        let url = format!("internal:{}!A1", quote_sheet(sheet));
        ws.write_url_with_text(r, 0, url.as_str(), sheet.as_str())?;
        let kicker = loc.messages_or(&format!("kicker.{kind}"), &loc.t(&format!("sheet.{kind}")));
        w(ws, r, 1, &loc.tr("workbook.mirror", &[("slide", &kicker)]), &st.text)?;
        r += 1;
    }
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 100)?;
    Ok(())
}

/// The input sheets, one Excel table each, written into `blank` (one empty sheet per table).
pub(super) fn sheets(
    tables: &[l::Table],
    blank: Vec<Worksheet>,
    st: &Styles,
    loc: &Locale,
) -> Result<Vec<Worksheet>, WorkbookError> {
    let counts: HashMap<&str, usize> = tables.iter().map(|t| (t.name, t.rows.len())).collect();
    tables
        .iter()
        .zip(blank)
        .map(|(t, mut ws)| {
            write_table(&mut ws, t, st, &counts, loc).in_sheet(t.name)?;
            Ok(ws)
        })
        .collect()
}

fn format_of(kind: Kind, st: &Styles) -> &Format {
    super::mirror::format_of(st, kind.into())
}

/// Rows below the data that still get the dropdowns, so added rows have them too.
const SPARE_ROWS: u32 = 500;

fn write_table(
    ws: &mut Worksheet,
    t: &l::Table,
    st: &Styles,
    counts: &HashMap<&str, usize>,
    loc: &Locale,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(t.name)?;
    let key_value = t.name == l::SELLER || t.name == l::SETTINGS;
    let mut widths: Vec<usize> = t.columns.iter().map(|c| c.header.chars().count()).collect();
    // The table first, naming its columns: it writes the header row, which a streamed sheet
    // can only write before the rows under it.
    let last_row = u32::try_from(t.rows.len().max(1)).unwrap_or(1);
    let last_col = col16(t.columns.len().saturating_sub(1));
    let columns: Vec<TableColumn> =
        t.columns.iter().map(|c| TableColumn::new().set_header(&c.header).set_header_format(&st.header)).collect();
    let table = Table::new()
        .set_name(format!("Input_{}", t.name.replace(' ', "_")))
        .set_style(TableStyle::Medium2)
        .set_columns(&columns);
    ws.add_table(0, 0, last_row, last_col, &table)?;
    // Each column carries its number format, and cells written without a format take it:
    // looking a format up per cell costs a hash each, a third of the writing time.
    for (c, col) in t.columns.iter().enumerate() {
        if !key_value && matches!(col.kind, Kind::Money | Kind::Percent | Kind::Integer | Kind::Number | Kind::Date) {
            ws.set_column_format(col16(c), format_of(col.kind, st))?;
        }
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r32 = u32::try_from(r + 1).unwrap_or(u32::MAX);
        // Key/value sheets format each value by its key's kind.
        let row_kind = if key_value { value_kind(t.name, row.first()) } else { None };
        for (c, cell) in row.iter().enumerate() {
            let kind = row_kind.filter(|_| c == 1).unwrap_or(t.columns[c].kind);
            let f = format_of(kind, st);
            let c16 = col16(c);
            let shown = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    ws.write_string(r32, c16, s)?;
                    s.chars().count()
                }
                Cell::Number(n) => {
                    if key_value {
                        ws.write_number_with_format(r32, c16, *n, f)?;
                    } else {
                        ws.write_number(r32, c16, *n)?;
                    }
                    match kind {
                        Kind::Money => 12,
                        _ => 8,
                    }
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r32, c16, *b)?;
                    5
                }
                Cell::Date(d) => {
                    if key_value {
                        ws.write_number_with_format(r32, c16, l::serial(*d), &st.date)?;
                    } else {
                        ws.write_number(r32, c16, l::serial(*d))?;
                    }
                    10
                }
            };
            // Widths from the first rows only: 10,000 rows would not change them much.
            if r < 2000 {
                widths[c] = widths[c].max(shown);
            }
        }
    }
    ws.set_freeze_panes(1, if t.name == l::ACCOUNTS { 2 } else { 0 })?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col16(c), (*w as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    let spare = last_row + SPARE_ROWS;
    for (c, col) in t.columns.iter().enumerate() {
        let dv = match col.kind {
            Kind::Choice { values, .. } => Some(DataValidation::new().allow_list_strings(values)?),
            Kind::Ref { sheet } => {
                let n = counts.get(sheet).copied().unwrap_or(0);
                (n > 0).then(|| {
                    let range = format!("={}!$A$2:$A${}", quote_sheet(sheet), n + 1);
                    DataValidation::new().allow_list_formula(Formula::new(range))
                })
            }
            Kind::Bool => Some(DataValidation::new().allow_list_strings(&["TRUE", "FALSE"])?),
            _ => None,
        };
        if let Some(dv) = dv {
            let dv = dv.ignore_blank(true).set_error_message(loc.t("workbook.pick"))?;
            ws.add_data_validation(1, col16(c), spare, col16(c), &dv)?;
        }
    }
    if key_value {
        ws.set_column_width(0, 30)?;
        ws.set_column_width(1, 40)?;
    }
    Ok(())
}

/// The kind of a key/value row's value.
fn value_kind(sheet: &str, key: Option<&Cell>) -> Option<Kind> {
    let Some(Cell::Text(key)) = key else { return None };
    let keys = if sheet == l::SELLER { l::SELLER_KEYS } else { l::SETTINGS_KEYS };
    keys.iter()
        .find(|(k, _)| k == key)
        .map(|(_, kind)| *kind)
        .or_else(|| (key.starts_with(l::GROWTH_WEIGHT) || key.starts_with(l::HARMONY_WEIGHT)).then_some(Kind::Percent))
}

fn col16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
