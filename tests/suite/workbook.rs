//! The workbook: round trips through Excel and YAML, mirrors whose cached values are the
//! slides' figures, byte-identical output, and Excel input errors with cell places.

use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx};
use kamdeck::deck::Cores;
use kamdeck::generate::{Synthetic, portfolio_yaml};
use kamdeck::input::{from_xlsx_bytes, from_yaml_str, to_yaml};
use kamdeck::model::Portfolio;

use crate::support::{all_text, engine, example, northbridge};

fn locale() -> kamdeck::i18n::Locale {
    kamdeck::i18n::Locale::load(&kamdeck::assets::Assets::builtin(), "en").unwrap()
}

fn yaml_file(name: &str) -> Portfolio {
    let text = std::fs::read_to_string(example(name)).unwrap();
    from_yaml_str(&text, name).unwrap_or_else(|e| panic!("{e}"))
}

fn to_xlsx(p: &Portfolio) -> Vec<u8> {
    kamdeck::workbook::portfolio_workbook(p, &locale()).unwrap()
}

/// Portfolios compare by their serialised form (every field, in order).
fn same(a: &Portfolio, b: &Portfolio) -> bool {
    serde_json::to_value(a).unwrap() == serde_json::to_value(b).unwrap()
}

fn assert_round_trips(p: &Portfolio, what: &str) {
    let xlsx = to_xlsx(p);
    let back = from_xlsx_bytes(xlsx.clone(), what).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(same(p, &back), "{what}: YAML → workbook → portfolio differs:\n{}\n---\n{}", to_yaml(p), to_yaml(&back));
    let yaml = to_yaml(p);
    let again = from_yaml_str(&yaml, what).unwrap_or_else(|e| panic!("{what}: {e}\n{yaml}"));
    assert!(same(p, &again), "{what}: portfolio → YAML → portfolio differs");
    // Workbook → YAML → workbook: the same bytes.
    assert_eq!(to_xlsx(&from_yaml_str(&to_yaml(&back), what).unwrap()), xlsx, "{what}: workbook → YAML → workbook");
}

#[test]
fn examples_round_trip() {
    assert_round_trips(&yaml_file("northbridge.yaml"), "northbridge");
    assert_round_trips(&yaml_file("minimal.yaml"), "minimal");
}

#[test]
fn generated_portfolios_round_trip() {
    for seed in 1..=12 {
        let accounts = [1, 2, 3, 7, 19, 40][usize::try_from(seed % 6).unwrap()];
        let yaml = portfolio_yaml(Synthetic { seed, stakeholders: seed % 2 == 0, ..Synthetic::new(accounts) });
        let p = from_yaml_str(&yaml, "generated").unwrap();
        assert_round_trips(&p, &format!("generated seed {seed}, {accounts} accounts"));
    }
}

#[test]
fn odd_text_survives_the_round_trip() {
    let yaml = concat!(
        "seller: { name: \"R&D #1 [test] *bold* $x$ 'q' \\\"dq\\\" \\\\ ~ <a>\" }\n",
        "fiscal_years: [\"2025\", FY2026]\n",
        "accounts:\n",
        "  - { id: a, name: \"no\", revenue: { \"2025\": 1.5, FY2026: 1e-3 }, industry: \"  spaced  \" }\n",
        "  - { id: b, name: \"Ünïcödé — 東京\", revenue: { FY2026: 123456789.125 }, margin: -0.25 }\n",
    );
    assert_round_trips(&from_yaml_str(yaml, "odd").unwrap(), "odd text");
}

/// The example's review workbook, rendered once.
fn review_book() -> &'static Vec<u8> {
    northbridge().workbook.as_ref().expect("the review writes a workbook")
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

/// Rows of a sheet as calamine reads them (cached values of formulas).
fn rows(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let range = open(bytes).worksheet_range(sheet).unwrap_or_else(|e| panic!("{sheet}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The table under a header row whose first cell is `first`: (header, rows).
fn table(rows: &[Vec<Data>], first: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let at = rows.iter().position(|r| r.first().is_some_and(|c| *c == first)).expect(first);
    let header: Vec<String> = rows[at].iter().map(ToString::to_string).collect();
    let body = rows[at + 1..].iter().take_while(|r| r.iter().any(|c| *c != Data::Empty)).cloned().collect();
    (header, body)
}

#[test]
fn one_mirror_per_slide_in_deck_order() {
    let names = open(review_book()).sheet_names();
    assert_eq!(names[0], "README");
    let inputs = [
        "Seller",
        "Settings",
        "Plans",
        "Offerings",
        "Team",
        "Accounts",
        "MRR history",
        "Divisions",
        "Stakeholders",
        "Influences",
        "Opportunities",
        "Milestones",
        "Actions",
        "RACI",
        "Charter",
    ];
    assert_eq!(&names[1..16], &inputs);
    let mirrors = &names[16..];
    assert_eq!(mirrors.len(), kamdeck::slides::REVIEW.len());
    let text = all_text(northbridge());
    for (k, m) in mirrors.iter().enumerate() {
        assert!(m.starts_with(&format!("{:02} ", k + 1)), "{m}");
        // The slide's footer names its sheet (the title slide has no footer).
        assert!(k == 0 || text.contains(&format!("Sheet {m}")), "no slide footer names {m}");
    }
}

#[test]
fn mirrors_cache_the_slides_figures() {
    let book = review_book();
    let text = all_text(northbridge());
    let f = kamdeck::figures::Figures::compute(&yaml_file("northbridge.yaml"));

    // Pareto: vital few and their cumulative share as the slide's title states them.
    let (h, body) = table(&rows(book, "05 Pareto"), "Rank");
    let (cum, vital) =
        (h.iter().position(|x| x == "Cumulative share").unwrap(), h.iter().position(|x| x == "Vital few").unwrap());
    let n = body.iter().filter(|r| r[vital] == "yes").count();
    assert_eq!(n, f.pareto.vital_few);
    let share = num(&body[n - 1][cum]);
    let pct = format!("{:.0}%", share * 100.0);
    assert!(
        text.contains(&format!("{n} accounts (")) && text.contains(&format!("generate {pct} of FY2026 revenue")),
        "{pct}"
    );
    for (r, row) in body.iter().zip(&f.pareto.rows) {
        assert!((num(&r[cum]) - row.cumulative).abs() < 1e-12);
    }

    // Scoring: totals, ranks and quadrants of every scored account.
    let (h, body) = table(&rows(book, "07 Scoring"), "Rank");
    let total = h.iter().position(|x| x == "Total").unwrap();
    let quadrant = h.iter().position(|x| x == "Quadrant").unwrap();
    assert_eq!(body.len(), f.scoring.rows.len());
    for (r, s) in body.iter().zip(&f.scoring.rows) {
        assert!((num(&r[total]) - s.total).abs() < 1e-9);
        assert!((num(&r[0]) - s.rank as f64).abs() < f64::EPSILON);
        assert!(!r[quadrant].to_string().is_empty());
    }

    // Dashboard: total MRR and accounts at risk as printed on the KPI tiles.
    let (_, kpis) = table(&rows(book, "04 Dashboard"), "Item");
    let value = |name: &str| kpis.iter().find(|r| r[0] == name).map(|r| num(&r[1])).expect(name);
    assert!((value("Total MRR") - f.dashboard.total_mrr).abs() < 1e-6);
    assert!((value("ARR") - f.dashboard.arr).abs() < 1e-6);
    assert!((value("Accounts at risk") - f.dashboard.at_risk as f64).abs() < f64::EPSILON);
    assert!((value("MRR at risk") - f.dashboard.mrr_at_risk).abs() < 1e-6);

    // Retention: GRR and NRR per year.
    let (_, years) = table(&rows(book, "10 Retention"), "Year");
    for (r, y) in years.iter().zip(&f.retention.years) {
        assert!((num(&r[2]) - y.grr.unwrap()).abs() < 1e-12);
        assert!((num(&r[3]) - y.nrr.unwrap()).abs() < 1e-12);
    }

    // Nothing unlabelled: every catalogue key used by the workbook exists.
    for sheet in open(book).sheet_names() {
        for row in rows(book, &sheet) {
            for c in row {
                assert!(!c.to_string().contains('⟦'), "{sheet}: missing catalogue key in {c}");
            }
        }
    }
}

#[test]
fn the_review_workbook_is_an_input_and_renders_the_same_deck() {
    let p = from_xlsx_bytes(review_book().clone(), "review.xlsx").unwrap_or_else(|e| panic!("{e}"));
    assert!(same(&p, &yaml_file("northbridge.yaml")));
    let again = engine().review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    assert_eq!(again.pdf, northbridge().pdf, "the deck from the workbook differs");
    assert_eq!(again.workbook.as_ref(), Some(review_book()), "the workbook is not byte-identical");
}

#[test]
fn plan_workbooks_hold_their_account() {
    let p = yaml_file("northbridge.yaml");
    let f = kamdeck::figures::Figures::compute(&p);
    let i = p.accounts.iter().position(|a| a.id == "northbridge").unwrap();
    let r = engine().plan(&p, &f, i, Cores::All).unwrap_or_else(|f| panic!("{}", f.error));
    let book = r.workbook.unwrap();
    let names = open(&book).sheet_names();
    assert!(names.iter().any(|n| n == "04 Decisions"), "{names:?}");
    // Read back, it is a portfolio of that one account.
    let one = from_xlsx_bytes(book.clone(), "northbridge.xlsx").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one.accounts.len(), 1);
    assert!(same(&one, &p.only_account(i)));
    let (h, people) = table(&rows(&book, "04 Decisions"), "Name");
    assert_eq!(people.len(), p.accounts[i].stakeholders.len());
    assert!(people.iter().any(|r| r[0] == "Dana Whitfield"), "{h:?}");
}

/// Ten thousand accounts: the workbook is written and read back whole.
#[test]
fn ten_thousand_accounts_in_the_appendix_mirror() {
    static BIG: OnceLock<Portfolio> = OnceLock::new();
    let p = BIG.get_or_init(|| {
        from_yaml_str(&portfolio_yaml(Synthetic { seed: 3, ..Synthetic::new(10_000) }), "big").unwrap()
    });
    let r = engine().review(p).unwrap_or_else(|f| panic!("{}", f.error));
    let book = r.workbook.unwrap();
    let names = open(&book).sheet_names();
    let appendix = names.iter().find(|n| n.ends_with("Appendix")).unwrap();
    let (_, body) = table(&rows(&book, appendix), "Id");
    assert_eq!(body.len(), 10_000, "every account is in the workbook");
}

#[test]
fn the_generator_portfolio_workbook_is_deterministic() {
    let p =
        from_yaml_str(&portfolio_yaml(Synthetic { seed: 5, stakeholders: true, ..Synthetic::new(30) }), "g").unwrap();
    assert_eq!(to_xlsx(&p), to_xlsx(&p));
}

/// Every sheet's cells as text, by sheet name.
fn cells(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
            (n, rows)
        })
        .collect()
}

#[test]
fn the_streamed_workbook_holds_every_cell_of_the_held_one() {
    // `kamdeck review` streams the workbook's sheets row by row; the library holds them. The
    // two must hold the same cells and cached values, and a streamed sheet's Excel tables
    // must name their columns as their header cells do (not `Column1`…).
    let dir = crate::support::scratch("streamed");
    let yaml = dir.join("p.yaml");
    std::fs::write(&yaml, portfolio_yaml(Synthetic::new(300))).unwrap();
    let o = crate::support::kamdeck(&["review", yaml.to_str().unwrap(), "-o", dir.join("out").to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert!(!crate::support::stderr(&o).contains("Ignoring"), "{}", crate::support::stderr(&o));
    let streamed = std::fs::read(dir.join("out/review.xlsx")).unwrap();
    let p = kamdeck::input::load(&yaml).unwrap();
    let held = engine().review(&p).unwrap_or_else(|f| panic!("{}", f.error)).workbook.unwrap();
    let (a, b) = (cells(streamed.clone()), cells(held));
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert_eq!(x, y, "sheet {name} differs between the streamed and the held workbook");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(streamed)).unwrap();
    let tables: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/tables/"))
        .map(|n| n.into_owned())
        .collect();
    assert!(!tables.is_empty());
    for t in tables {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&t).unwrap(), &mut xml).unwrap();
        assert!(!xml.contains("name=\"Column1\""), "{t} names its columns by default: {xml}");
    }
}
