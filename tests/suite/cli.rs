//! The real executable: commands, exit codes, messages with places, no partial output.

use std::path::Path;
use std::process::Command;

use crate::support::{example, kamdeck, scratch, stderr};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn review_writes_the_pdf_and_workbook() {
    let out = scratch("review");
    let o = kamdeck(&[
        "review",
        example("northbridge.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--keep-typst",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(out.join("review.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let xlsx = std::fs::read(out.join("review.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "the workbook is a zip");
    assert!(out.join("review.typ").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn check_summarises_a_valid_portfolio() {
    let o = kamdeck(&["check", example("northbridge.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.starts_with("ok: 25 accounts, 3 fiscal years, 4 team members"), "{s}");
}

/// Bad input: exit code 2, the message names the place and the fix, and no PDF appears.
fn rejects(name: &str, yaml: &str, expected: &[&str]) {
    let dir = scratch(name);
    let input = write(&dir, "p.yaml", yaml);
    let out = dir.join("out");
    let o = kamdeck(&["review", &input, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert!(!out.join("review.pdf").exists(), "no output on bad input");
}

const HEAD: &str = "seller: { name: S }\nfiscal_years: [FY1, FY2]\nteam: [ { id: jlee, name: Jordan } ]\n";

#[test]
fn unknown_key_with_suggestion() {
    rejects(
        "unknown_key",
        &format!(
            "{HEAD}accounts:\n  - id: a\n    name: A\n    revenue: {{ FY1: 1 }}\n    health: {{ engagment: 0.3 }}\n"
        ),
        &["p.yaml:8:15", "unknown key `engagment`", "did you mean `engagement`"],
    );
}

#[test]
fn several_problems_in_one_run() {
    rejects(
        "many",
        &format!(
            "{HEAD}accounts:\n  - {{ id: a, name: A, owner: jle, revenue: {{ FY3: 5 }}, margin: 1.5 }}\n  - {{ id: a, name: B, revenue: {{ FY1: -3 }} }}\n"
        ),
        &[
            "p.yaml:5:",
            "`jle` is not a team member id",
            "did you mean `jlee`",
            "`FY3` is not in fiscal_years",
            "margin",
            "duplicate id `a`",
            "negative",
            "5 problems",
        ],
    );
}

#[test]
fn syntax_errors_have_line_and_column() {
    rejects("syntax", "seller: { name: S\nfiscal_years: [FY1\n", &["p.yaml:"]);
    rejects("type", &format!("{HEAD}accounts:\n  - {{ id: a, name: A, revenue: {{ FY1: lots }} }}\n"), &["p.yaml:5:"]);
    rejects("missing", "seller: { name: S }\naccounts: []\n", &["missing field `fiscal_years`"]);
}

#[test]
fn reporting_cycles_and_weights() {
    rejects(
        "cycle",
        &format!(
            "{HEAD}settings: {{ scoring: {{ growth: {{ a: 0.5, b: 0.4 }} }} }}\naccounts:\n  - id: a\n    name: A\n    revenue: {{ FY1: 1 }}\n    stakeholders:\n      - {{ id: x, name: X, title: T, reports_to: y }}\n      - {{ id: y, name: Y, title: T, reports_to: x }}\n    milestones:\n      - {{ name: M, start: 2026-05-01, end: 2026-04-01 }}\n"
        ),
        &[
            "settings.scoring.growth",
            "sum to 0.9",
            "cycle",
            "before it starts",
            "accounts[0].stakeholders[0].reports_to",
        ],
    );
}

#[test]
fn dangling_reports_to() {
    rejects(
        "dangling",
        &format!(
            "{HEAD}accounts:\n  - id: a\n    name: A\n    revenue: {{ FY1: 1 }}\n    stakeholders:\n      - {{ id: cio, name: C, title: CIO, reports_to: ceo }}\n"
        ),
        &["p.yaml:9:", "accounts[0].stakeholders[0].reports_to", "`ceo` is not a stakeholder id"],
    );
}

#[test]
fn scores_outside_the_scale() {
    rejects(
        "scores",
        &format!(
            "{HEAD}settings: {{ scoring: {{ scale: 5 }} }}\naccounts:\n  - id: a\n    name: A\n    revenue: {{ FY1: 1 }}\n    scores:\n      growth: {{ revenue_growth: 7, share_of_wallet: 2, upsell_potential: 3 }}\n      harmony: {{ strategic_fit: 3, culture: 3, vision: 3, strategy: 3 }}\n"
        ),
        &["p.yaml:10:", "accounts[0].scores.growth.revenue_growth", "7 is outside the score scale 1..5"],
    );
}

#[test]
fn unreadable_or_unknown_files() {
    let o = kamdeck(&["check", "/nonexistent/p.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/p.yaml: cannot read"));
    let o = kamdeck(&["check", "p.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("use a .yaml, .yml or .xlsx file"));
}

#[test]
fn typst_errors_point_into_the_kept_source() {
    let dir = scratch("broken_template");
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("review")).unwrap();
    // A user's template that calls a function the theme does not have.
    std::fs::write(templates.join("review/charter.typ"), "#slide({{ meta }})[\n  #no-such-function()\n]\n").unwrap();
    let out = dir.join("out");
    let input = example("northbridge.yaml");
    let run = |extra: &[&str]| {
        let mut args = vec!["review", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates"];
        args.push(templates.to_str().unwrap());
        args.extend(extra);
        kamdeck(&args)
    };
    // A failed run writes nothing, and says how to see the generated source.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("run again with --keep-typst"), "{}", stderr(&o));
    assert!(!out.exists(), "a failed run made its output folder");
    let o = run(&["--keep-typst"]);
    // The user's template is at fault: exit 2, and the message names it and its slide.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("review.typ:") && err.contains("unknown variable: no-such-function"), "{err}");
    assert!(err.contains(&format!("template {} (slide ", templates.join("review/charter.typ").display())), "{err}");
    let place = err.lines().find(|l| l.contains("review.typ:")).unwrap();
    let line: usize = place.trim().split(':').nth(1).unwrap().parse().unwrap();
    let kept = std::fs::read_to_string(out.join("review.typ")).unwrap();
    assert!(
        kept.lines().nth(line - 1).unwrap().contains("no-such-function"),
        "the line named is the one with the error"
    );
    assert!(!out.join("review.pdf").exists());
}

#[test]
fn anchors_merge_keys_and_dates() {
    let dir = scratch("anchors");
    let input = write(
        &dir,
        "p.yaml",
        "seller: { name: S }\nfiscal_years: [FY1]\nreport_date: \"2026-11-15\"\ndefaults: &d { industry: Health, region: East }\naccounts:\n  - { <<: *d, id: a, name: A, revenue: { FY1: 5 }, renewal_date: 2027-01-31 }\n",
    );
    let o = kamdeck(&["check", &input]);
    // `defaults` is not a portfolio key: reported, with the anchors resolved fine.
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("p.yaml:4:1") && stderr(&o).contains("unknown key `defaults`"), "{}", stderr(&o));
    let input = write(
        &dir,
        "q.yaml",
        "seller: { name: S }\nfiscal_years: [FY1]\nreport_date: \"2026-11-15\"\naccounts:\n  - &a { id: a, name: A, revenue: { FY1: 5 }, industry: Health }\n  - { <<: *a, id: b, name: B, renewal_date: 2027-01-31 }\n",
    );
    let o = kamdeck(&["check", &input]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("ok: 2 accounts"));
}

#[test]
fn a_partial_theme_with_a_logo_and_a_bad_colour() {
    let dir = scratch("theme_logo");
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#fff\"/></svg>").unwrap();
    let partial = "extends: default\nlogo: { file: logo.svg, alt: Example Co, footer: true }\n";
    std::fs::write(theme.join("theme.yaml"), partial).unwrap();
    let out = dir.join("out");
    let input = example("minimal.yaml");
    // `--theme-dir` is kept as another name of `--theme DIR`.
    let run = |flag: &str| {
        kamdeck(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap(), flag, theme.to_str().unwrap()])
    };
    let o = run("--theme-dir");
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(theme.join("theme.yaml"), format!("{partial}colors:\n  primary: navvy\n")).unwrap();
    let o = run("--theme");
    assert_eq!(o.status.code(), Some(2));
    let place = format!(
        "{}:4:12: `navvy` is neither a #RRGGBB colour nor a name in `palette`; did you mean `navy`?",
        theme.join("theme.yaml").display()
    );
    assert!(stderr(&o).contains(&place), "{}", stderr(&o));
}

#[test]
fn help_on_every_command() {
    for command in ["review", "plan", "check", "convert", "init", "generate"] {
        let o = kamdeck(&[command, "--help"]);
        assert!(o.status.success(), "{command}");
        assert!(String::from_utf8_lossy(&o.stdout).contains("Usage"), "{command}");
    }
    let o = kamdeck(&["--help"]);
    let top = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(top.contains("convert") && top.contains("init"), "{top}");
}

#[test]
fn pdf_text_with_poppler() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let out = scratch("poppler");
    let o = kamdeck(&["review", example("northbridge.yaml").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t =
        Command::new("pdftotext").args(["-layout", out.join("review.pdf").to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("PARETO ANALYSIS"), "{text}");
    assert!(text.contains("Northbridge Health System"));
    let info = Command::new("pdfinfo").arg(out.join("review.pdf")).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Title:") && info.contains("Quarterly KAM review"), "{info}");
}

#[test]
fn generate_refuses_sizes_it_cannot_make() {
    for n in ["18446744073709551615", "0", "1000001"] {
        let o = kamdeck(&["generate", "--accounts", n]);
        assert_eq!(o.status.code(), Some(2), "--accounts {n}: {}", stderr(&o));
        assert!(stderr(&o).contains("--accounts"), "{}", stderr(&o));
        assert!(o.stdout.is_empty(), "--accounts {n} printed a portfolio");
    }
}

#[test]
fn values_a_workbook_cannot_hold_are_found_with_their_place() {
    let long = "x".repeat(45_000);
    rejects(
        "limits",
        &format!(
            "seller: {{ name: S }}\nreport_date: 0000-01-01\nfiscal_years: [FY1]\naccounts:\n  - {{ id: a, name: A, industry: {long}, revenue: {{ FY1: 1 }} }}\n"
        ),
        &[
            "p.yaml:2:14: report_date: 0000-01-01: dates run from 1900-01-01 to 9999-12-31",
            "p.yaml:5:33: accounts[0].industry: 45000 characters: a workbook cell holds at most 32767; shorten it",
        ],
    );
}

#[test]
fn every_type_error_is_reported_at_once_with_its_path() {
    rejects(
        "types",
        "seller: { name: S }\nfiscal_years: [FY1, FY2]\naccounts:\n  - { id: a, name: A, revenue: { FY1: 1, FY2: 2 }, health: { churn_risk: severe } }\n  - { id: b, name: B, revenue: { FY1: lots, FY2: 2 } }\n  - { id: c, revenue: { FY1: 1 } }\nsettings:\n  scoring: { scale: ten }\n",
        &[
            "4 problems in the portfolio",
            "p.yaml:4:74: accounts[0].health.churn_risk: `severe` is not one of: low, medium, high",
            "p.yaml:5:39: accounts[1].revenue.FY1: `lots` is not a number",
            "p.yaml:6:5: accounts[2]: missing field `name`: add it",
            "p.yaml:8:21: settings.scoring.scale: `ten` is not a whole number",
        ],
    );
}

#[test]
fn library_messages_are_said_in_the_users_terms() {
    rejects(
        "dup-key",
        "seller: { name: S }\nfiscal_years: [FY1]\nfiscal_years: [FY2]\n",
        &["p.yaml:3:1: `fiscal_years` is written twice in the same map: keep one"],
    );
    rejects(
        "two-docs",
        "seller: { name: S }\nfiscal_years: [FY1]\n---\nseller: { name: T }\n",
        &["more than one YAML document"],
    );
    rejects(
        "nan",
        "seller: { name: S }\nfiscal_years: [FY1]\naccounts:\n  - { id: a, name: A, revenue: { FY1: .nan } }\n",
        &["accounts[0].revenue.FY1: NaN is not an amount: write a number of 0 or more"],
    );
    rejects(
        "null-name",
        "seller: { name: ~ }\nfiscal_years: [FY1]\n",
        &["p.yaml:1:17: seller.name: is empty: write a text"],
    );
}

#[cfg(unix)]
#[test]
fn hostile_files_and_folders_are_refused_before_anything_is_written() {
    let dir = scratch("hostile");
    let minimal = example("minimal.yaml");
    let minimal = minimal.to_str().unwrap();
    // A folder where the workbook goes: refused before the PDF is replaced.
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("review.xlsx")).unwrap();
    std::fs::write(out.join("review.pdf"), "old").unwrap();
    let o = kamdeck(&["review", minimal, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("review.xlsx: is a folder"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("review.pdf")).unwrap(), "old");
    // -o naming a file.
    let file = write(&dir, "afile", "");
    let o = kamdeck(&["review", minimal, "-o", &file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a file, not a folder"), "{}", stderr(&o));
    // An input that never ends.
    let zero = dir.join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let o = kamdeck(&["check", zero.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    // A theme folder holding a named pipe.
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    assert!(Command::new("mkfifo").arg(theme.join("notes.txt")).status().unwrap().success());
    let o = kamdeck(&["review", minimal, "--theme", theme.to_str().unwrap(), "-o", dir.join("o2").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("notes.txt: not a regular file"), "{}", stderr(&o));
}

#[test]
fn a_portfolio_cannot_send_kamdeck_out_of_its_folder_or_name_files_too_long() {
    rejects(
        "theme-escape",
        "deck: { theme: ../elsewhere/ }\nseller: { name: S }\nfiscal_years: [FY1]\n",
        &["p.yaml:1:16: deck.theme: `../elsewhere/` leaves the portfolio's folder"],
    );
    let id = "a".repeat(251);
    rejects(
        "long-id",
        &format!(
            "seller: {{ name: S }}\nfiscal_years: [FY1]\naccounts:\n  - {{ id: {id}, name: A, revenue: {{ FY1: 1 }} }}\n"
        ),
        &["accounts[0].id: 251 characters: an id names files, keep it to 100"],
    );
}

#[test]
fn amounts_beyond_reason_and_doubled_periods_are_problems() {
    rejects(
        "absurd",
        "seller: { name: S }\nfiscal_years: [FY1]\nplans: [ { id: p, name: P } ]\naccounts:\n  - { id: a, name: A, revenue: { FY1: 1e308 }, mrr_history: [ { period: Q1, p: 1 }, { period: Q1, p: 2 } ] }\n",
        &[
            "accounts[0].revenue.FY1: 1e308 is beyond 10^15: check the amount",
            "accounts[0].mrr_history[1].period: `Q1` is listed twice",
        ],
    );
}

#[test]
fn convert_refuses_to_overwrite_its_input() {
    let dir = scratch("convert-self");
    let input = write(&dir, "p.yaml", &std::fs::read_to_string(example("minimal.yaml")).unwrap());
    let o = kamdeck(&["convert", &input, &input]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the output is the input"), "{}", stderr(&o));
}

#[test]
fn a_theme_that_loops_is_stopped_by_the_time_and_memory_limits() {
    let dir = scratch("looping-theme");
    let theme = dir.join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    let typ = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/theme.typ")).unwrap();
    std::fs::write(theme.join("theme.yaml"), "extends: default\n").unwrap();
    let input = example("minimal.yaml");
    // Loops the theme check runs at import: ten billion steps in little memory, then an
    // array of two billion values.
    let slow = "#let slow = { let n = 0; for a in range(100000) { for b in range(100000) { n += 1 } }; n }";
    let big = "#let big = range(2000000000).len()";
    for (code, limit, want) in [
        (slow, ["--time-limit", "2"], "took longer than 2 s (--time-limit)"),
        (big, ["--memory-limit", "300"], "beyond 300 MB of memory (--memory-limit)"),
    ] {
        std::fs::write(theme.join("theme.typ"), format!("{typ}\n{code}\n")).unwrap();
        let out = dir.join("out");
        let clock = std::time::Instant::now();
        let o = kamdeck(&[
            "review",
            input.to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            limit[0],
            limit[1],
        ]);
        assert!(clock.elapsed().as_secs() < 30, "stopped after {:?}", clock.elapsed());
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
        assert!(!out.exists(), "a stopped run left its output folder");
    }
}
