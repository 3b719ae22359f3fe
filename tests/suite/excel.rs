//! Excel as input through the real executable: every bad-input case of the YAML side has a
//! twin here whose message names the workbook, sheet and cell; `convert` and `init`.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::support::{example, kamdeck, stderr};

fn scratch(name: &str) -> std::path::PathBuf {
    crate::support::scratch(&format!("excel-{name}"))
}

/// A sheet as rows of cells: numbers and TRUE/FALSE become such cells, `''x` forces text,
/// `""` leaves the cell empty.
type Sheet<'a> = (&'a str, Vec<Vec<&'a str>>);

fn write_book(path: &Path, sheets: &[Sheet<'_>]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                if cell.is_empty() {
                    continue;
                } else if let Some(text) = cell.strip_prefix("''") {
                    ws.write_string(r, c, text).unwrap();
                } else if let Ok(n) = cell.parse::<f64>() {
                    ws.write_number(r, c, n).unwrap();
                } else if *cell == "TRUE" || *cell == "FALSE" {
                    ws.write_boolean(r, c, *cell == "TRUE").unwrap();
                } else {
                    ws.write_string(r, c, *cell).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn seller<'a>() -> Sheet<'a> {
    ("Seller", vec![vec!["key", "value"], vec!["name", "S"], vec!["fiscal_years", "FY1, FY2"]])
}

fn team<'a>() -> Sheet<'a> {
    ("Team", vec![vec!["id", "name"], vec!["jlee", "Jordan"]])
}

/// Bad workbook: exit code 2, every expected text in the message, no output written.
fn rejects(name: &str, sheets: &[Sheet<'_>], expected: &[&str]) {
    let dir = scratch(name);
    let input = dir.join("p.xlsx");
    write_book(&input, sheets);
    let out = dir.join("out");
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(!out.join("review.pdf").exists() && !out.join("review.xlsx").exists(), "no output on bad input");
}

#[test]
fn a_wrong_value_names_its_cell() {
    rejects(
        "churn",
        &[
            seller(),
            ("Accounts", vec![vec!["id", "name", "revenue FY2", "churn_risk"], vec!["a", "A", "10", "high-ish"]]),
        ],
        &["p.xlsx: Accounts!D2: \"high-ish\" is not a churn risk (low, medium, high)"],
    );
    rejects(
        "type",
        &[seller(), ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "lots"]])],
        &["p.xlsx: Accounts!C2: \"lots\" is not a number"],
    );
    rejects(
        "date",
        &[seller(), ("Accounts", vec![vec!["id", "name", "revenue FY1", "renewal_date"], vec!["a", "A", "1", "soon"]])],
        &["Accounts!D2: \"soon\" is not a date"],
    );
}

#[test]
fn unknown_key_with_suggestion() {
    rejects(
        "unknown_key",
        &[
            seller(),
            ("Settings", vec![vec!["key", "value"], vec!["engagment_threshold", "0.3"]]),
            ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "1"]]),
        ],
        &["p.xlsx: Settings!A2", "unknown key `engagment_threshold`", "did you mean `engagement_threshold`"],
    );
}

#[test]
fn several_problems_in_one_run() {
    rejects(
        "many",
        &[
            seller(),
            team(),
            (
                "Accounts",
                vec![
                    vec!["id", "name", "owner", "revenue FY1", "revenue FY3", "margin"],
                    vec!["a", "A", "jle", "", "5", "1.5"],
                    vec!["a", "B", "", "-3", "", ""],
                ],
            ),
        ],
        &[
            "Accounts!C2: accounts[0].owner: `jle` is not a team member id",
            "did you mean `jlee`",
            "Accounts!E2: accounts[0].revenue.FY3: `FY3` is not in fiscal_years",
            "Accounts!F2: accounts[0].margin",
            "Accounts!A3: accounts[1].id: duplicate id `a`",
            "Accounts!D3: accounts[1].revenue.FY1: -3 is negative",
            "5 problems",
        ],
    );
}

#[test]
fn missing_sheets_columns_and_values() {
    rejects(
        "no_seller",
        &[("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "1"]])],
        &["p.xlsx: Seller: the workbook has no sheet `Seller`"],
    );
    rejects(
        "no_column",
        &[seller(), ("Accounts", vec![vec!["id", "nme", "revenue FY1"], vec!["a", "A", "1"]])],
        &["p.xlsx: Accounts!A1: no column `name`", "`nme`"],
    );
    rejects(
        "empty_name",
        &[seller(), ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "", "1"]])],
        &["p.xlsx: Accounts!B2: `name` is empty"],
    );
    rejects(
        "misspelt_sheet",
        &[seller(), ("Acounts", vec![vec!["id"]])],
        &["sheet `Acounts` is not read: did you mean `Accounts`?"],
    );
}

#[test]
fn reporting_cycles_and_weights() {
    rejects(
        "cycle",
        &[
            seller(),
            ("Settings", vec![vec!["key", "value"], vec!["scoring.growth.a", "0.5"], vec!["scoring.growth.b", "0.4"]]),
            ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "1"]]),
            (
                "Stakeholders",
                vec![
                    vec!["account", "id", "name", "title", "reports_to"],
                    vec!["a", "x", "X", "T", "y"],
                    vec!["a", "y", "Y", "T", "x"],
                ],
            ),
            ("Milestones", vec![vec!["account", "name", "start", "end"], vec!["a", "M", "2026-05-01", "2026-04-01"]]),
        ],
        &[
            "p.xlsx: Settings!B2: settings.scoring.growth: the weights sum to 0.9",
            "Stakeholders!E2: accounts[0].stakeholders[0].reports_to",
            "cycle",
            "Milestones!D2: accounts[0].milestones[0].end: ends 2026-04-01 before it starts",
        ],
    );
}

#[test]
fn dangling_references_and_scores() {
    rejects(
        "dangling",
        &[
            seller(),
            ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "1"]]),
            (
                "Stakeholders",
                vec![vec!["account", "id", "name", "title", "reports_to"], vec!["a", "cio", "C", "CIO", "ceo"]],
            ),
        ],
        &["Stakeholders!E2: accounts[0].stakeholders[0].reports_to: `ceo` is not a stakeholder id"],
    );
    rejects(
        "unknown_account",
        &[
            seller(),
            ("Accounts", vec![vec!["id", "name", "revenue FY1"], vec!["a", "A", "1"]]),
            ("Influences", vec![vec!["account", "from", "to"], vec!["zz", "cio", "cio"]]),
        ],
        &["Influences!A2: `zz` is not an account id on sheet Accounts"],
    );
    rejects(
        "scores",
        &[
            seller(),
            ("Settings", vec![vec!["key", "value"], vec!["scoring.scale", "5"]]),
            (
                "Accounts",
                vec![
                    vec![
                        "id",
                        "name",
                        "revenue FY1",
                        "growth revenue_growth",
                        "growth share_of_wallet",
                        "growth upsell_potential",
                        "harmony strategic_fit",
                        "harmony culture",
                        "harmony vision",
                        "harmony strategy",
                    ],
                    vec!["a", "A", "1", "7", "2", "3", "3", "3", "3", "3"],
                ],
            ),
        ],
        &["Accounts!D2: accounts[0].scores.growth.revenue_growth: 7 is outside the score scale 1..5"],
    );
}

#[test]
fn not_a_workbook() {
    let dir = scratch("text");
    let path = dir.join("p.xlsx");
    std::fs::write(&path, "seller: { name: S }\n").unwrap();
    let o = kamdeck(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot open it as an Excel workbook"), "{}", stderr(&o));
    let o = kamdeck(&["check", "/nonexistent/p.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/p.xlsx: cannot read"), "{}", stderr(&o));
}

#[test]
fn numbers_as_text_dates_as_text_and_columns_of_ones_own_are_read() {
    let dir = scratch("lenient");
    let input = dir.join("p.xlsx");
    write_book(
        &input,
        &[
            seller(),
            ("Notes", vec![vec!["anything"]]),
            (
                "Accounts",
                vec![
                    vec!["id", "name", "revenue FY1", "revenue FY2", "renewal_date", "margin", "_my own column"],
                    vec!["a", "A", "''1,200,000", "''1500000", "2027-03-31", "''32%", "ignored"],
                ],
            ),
        ],
    );
    let o = kamdeck(&["check", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Without its `_`, a column kamdeck does not know would lose its data without a word.
    let unmarked = dir.join("unmarked.xlsx");
    write_book(
        &unmarked,
        &[seller(), ("Accounts", vec![vec!["id", "name", "revenue FY1", "my own column"], vec!["a", "A", "1", "x"]])],
    );
    let o = kamdeck(&["check", unmarked.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("unmarked.xlsx: Accounts!D1: column `my own column` is not one kamdeck reads on sheet Accounts"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("`_my own column`"), "{}", stderr(&o));
    let yaml = dir.join("p.yaml");
    let o = kamdeck(&["convert", input.to_str().unwrap(), yaml.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.contains("revenue: { FY1: 1200000, FY2: 1500000 }"), "{text}");
    assert!(text.contains("margin: 0.32") && text.contains("renewal_date: 2027-03-31"), "{text}");
}

#[test]
fn convert_both_ways_and_init() {
    let dir = scratch("convert");
    let xlsx = dir.join("portfolio.xlsx");
    let yaml = dir.join("back.yaml");
    let src = example("northbridge.yaml");
    let o = kamdeck(&["convert", src.to_str().unwrap(), xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kamdeck(&["convert", xlsx.to_str().unwrap(), yaml.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Both describe the same portfolio.
    let a = kamdeck::input::load(&src).unwrap();
    let b = kamdeck::input::load(&yaml).unwrap();
    assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
    // Another process writes the same bytes (fixed document properties, no hash order).
    let again = dir.join("again.xlsx");
    let o = kamdeck(&["convert", src.to_str().unwrap(), again.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(std::fs::read(&again).unwrap() == std::fs::read(&xlsx).unwrap(), "workbooks differ between runs");
    let o = kamdeck(&["convert", src.to_str().unwrap(), dir.join("x.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("name a .yaml, .yml or .xlsx file"));

    let start = dir.join("start");
    let o = kamdeck(&["init", start.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["portfolio.yaml", "portfolio.xlsx"] {
        let o = kamdeck(&["check", start.join(f).to_str().unwrap()]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
    }
    let o = kamdeck(&["init", start.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "init does not overwrite");
    assert!(stderr(&o).contains("--force"));
    // A starter goes into a folder of its own.
    let busy = dir.join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notes.txt"), "mine").unwrap();
    let o = kamdeck(&["init", busy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not empty (it holds notes.txt)"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&busy).unwrap().count(), 1, "nothing written beside the user's file");
    let o = kamdeck(&["init", busy.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Peak resident memory of a finished child process, from `/usr/bin/time -v` when present.
fn peak_kb(args: &[&str]) -> Option<(std::process::Output, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let o = std::process::Command::new(time).arg("-v").arg(env!("CARGO_BIN_EXE_kamdeck")).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let kb = err.lines().find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))?.parse().ok()?;
    Some((o, kb))
}

#[test]
fn stray_cells_far_away_cost_nothing() {
    // One value at the last cell of the sheet and one at the bottom of column A: the reader
    // keeps rows that hold a value and the columns under the header, nothing in between.
    let dir = scratch("stray");
    let input = dir.join("p.xlsx");
    let mut book = Workbook::new();
    for (name, rows) in [seller(), ("Accounts", vec![vec!["id", "name", "revenue FY2"], vec!["a", "A", "10"]])] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *v).unwrap();
            }
        }
        if name == "Accounts" {
            ws.write_string(1_048_575, 16_383, "stray").unwrap();
            ws.write_string(1_048_575, 0, "b").unwrap();
            ws.write_string(1_048_575, 1, "B").unwrap();
        }
    }
    book.save(&input).unwrap();
    let args = ["check", input.to_str().unwrap()];
    let clock = std::time::Instant::now();
    let (o, kb) = peak_kb(&args).unwrap_or_else(|| (kamdeck(&args), 0));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("ok: 2 accounts"), "the far row is read");
    assert!(clock.elapsed().as_secs() < 10, "took {:?}", clock.elapsed());
    assert!(kb < 200_000, "peak memory {kb} kB");
}

#[test]
fn a_header_row_across_the_whole_sheet_is_refused_with_its_place() {
    let dir = scratch("wide");
    let input = dir.join("p.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Seller").unwrap();
    ws.write_string(0, 0, "key").unwrap();
    ws.write_string(0, 1, "value").unwrap();
    ws.write_string(1, 0, "name").unwrap();
    ws.write_string(1, 1, "S").unwrap();
    ws.write_string(0, 16_383, "stray").unwrap();
    book.save(&input).unwrap();
    let o = kamdeck(&["check", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("sheet `Seller`: its header row runs to Seller!XFD1; kamdeck reads at most 1024 columns"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn headers_and_cells_that_would_lose_data_are_named() {
    let accounts = (
        "Accounts",
        vec![
            vec!["id", "name", "revenue FY2", "revnue FY1", "industy", "name", "my own column", "2024"],
            vec!["a", "A", "10", "5", "Care", "B", "kept", "7"],
        ],
    );
    rejects(
        "lossy-headers",
        &[seller(), accounts],
        &[
            "p.xlsx: Accounts!D1: column `revnue FY1` is not read: did you mean `revenue FY1`?",
            "p.xlsx: Accounts!E1: column `industy` is not read: did you mean `industry`?",
            "p.xlsx: Accounts!F1: column `name` is named twice (also B1): rename or delete one",
            "p.xlsx: Accounts!H1: column header 2024 is a number: write the column's name, e.g. `revenue FY2024`",
        ],
    );
}

#[test]
fn error_values_are_problems_at_their_cell() {
    let dir = scratch("errors");
    let input = dir.join("p.xlsx");
    let mut book = Workbook::new();
    for (name, rows) in [seller(), ("Accounts", vec![vec!["id", "name", "revenue FY2"], vec!["a", "", "10"]])] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                ws.write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *v).unwrap();
            }
        }
        if name == "Accounts" {
            // A lookup that found nothing: Excel caches #N/A.
            ws.write_formula(1, 1, rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A")).unwrap();
        }
    }
    book.save(&input).unwrap();
    let o = kamdeck(&["check", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("p.xlsx: Accounts!B2: the cell holds the error #N/A"), "{}", stderr(&o));
}
