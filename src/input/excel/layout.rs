//! The Excel form of a portfolio (INPUT.md, "Excel"): its sheets, their columns and the
//! kinds of value each column holds.
//!
//! Both directions read this one description: the writer takes headers, number formats and
//! dropdowns from it, the reader checks and converts cells with it. Nested YAML keys become
//! `snake_case` headers (`churn_risk`); keyed maps become one column per key, named with a
//! prefix (`revenue FY2026`, `mrr premium`, `growth culture`, `offering azure`).

use crate::model::{CellStatus, Date, Keyed, Level, MilestoneStatus, OnboardingStatus, Raci, Relationship, RiskRank};

/// Sheet names, in the order the workbook lists them.
pub(crate) const SELLER: &str = "Seller";
pub(crate) const SETTINGS: &str = "Settings";
pub(crate) const PLANS: &str = "Plans";
pub(crate) const OFFERINGS: &str = "Offerings";
pub(crate) const TEAM: &str = "Team";
pub(crate) const ACCOUNTS: &str = "Accounts";
pub(crate) const MRR_HISTORY: &str = "MRR history";
pub(crate) const DIVISIONS: &str = "Divisions";
pub(crate) const STAKEHOLDERS: &str = "Stakeholders";
pub(crate) const INFLUENCES: &str = "Influences";
pub(crate) const OPPORTUNITIES: &str = "Opportunities";
pub(crate) const MILESTONES: &str = "Milestones";
pub(crate) const ACTIONS: &str = "Actions";
pub(crate) const RACI: &str = "RACI";
pub(crate) const CHARTER: &str = "Charter";

/// Every input sheet, in workbook order.
pub(crate) const SHEETS: [&str; 15] = [
    SELLER,
    SETTINGS,
    PLANS,
    OFFERINGS,
    TEAM,
    ACCOUNTS,
    MRR_HISTORY,
    DIVISIONS,
    STAKEHOLDERS,
    INFLUENCES,
    OPPORTUNITIES,
    MILESTONES,
    ACTIONS,
    RACI,
    CHARTER,
];

/// Prefixes of the keyed columns.
pub(crate) const REVENUE: &str = "revenue ";
pub(crate) const MRR: &str = "mrr ";
pub(crate) const GROWTH: &str = "growth ";
pub(crate) const HARMONY: &str = "harmony ";
pub(crate) const OFFERING: &str = "offering ";

/// Values of the closed lists (Excel offers them as a dropdown), in the model's order.
pub(crate) const RELATIONSHIPS: &[&str] = Relationship::KEYS;
pub(crate) const LEVELS: &[&str] = Level::KEYS;
pub(crate) const ONBOARDING: &[&str] = OnboardingStatus::KEYS;
pub(crate) const MILESTONE_STATUSES: &[&str] = MilestoneStatus::KEYS;
pub(crate) const RACI_LETTERS: &[&str] = Raci::KEYS;
pub(crate) const RISK_RANKS: &[&str] = RiskRank::KEYS;
/// Division statuses most advanced first, as the slides' legend lists them (the model
/// declares them in the order a cell progresses).
pub(crate) const CELL_STATUSES: &[&str] =
    &[CellStatus::Active.key(), CellStatus::Pilot.key(), CellStatus::Pitched.key(), CellStatus::Whitespace.key()];
pub(crate) const CHARTER_SECTIONS: &[&str] = &["mission", "qualification", "objective", "role", "governance"];

/// What a column holds: decides the number format, the dropdown and how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// Free text (numbers typed into it are read as their text).
    Text,
    /// An amount in the portfolio's currency.
    Money,
    /// A plain number.
    Number,
    /// A fraction shown as a percentage.
    Percent,
    /// A whole number (scores, power).
    Integer,
    /// A calendar date (an Excel date or ISO text).
    Date,
    /// TRUE / FALSE.
    Bool,
    /// One of a closed list; `what` names the list in messages.
    Choice { values: &'static [&'static str], what: &'static str },
    /// An id defined on another sheet (first column of `sheet`).
    Ref { sheet: &'static str },
}

/// One column of an input sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    /// Header in row 1.
    pub header: String,
    /// What the column holds.
    pub kind: Kind,
    /// Whether a row needs a value here.
    pub required: bool,
}

impl Column {
    fn new(header: &str, kind: Kind) -> Self {
        Self { header: header.to_owned(), kind, required: false }
    }

    fn required(header: &str, kind: Kind) -> Self {
        Self { header: header.to_owned(), kind, required: true }
    }

    /// A keyed column such as `revenue FY2026`.
    pub(crate) fn keyed(prefix: &str, key: &str, kind: Kind) -> Self {
        Self::new(&format!("{prefix}{key}"), kind)
    }
}

/// One cell's value, independent of the spreadsheet library.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing written.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date.
    Date(Date),
}

impl Cell {
    /// Text, or empty for `None`.
    pub(crate) fn text(s: Option<&str>) -> Self {
        s.map_or(Self::Empty, |s| Self::Text(s.to_owned()))
    }

    /// A number, or empty for `None`.
    pub(crate) fn number(v: Option<f64>) -> Self {
        v.map_or(Self::Empty, Self::Number)
    }

    /// A date, or empty for `None`.
    pub(crate) fn date(d: Option<Date>) -> Self {
        d.map_or(Self::Empty, Self::Date)
    }
}

/// A whole input sheet: header and rows.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Sheet name.
    pub name: &'static str,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Rows below the header, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Index of the column with this header.
    pub(crate) fn col(&self, header: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.header == header)
    }
}

/// The fixed columns of each list sheet, before any keyed columns.
pub(crate) fn fixed_columns(sheet: &str) -> Vec<Column> {
    use Kind::{Bool, Date, Integer, Money, Text};
    let account = || Column::new("account", Kind::Ref { sheet: ACCOUNTS });
    let owner = |h: &str| Column::new(h, Kind::Ref { sheet: TEAM });
    match sheet {
        SELLER | SETTINGS => vec![Column::required("key", Text), Column::new("value", Text)],
        PLANS => vec![Column::required("id", Text), Column::required("name", Text), Column::new("upsell", Bool)],
        OFFERINGS => vec![Column::required("id", Text), Column::required("name", Text)],
        TEAM => vec![
            Column::required("id", Text),
            Column::required("name", Text),
            Column::new("role", Text),
            Column::new("email", Text),
        ],
        ACCOUNTS => vec![
            Column::required("id", Text),
            Column::required("name", Text),
            Column::new("industry", Text),
            Column::new("region", Text),
            owner("owner"),
        ],
        MRR_HISTORY => {
            vec![Column::required("account", Kind::Ref { sheet: ACCOUNTS }), Column::required("period", Text)]
        }
        DIVISIONS => vec![Column::required("account", Kind::Ref { sheet: ACCOUNTS }), Column::required("name", Text)],
        STAKEHOLDERS => vec![
            Column::required("account", Kind::Ref { sheet: ACCOUNTS }),
            Column::required("id", Text),
            Column::required("name", Text),
            Column::required("title", Text),
            Column::new("reports_to", Text),
            Column::new("organization", Text),
            Column::new("external", Bool),
            Column::new("power", Integer),
            Column::new("relationship", Kind::Choice { values: RELATIONSHIPS, what: "relationship" }),
            Column::new("key_contact", Bool),
        ],
        INFLUENCES => vec![
            Column::required("account", Kind::Ref { sheet: ACCOUNTS }),
            Column::required("from", Text),
            Column::required("to", Text),
            Column::new("kind", Kind::Choice { values: RELATIONSHIPS, what: "relationship" }),
            Column::new("note", Text),
        ],
        OPPORTUNITIES => vec![
            Column::required("account", Kind::Ref { sheet: ACCOUNTS }),
            Column::new("offering", Kind::Ref { sheet: OFFERINGS }),
            Column::required("name", Text),
            Column::new("value", Money),
            Column::new("stage", Text),
            Column::new("close", Date),
        ],
        MILESTONES => vec![
            account(),
            Column::required("name", Text),
            Column::required("start", Date),
            Column::required("end", Date),
            owner("owner"),
            Column::new("status", Kind::Choice { values: MILESTONE_STATUSES, what: "milestone status" }),
        ],
        ACTIONS => vec![
            Column::required("account", Kind::Ref { sheet: ACCOUNTS }),
            Column::required("action", Text),
            owner("owner"),
            Column::new("due", Date),
            Column::new("status", Text),
        ],
        RACI => vec![
            Column::required("activity", Text),
            account(),
            Column::required("member", Kind::Ref { sheet: TEAM }),
            Column::required("role", Kind::Choice { values: RACI_LETTERS, what: "RACI letter" }),
        ],
        CHARTER => vec![
            Column::required("section", Kind::Choice { values: CHARTER_SECTIONS, what: "charter section" }),
            Column::required("text", Text),
            Column::new("detail", Text),
            Column::new("target", Text),
        ],
        _ => Vec::new(),
    }
}

/// The Accounts columns after the keyed revenue and MRR columns.
pub(crate) fn account_detail_columns() -> Vec<Column> {
    use Kind::{Date, Number, Percent};
    vec![
        Column::new("margin", Percent),
        Column::new("onboarding_status", Kind::Choice { values: ONBOARDING, what: "onboarding status" }),
        Column::new("satisfaction", Number),
        Column::new("engagement", Percent),
        Column::new("churn_risk", Kind::Choice { values: LEVELS, what: "churn risk" }),
        Column::new("flagged_on", Date),
        Column::new("churn_probability", Percent),
        Column::new("renewal_date", Date),
    ]
}

/// Keys of the `Seller` sheet and the kind of each value.
pub(crate) const SELLER_KEYS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("division", Kind::Text),
    ("currency", Kind::Text),
    ("period", Kind::Text),
    ("report_date", Kind::Date),
    ("fiscal_years", Kind::Text),
    ("prepared_by", Kind::Text),
    ("confidentiality", Kind::Text),
    ("deck.lang", Kind::Text),
    ("deck.theme", Kind::Text),
    ("deck.title", Kind::Text),
    ("deck.slides", Kind::Text),
    ("deck.plan_slides", Kind::Text),
    ("deck.confidentiality", Kind::Text),
    ("deck.pptx", Kind::Bool),
];

/// Fixed keys of the `Settings` sheet; factor weights follow as `scoring.growth.<factor>`
/// and `scoring.harmony.<factor>`.
pub(crate) const SETTINGS_KEYS: &[(&str, Kind)] = &[
    ("pareto_cut", Kind::Percent),
    ("abc.a", Kind::Percent),
    ("abc.b", Kind::Percent),
    ("engagement_threshold", Kind::Percent),
    ("satisfaction_target", Kind::Number),
    ("scoring.scale", Kind::Integer),
    ("scoring.growth_weight", Kind::Percent),
    ("profit_matrix.revenue_split", Kind::Text),
    ("profit_matrix.margin_split", Kind::Text),
    ("risk_rank", Kind::Choice { values: RISK_RANKS, what: "risk ranking" }),
    ("appendix_rows", Kind::Integer),
];

/// Prefixes of the factor-weight keys in `Settings`.
pub(crate) const GROWTH_WEIGHT: &str = "scoring.growth.";
pub(crate) const HARMONY_WEIGHT: &str = "scoring.harmony.";

/// A1 name of a cell (0-based row and column).
pub(crate) fn a1(row: u32, col: u16) -> String {
    // Called for most formula cells of a large workbook: one allocation, no formatting machinery.
    let mut s = col_name(col);
    let mut digits = [0u8; 10];
    let mut n = row + 1;
    let mut i = digits.len();
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
    }
    s.extend(digits[i..].iter().map(|d| char::from(*d)));
    s
}

/// Column letters only (`A`, `AB`).
pub(crate) fn col_name(col: u16) -> String {
    let mut letters = [0u8; 3];
    let mut i = letters.len();
    let mut c = u32::from(col) + 1;
    while c > 0 {
        i -= 1;
        letters[i] = b'A' + u8::try_from((c - 1) % 26).unwrap_or(0);
        c = (c - 1) / 26;
    }
    let mut s = String::with_capacity(12);
    s.extend(letters[i..].iter().map(|d| char::from(*d)));
    s
}

/// Days between Excel's epoch (1899-12-30, after its 1900 leap-year bug) and 1970-01-01.
const EXCEL_EPOCH_OFFSET: i64 = 25_569;

/// Excel's serial number of a date.
pub(crate) fn serial(d: Date) -> f64 {
    (d.days_since_epoch() + EXCEL_EPOCH_OFFSET) as f64
}

/// The date of an Excel serial number (its fraction, a time of day, is dropped).
pub(crate) fn from_serial(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - EXCEL_EPOCH_OFFSET;
    Some(Date::from_days_since_epoch(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 3), "D7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
        assert_eq!(col_name(27), "AB");
    }

    #[test]
    fn the_division_dropdown_lists_every_status_once() {
        let mut listed = CELL_STATUSES.to_vec();
        let mut keys = CellStatus::KEYS.to_vec();
        listed.sort_unstable();
        keys.sort_unstable();
        assert_eq!(listed, keys);
    }

    #[test]
    fn excel_serials() {
        let d = Date::new(2026, 11, 15).unwrap();
        assert!((serial(d) - 46_341.0).abs() < f64::EPSILON);
        assert_eq!(from_serial(46_341.75), Some(d));
        assert_eq!(from_serial(serial(Date::new(1900, 3, 1).unwrap())), Date::new(1900, 3, 1));
        assert_eq!(from_serial(-3.0), None);
    }
}
