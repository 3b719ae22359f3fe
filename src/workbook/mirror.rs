//! A mirror sheet under construction: a heading, one or more Excel tables stacked
//! vertically, and native charts to their right.
//!
//! A slide kind's mirror writer only says what goes in the cells; this module places the
//! tables, names them, formats their columns and sizes them.

use rust_xlsxwriter::{Chart, ChartRange, Format, Formula, Table, TableStyle, Worksheet, XlsxError};

use super::{InputRefs, Styles};
use crate::input::excel::layout::{Kind, a1, col_name};

/// How a column's numbers are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellFmt {
    /// Text or a plain value.
    Text,
    /// Money in the portfolio's currency.
    Money,
    /// A fraction as a percentage.
    Percent,
    /// A whole number.
    Integer,
    /// A number with two decimals.
    Decimal,
    /// A date (an Excel serial).
    Date,
}

/// A column of a mirror table.
#[derive(Debug, Clone)]
pub(crate) struct Col {
    /// Header (from the message catalogue).
    pub header: String,
    /// Number format.
    pub fmt: CellFmt,
}

impl Col {
    /// A column with header `header`.
    pub(crate) fn new(header: impl Into<String>, fmt: CellFmt) -> Self {
        Self { header: header.into(), fmt }
    }
}

/// One cell of a mirror table.
#[derive(Debug, Clone)]
pub(crate) enum V {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Num(f64),
    /// A formula (without `=`) and its cached numeric result.
    F(String, f64),
    /// A formula whose result is text, and that text.
    FText(String, String),
    /// A link to another sheet of the workbook, with its text.
    Link(String, String),
    /// A cell with its own number format (key/value tables mix kinds in one column).
    As(CellFmt, Box<V>),
}

impl V {
    /// Text, or empty.
    pub(crate) fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    /// A number, or empty for `None`.
    pub(crate) fn num(v: Option<f64>) -> Self {
        v.map_or(Self::Empty, Self::Num)
    }
}

/// Where a finished table is: 0-based rows of its first and last data row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    /// First data row.
    pub first: u32,
    /// Last data row.
    pub last: u32,
    /// Number of rows written (0 when the table is empty; it still has one blank row).
    pub len: usize,
}

struct Open {
    header_row: u32,
    cols: Vec<Col>,
    rows: usize,
}

/// A mirror sheet being written.
pub(crate) struct Mirror<'w> {
    ws: &'w mut Worksheet,
    name: String,
    st: &'w Styles,
    /// Where the input sheets put things.
    pub refs: &'w InputRefs,
    /// Every mirror sheet of the workbook: name and slide kind (for the agenda's links).
    pub sheets: &'w [(String, &'static str)],
    row: u32,
    widths: Vec<usize>,
    open: Option<Open>,
    tables: usize,
    charts: u32,
    /// The number format each column was given (see `begin`).
    col_fmts: Vec<Option<CellFmt>>,
    /// The sheet streams its rows (a large review): its tables stay plain ranges under their
    /// formatted header, since an Excel table added after its rows would name its columns
    /// `Column1`… (the header row is no longer held) and no longer match the header cells.
    pub streamed: bool,
}

/// Rows a chart takes, and the gap between stacked charts.
const CHART_ROWS: u32 = 20;

impl<'w> Mirror<'w> {
    pub(crate) fn new(
        ws: &'w mut Worksheet,
        name: &str,
        st: &'w Styles,
        refs: &'w InputRefs,
        sheets: &'w [(String, &'static str)],
    ) -> Self {
        Self {
            ws,
            name: name.to_owned(),
            st,
            refs,
            sheets,
            row: 0,
            widths: Vec::new(),
            open: None,
            tables: 0,
            charts: 0,
            col_fmts: Vec::new(),
            streamed: false,
        }
    }

    /// The slide's kicker and title in the first rows, and a note under them.
    pub(crate) fn heading(&mut self, kicker: &str, title: &str, note: &str) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(0, 0, kicker, &self.st.bold)?;
        self.ws.write_string_with_format(1, 0, title, &self.st.title)?;
        if !note.is_empty() {
            self.ws.write_string_with_format(2, 0, note, &self.st.note)?;
        }
        self.row = 4;
        Ok(())
    }

    /// Starts a table with a caption above it; returns the 0-based row of its first data row.
    pub(crate) fn begin(&mut self, caption: &str, cols: Vec<Col>) -> Result<u32, XlsxError> {
        if !caption.is_empty() {
            self.ws.write_string_with_format(self.row, 0, caption, &self.st.bold)?;
            self.row += 1;
        }
        for (c, col) in cols.iter().enumerate() {
            self.ws.write_string_with_format(self.row, col16(c), &col.header, &self.st.header)?;
            self.width(c, col.header.chars().count().min(24));
            // The first table to use a column gives it its format; cells of that format are then
            // written without one and take the column's (a format lookup per cell is costly).
            if self.col_fmts.len() <= c {
                self.col_fmts.resize(c + 1, None);
            }
            if self.col_fmts[c].is_none() && col.fmt != CellFmt::Text {
                self.ws.set_column_format(col16(c), format_of(self.st, col.fmt))?;
                self.col_fmts[c] = Some(col.fmt);
            }
        }
        self.open = Some(Open { header_row: self.row, cols, rows: 0 });
        self.row += 1;
        Ok(self.row)
    }

    /// The 0-based row the next `row` call writes.
    pub(crate) fn next_row(&self) -> u32 {
        self.row
    }

    /// Writes one row of the open table.
    pub(crate) fn row(&mut self, cells: Vec<V>) -> Result<(), XlsxError> {
        let r = self.row;
        let fmts: Vec<CellFmt> = self.open.as_ref().map(|o| o.cols.iter().map(|c| c.fmt).collect()).unwrap_or_default();
        for (c, v) in cells.into_iter().enumerate() {
            let (fmt, v) = match v {
                V::As(f, inner) => (f, *inner),
                v => (fmts.get(c).copied().unwrap_or(CellFmt::Text), v),
            };
            // Plain cells carry no format: looking a format up costs a hash per cell.
            let st: &Styles = self.st;
            let inherited = self.col_fmts.get(c).copied().flatten() == Some(fmt);
            let fmt = (fmt != CellFmt::Text && !inherited).then(|| format_of(st, fmt));
            let c16 = col16(c);
            let ws = &mut *self.ws;
            let shown = match v {
                V::Empty => 0,
                V::Text(s) => {
                    match fmt {
                        Some(f) => ws.write_string_with_format(r, c16, &s, f)?,
                        None => ws.write_string(r, c16, &s)?,
                    };
                    s.chars().count()
                }
                V::Num(n) => {
                    match fmt {
                        Some(f) => ws.write_number_with_format(r, c16, n, f)?,
                        None => ws.write_number(r, c16, n)?,
                    };
                    10
                }
                V::F(f, cached) => {
                    let cached = if cached.is_finite() { cached } else { 0.0 };
                    write_formula(ws, r, c16, Formula::new(f).set_result(num(cached)), fmt)?;
                    10
                }
                V::FText(f, cached) => {
                    debug_assert!(!cached.is_empty(), "an empty cached result reads back as 0: {f}");
                    let n = cached.chars().count();
                    write_formula(ws, r, c16, Formula::new(f).set_result(cached), fmt)?;
                    n
                }
                V::Link(sheet, text) => {
                    let url = format!("internal:{}!A1", super::quote_sheet(&sheet));
                    self.ws.write_url_with_format(r, c16, url.as_str(), &self.st.link)?;
                    self.ws.write_string_with_format(r, c16, &text, &self.st.link)?;
                    text.chars().count()
                }
                V::As(_, _) => 0,
            };
            if r < 2000 {
                self.width(c, shown);
            }
        }
        if let Some(o) = &mut self.open {
            o.rows += 1;
        }
        self.row += 1;
        Ok(())
    }

    /// Closes the open table: makes it an Excel table; returns where its rows are.
    pub(crate) fn end(&mut self) -> Result<At, XlsxError> {
        let Some(o) = self.open.take() else { return Ok(At { first: self.row, last: self.row, len: 0 }) };
        if o.rows == 0 {
            // An Excel table needs a data row.
            self.row += 1;
        }
        let first = o.header_row + 1;
        let last = self.row - 1;
        self.tables += 1;
        let ascii: String = self.name.chars().filter(char::is_ascii_alphanumeric).collect();
        if !self.streamed {
            let table = Table::new().set_name(format!("Mirror_{ascii}_{}", self.tables)).set_style(TableStyle::Light9);
            self.ws.add_table(o.header_row, 0, last, col16(o.cols.len().saturating_sub(1)), &table)?;
        }
        if self.tables == 1 {
            self.ws.set_freeze_panes(o.header_row + 1, 0)?;
        }
        self.row += 1;
        Ok(At { first, last, len: o.rows })
    }

    /// A one-table mirror: `begin`, the rows, `end`.
    pub(crate) fn table(&mut self, caption: &str, cols: Vec<Col>, rows: Vec<Vec<V>>) -> Result<At, XlsxError> {
        self.begin(caption, cols)?;
        for r in rows {
            self.row(r)?;
        }
        self.end()
    }

    /// A key/value table (KPI lists, title sheets) under `headers`: each value with its own format.
    pub(crate) fn key_values(
        &mut self,
        caption: &str,
        headers: [String; 2],
        rows: Vec<(String, V, CellFmt)>,
    ) -> Result<At, XlsxError> {
        let rows = rows.into_iter().map(|(k, v, f)| vec![V::Text(k), V::As(f, Box::new(v))]).collect();
        let [key, value] = headers;
        self.table(caption, vec![Col::new(key, CellFmt::Text), Col::new(value, CellFmt::Text)], rows)
    }

    /// A row under a finished table: `label` in the first column and, in column `col`,
    /// `function` (`SUM`, `AVERAGE`) over that column of the table, with its cached result.
    pub(crate) fn summary(
        &mut self,
        label: String,
        function: &str,
        col: usize,
        at: At,
        cached: f64,
        fmt: CellFmt,
    ) -> Result<(), XlsxError> {
        let mut cells = vec![V::Empty; col + 1];
        cells[0] = V::Text(label);
        cells[col] = V::As(fmt, Box::new(V::F(format!("{function}({})", Self::span(col, at)), cached)));
        self.row(cells)
    }

    /// `B7`: a cell of this sheet (0-based row and column).
    pub(crate) fn at(col: usize, row: u32) -> String {
        a1(row, col16(col))
    }

    /// `$B$5:$B$30`: a column of a finished table.
    pub(crate) fn span(col: usize, at: At) -> String {
        let c = col_name(col16(col));
        format!("${c}${}:${c}${}", at.first + 1, at.last + 1)
    }

    /// The money number format (for a chart's value axis).
    pub(crate) fn money_format(&self) -> &str {
        &self.st.money_code
    }

    /// Places a native chart to the right of the tables, below the previous chart.
    pub(crate) fn chart(&mut self, chart: &mut Chart) -> Result<(), XlsxError> {
        let col = col16(self.widths.len() + 1);
        chart.set_width(720).set_height(360);
        self.ws.insert_chart(4 + self.charts * CHART_ROWS, col, chart)?;
        self.charts += 1;
        Ok(())
    }

    /// Chart data range of column `col` of a table.
    pub(crate) fn series(&self, col: usize, at: At) -> ChartRange {
        ChartRange::new_from_range(&self.name, at.first, col16(col), at.last, col16(col))
    }

    /// Sets column widths from what was written.
    pub(crate) fn finish(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(col16(c), (*w as f64 + 2.0).clamp(8.0, 50.0))?;
        }
        Ok(())
    }

    fn width(&mut self, c: usize, w: usize) {
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(w);
    }
}

impl From<Kind> for CellFmt {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Money => Self::Money,
            Kind::Percent => Self::Percent,
            Kind::Integer => Self::Integer,
            Kind::Number => Self::Decimal,
            Kind::Date => Self::Date,
            Kind::Text | Kind::Bool | Kind::Choice { .. } | Kind::Ref { .. } => Self::Text,
        }
    }
}

/// The cell format of a number format.
pub(crate) fn format_of(st: &Styles, fmt: CellFmt) -> &Format {
    match fmt {
        CellFmt::Text => &st.text,
        CellFmt::Money => &st.money,
        CellFmt::Percent => &st.percent,
        CellFmt::Integer => &st.integer,
        CellFmt::Decimal => &st.decimal,
        CellFmt::Date => &st.date,
    }
}

fn write_formula(ws: &mut Worksheet, r: u32, c: u16, f: Formula, fmt: Option<&Format>) -> Result<(), XlsxError> {
    match fmt {
        Some(x) => ws.write_formula_with_format(r, c, f, x)?,
        None => ws.write_formula(r, c, f)?,
    };
    Ok(())
}

/// A cached number as rust_xlsxwriter stores it: shortest text that reads back exactly.
fn num(v: f64) -> String {
    format!("{v}")
}

fn col16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
