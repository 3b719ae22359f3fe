//! A chart's embedded workbook: one sheet, named as the chart's references expect.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};

use super::Style;

/// Column letter of a 0-based index (A, B, … Z, AA).
pub(super) fn col(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s
}

/// `Sheet1!$B$2:$B$9`.
pub(super) fn range(c: usize, first: usize, last: usize) -> String {
    format!("Sheet1!${0}${1}:${0}${2}", col(c), first + 1, last + 1)
}

/// The chart's workbook: one sheet, named as the chart's references expect.
pub(super) struct Sheet {
    wb: Workbook,
}

impl Sheet {
    pub(super) fn new(style: &Style<'_>) -> Result<Self, XlsxError> {
        let mut wb = Workbook::new();
        let (y, m, d) = style.date;
        let created = ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(2000), m, d)?;
        wb.set_properties(&DocProperties::new().set_author("kamdeck").set_creation_datetime(&created));
        wb.add_worksheet().set_name("Sheet1")?;
        Ok(Self { wb })
    }

    pub(super) fn ws(&mut self) -> &mut rust_xlsxwriter::Worksheet {
        self.wb.worksheet_from_index(0).unwrap_or_else(|_| unreachable!("the sheet was added"))
    }

    pub(super) fn str(&mut self, row: usize, c: usize, s: &str) -> Result<(), XlsxError> {
        self.ws().write_string(row as u32, c as u16, s)?;
        Ok(())
    }

    pub(super) fn num(&mut self, row: usize, c: usize, v: Option<f64>) -> Result<(), XlsxError> {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            self.ws().write_number(row as u32, c as u16, v)?;
        }
        Ok(())
    }

    pub(super) fn formula(&mut self, row: usize, c: usize, f: String, cached: f64) -> Result<(), XlsxError> {
        self.ws().write_formula(row as u32, c as u16, Formula::new(f).set_result(cached.to_string()))?;
        Ok(())
    }

    pub(super) fn format(&mut self, c: usize, num: &str) -> Result<(), XlsxError> {
        let f = Format::new().set_num_format(num);
        self.ws().set_column_format(c as u16, &f)?;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.ws().set_column_width(0, 28)?;
        self.wb.save_to_buffer()
    }
}
