//! The workbook opened by other programs: openpyxl reads the cached values kamdeck stored,
//! and LibreOffice recalculates every formula to the same numbers — and, after one revenue
//! cell is edited, to what kamdeck computes for the edited portfolio.
//!
//! Each test skips with a one-line reason when its tool is absent; `.ci/run` installs them.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

use crate::support::{example, northbridge};

fn found(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

/// Every sheet as calamine reads it: cached values.
fn sheets(path: &Path) -> HashMap<String, Vec<Vec<Data>>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (n, rows)
        })
        .collect()
}

fn is_mirror(name: &str) -> bool {
    name.len() > 3 && name.as_bytes()[..2].iter().all(u8::is_ascii_digit) && name.as_bytes()[2] == b' '
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn openpyxl_reads_the_cached_values() {
    if !found("python3", &["-c", "import openpyxl"]) {
        eprintln!("skipped: python3 with openpyxl is not installed (pip install openpyxl)");
        return;
    }
    let dir = crate::support::scratch("recalc-openpyxl");
    let book = dir.join("review.xlsx");
    std::fs::write(&book, northbridge().workbook.as_ref().unwrap()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/openpyxl_dump.py");
    let o = Command::new("python3").arg(&script).arg(&book).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dumped: HashMap<String, Vec<Vec<serde_json::Value>>> = serde_json::from_slice(&o.stdout).unwrap();
    let ours = sheets(&book);
    let mut compared = 0;
    for (name, rows) in &dumped {
        assert!(is_mirror(name), "the dump holds mirrors only: {name}");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let mine = ours[name].get(r).and_then(|x| x.get(c)).cloned().unwrap_or(Data::Empty);
                if matches!(mine, Data::DateTime(_)) {
                    // openpyxl turns dates into datetimes; their serials are compared by LibreOffice's test.
                    continue;
                }
                match (v.as_f64(), number(&mine)) {
                    (Some(a), Some(b)) => assert!(close(a, b), "{name} r{r} c{c}: openpyxl {a}, calamine {b}"),
                    _ => assert_eq!(v.as_str().unwrap_or(""), mine.to_string(), "{name} r{r} c{c}"),
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 500, "only {compared} cells compared");
    // The vital few as the Pareto slide's title counts them.
    let pareto = &dumped["05 Pareto"];
    let vital = pareto.iter().filter(|r| r.get(7).and_then(|v| v.as_str()) == Some("yes")).count();
    assert_eq!(vital, 9, "the slide says 9 accounts generate 81 % of revenue");
}

/// A LibreOffice profile that recalculates xlsx formulas on load (its default is not to).
fn profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    format!("-env:UserInstallation=file://{}", dir.join("profile").display())
}

/// Opens `book` in LibreOffice, recalculates, saves it to `out/`; returns the new file.
fn recalculate(book: &Path, dir: &Path, soffice: &str) -> PathBuf {
    let out = dir.join("out");
    let o = Command::new(soffice)
        .args([&profile(dir), "--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(book)
        .output()
        .unwrap();
    let path = out.join(book.file_name().unwrap());
    assert!(path.exists(), "LibreOffice wrote nothing: {}", String::from_utf8_lossy(&o.stderr));
    path
}

/// LibreOffice's command, a scratch folder and the example's review workbook written into it;
/// `None` (with a one-line reason) when LibreOffice is not installed.
fn with_libreoffice(name: &str) -> Option<(&'static str, PathBuf, PathBuf)> {
    with_libreoffice_book(name, northbridge().workbook.as_ref().unwrap())
}

/// The same with the workbook `bytes`.
fn with_libreoffice_book(name: &str, bytes: &[u8]) -> Option<(&'static str, PathBuf, PathBuf)> {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| found(p, &["--version"])) else {
        eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
        return None;
    };
    let dir = crate::support::scratch(&format!("recalc-{name}"));
    let book = dir.join("review.xlsx");
    std::fs::write(&book, bytes).unwrap();
    Some((soffice, dir, book))
}

/// Replaces the cached value of cell `cell` on the sheet stored as `sheet_xml`.
fn patch_cell(book: &Path, sheet_xml: &str, cell: &str, value: f64, out: &Path) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == sheet_xml {
            let xml = String::from_utf8(bytes).unwrap();
            let start = xml.find(&format!("<c r=\"{cell}\"")).expect("cell in sheet");
            let v = start + xml[start..].find("<v>").unwrap() + 3;
            let end = v + xml[v..].find("</v>").unwrap();
            bytes = format!("{}{value}{}", &xml[..v], &xml[end..]).into_bytes();
        }
        zout.start_file(name, opts).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap();
}

/// Every number and text of every mirror sheet of `book` as LibreOffice recalculates it
/// (ranks, quadrants and tiers included), against kamdeck's cached value; returns how many
/// numbers were compared.
fn compare_after_recalculation(book: &Path, dir: &Path, soffice: &str) -> usize {
    let before = sheets(book);
    let after = sheets(&recalculate(book, dir, soffice));
    let mut formulas = 0;
    for (name, rows) in before.iter().filter(|(n, _)| is_mirror(n)) {
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let there = after[name].get(r).and_then(|x| x.get(c));
                if let Data::String(text) = cell {
                    assert_eq!(there, Some(&Data::String(text.clone())), "{name} r{r} c{c}");
                    continue;
                }
                let Some(a) = number(cell) else { continue };
                let b = there.and_then(number);
                assert!(b.is_some_and(|b| close(a, b)), "{name} r{r} c{c}: kamdeck {a}, LibreOffice {b:?}");
                formulas += 1;
            }
        }
    }
    formulas
}

/// `yaml` with the first account names replaced by `names`.
fn renamed(yaml: &str, names: &[&str]) -> String {
    let mut k = 0;
    yaml.lines()
        .map(|l| match l.strip_prefix("    name: ") {
            Some(_) if k < names.len() => {
                k += 1;
                format!("    name: \"{}\"", names[k - 1])
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Generated portfolios with tied scores and odd names recalculate in LibreOffice to every
/// cached value of kamdeck's workbook.
fn agrees_on_generated(sizes: &[(usize, u64)]) {
    use kamdeck::generate::{Synthetic, portfolio_yaml};
    // Names that collate differently in Rust, Excel and LibreOffice: case, accents, symbols.
    let odd = [
        "éclair Health",
        "Éclair Health",
        "eclair health",
        "Zürich Care",
        "zurich Care",
        "_Underscore Clinic",
        "O'Neil & Sons",
    ];
    for &(accounts, scale) in sizes {
        let yaml = renamed(&portfolio_yaml(Synthetic { seed: 11, scale, ..Synthetic::new(accounts) }), &odd);
        let p = kamdeck::input::from_yaml_str(&yaml, "generated.yaml").unwrap_or_else(|e| panic!("{e}"));
        let figures = kamdeck::figures::Figures::compute(&p);
        if accounts > 5 {
            let totals: Vec<f64> = figures.scoring.rows.iter().map(|r| r.total).collect();
            assert!(totals.windows(2).any(|w| w[0] == w[1]), "{accounts} accounts: no tied totals to test");
        }
        let bytes = crate::support::engine().review_workbook(&p, &figures).unwrap();
        let Some((soffice, dir, book)) = with_libreoffice_book(&format!("generated-{accounts}"), &bytes) else {
            return;
        };
        let numbers = compare_after_recalculation(&book, &dir, soffice);
        assert!(numbers > 20 * accounts.min(25), "{accounts} accounts: only {numbers} numbers compared");
    }
}

#[test]
fn libreoffice_agrees_on_ties_odd_names_and_both_scales() {
    agrees_on_generated(&[(5, 10), (25, 5), (1_000, 10)]);
}

#[test]
fn libreoffice_agrees_at_ten_thousand_accounts() {
    // About a minute: LibreOffice recalculates some million order-independent ranks.
    agrees_on_generated(&[(10_000, 10)]);
}

#[test]
fn libreoffice_recalculates_to_the_same_figures() {
    let Some((soffice, dir, book)) = with_libreoffice("same") else { return };
    let formulas = compare_after_recalculation(&book, &dir, soffice);
    assert!(formulas > 300, "only {formulas} numbers compared");
}

#[test]
fn libreoffice_recalculates_a_german_workbook_to_the_same_figures() {
    // Words in formulas (`ja`/`nein`, tiers) and sheet names come from the German catalogue.
    let request = kamdeck::SpecRequest { lang: Some("de".into()), ..kamdeck::SpecRequest::default() };
    let engine = kamdeck::Engine::new(&request.resolve(kamdeck::DeckKind::Review).unwrap()).unwrap();
    let p = kamdeck::input::load(&example("northbridge.yaml")).unwrap();
    let figures = kamdeck::figures::Figures::compute(&p);
    let bytes = engine.review_workbook(&p, &figures).unwrap();
    let Some((soffice, dir, book)) = with_libreoffice_book("german", &bytes) else { return };
    let formulas = compare_after_recalculation(&book, &dir, soffice);
    assert!(formulas > 300, "only {formulas} numbers compared");
}

#[test]
fn an_edited_revenue_moves_the_pareto_and_abc_mirrors() {
    let Some((soffice, dir, book)) = with_libreoffice("edited") else { return };

    // The flagship account drops from first to below the vital few.
    let p = kamdeck::input::load(&example("northbridge.yaml")).unwrap();
    let i = p.accounts.iter().position(|a| a.id == "northbridge").unwrap();
    let mut edited = p.clone();
    edited.accounts[i].revenue.0.iter_mut().find(|(y, _)| y == "FY2026").unwrap().1 = 150_000.0;
    let expect = kamdeck::figures::Figures::compute(&edited);

    // Accounts is the 7th sheet (README, Seller, Settings, Plans, Offerings, Team, Accounts).
    let accounts = &sheets(&book)["Accounts"];
    let col = accounts[0].iter().position(|h| *h == "revenue FY2026").unwrap();
    let row = accounts.iter().position(|r| r[0] == "northbridge").unwrap();
    let cell = format!("{}{}", char::from(b'A' + u8::try_from(col).unwrap()), row + 1);
    let patched = dir.join("edited.xlsx");
    patch_cell(&book, "xl/worksheets/sheet7.xml", &cell, 150_000.0, &patched);
    let after = sheets(&recalculate(&patched, &dir, soffice));

    let pareto = &after["05 Pareto"];
    let header = pareto.iter().position(|r| r.first().is_some_and(|c| *c == "Rank")).unwrap();
    let mut checked = 0;
    for r in &pareto[header + 1..] {
        let id = r[1].to_string();
        let Some(j) = p.accounts.iter().position(|a| a.id == id) else { continue };
        let want = expect.pareto.rows.iter().find(|x| x.account == j).unwrap();
        let cum = number(&r[6]).unwrap();
        assert!(close(cum, want.cumulative), "{id}: cumulative {cum} vs kamdeck {}", want.cumulative);
        assert_eq!(r[7] == "yes", want.vital, "{id}: vital few");
        assert_eq!(
            number(&r[0]).unwrap(),
            f64::from(u32::try_from(expect.pareto.rows.iter().position(|x| x.account == j).unwrap() + 1).unwrap()),
            "{id}: rank"
        );
        checked += 1;
    }
    assert_eq!(checked, expect.pareto.rows.len());

    let abc = &after["06 ABC"];
    let header = abc.iter().position(|r| r.first().is_some_and(|c| *c == "Id")).unwrap();
    let tier_col = abc[header].iter().position(|h| *h == "Tier FY2026").unwrap();
    let latest = expect.abc.years.last().unwrap();
    for r in abc[header + 1..].iter().take_while(|r| r[0] != Data::Empty) {
        let j = p.accounts.iter().position(|a| a.id == r[0].to_string()).unwrap();
        let want = latest.tiers[j].map_or_else(|| "–".to_owned(), |t| t.letter().to_owned());
        assert_eq!(r[tier_col].to_string(), want, "{}: tier; row {r:?}", r[0]);
    }
}
