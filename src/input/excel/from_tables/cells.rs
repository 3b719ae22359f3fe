//! One cell read as its column's kind, with the problem reported at the cell when it is not.

use super::{Reader, Row};
use crate::input::excel::layout::{self as l, Cell, Kind};
use crate::model::validate::did_you_mean;
use crate::model::{Date, Keyed};

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
    /// The value of a cell as its column's kind; reports and returns `None` when it is not one.
    pub(super) fn value(&mut self, row: &Row<'_, '_>, col: usize, kind: Kind) -> Option<Cell> {
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

    pub(super) fn text(&mut self, row: &Row<'_, '_>, header: &str) -> Option<String> {
        let col = *row.sheet.cols.get(header)?;
        let kind = row.sheet.kinds.get(header).copied().unwrap_or(Kind::Text);
        if let (Cell::Date(d), true) = (row.cell_at(col), header == "id") {
            // Excel turns ids such as `1-2` or `MAR1` into dates as they are typed; read as
            // text, the date would make every row that names the id fail, but not this one.
            let message = format!(
                "{d} is a date, not an id: Excel turned what was typed into a date; format the column as Text and type the id again"
            );
            self.problem(row.place(col), message);
            return None;
        }
        match self.value(row, col, kind) {
            Some(Cell::Text(s)) => Some(s),
            _ => None,
        }
    }

    pub(super) fn required_text(&mut self, row: &Row<'_, '_>, header: &str) -> Option<String> {
        let v = self.text(row, header);
        if v.is_none()
            && let Some(col) = row.sheet.cols.get(header).copied()
            && row.cell_at(col) == &Cell::Empty
            // An error value was read as empty and is reported at this cell already.
            && !self.problems.iter().any(|p| p.place == row.place(col))
        {
            self.problem(row.place(col), format!("`{header}` is empty: every row needs one"));
        }
        v
    }

    pub(super) fn number(&mut self, row: &Row<'_, '_>, header: &str, kind: Kind) -> Option<f64> {
        let col = *row.sheet.cols.get(header)?;
        match self.value(row, col, kind) {
            Some(Cell::Number(n)) => Some(n),
            _ => None,
        }
    }

    pub(super) fn date(&mut self, row: &Row<'_, '_>, header: &str) -> Option<Date> {
        let col = *row.sheet.cols.get(header)?;
        match self.value(row, col, Kind::Date) {
            Some(Cell::Date(d)) => Some(d),
            _ => None,
        }
    }

    pub(super) fn flag(&mut self, row: &Row<'_, '_>, header: &str) -> bool {
        let Some(col) = row.sheet.cols.get(header).copied() else { return false };
        matches!(self.value(row, col, Kind::Bool), Some(Cell::Bool(true)))
    }

    /// A value of a closed list; the cell's check has already matched it to a key.
    pub(super) fn choice<T: Keyed>(&mut self, row: &Row<'_, '_>, header: &str) -> Option<T> {
        self.text(row, header).and_then(|s| T::from_key(&s))
    }

    pub(super) fn keyed_numbers(&mut self, row: &Row<'_, '_>, prefix: &str, kind: Kind) -> Vec<(String, f64)> {
        let cols: Vec<(String, usize)> = row.sheet.keyed(prefix).map(|(_, k, c)| (k.clone(), *c)).collect();
        cols.into_iter()
            .filter_map(|(k, c)| match self.value(row, c, kind) {
                Some(Cell::Number(n)) => Some((k, n)),
                _ => None,
            })
            .collect()
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
