//! Account plans: the flagship's decision map, batch runs, shards, missing data.

use kamdeck::deck::Cores;

use crate::support::{engine, example, kamdeck, norm, scratch};

fn portfolio() -> kamdeck::model::Portfolio {
    kamdeck::input::load(&example("northbridge.yaml")).unwrap()
}

#[test]
fn flagship_plan_names_the_evp_to_win() {
    let p = portfolio();
    let figures = kamdeck::figures::Figures::compute(&p);
    let r = engine().plan(&p, &figures, 0, Cores::One).unwrap_or_else(|f| panic!("{}", f.error));
    let text = norm(&r.page_texts.join(" "));
    assert_eq!(r.page_texts.len(), 9, "every plan slide has data for the flagship");
    for kicker in [
        "ACCOUNT SNAPSHOT",
        "SCORING DETAIL",
        "DECISION-MAKING PROCESS",
        "DIVISION MAP",
        "OPPORTUNITIES",
        "ROLLOUT TIMELINE",
        "TEAM RESPONSIBILITIES",
        "RISKS AND NEXT ACTIONS",
    ] {
        assert!(text.contains(kicker), "missing {kicker}");
    }
    let decisions = r.titles.iter().find(|t| t.starts_with("Win over")).expect("decision title");
    assert!(decisions.contains("Dana Whitfield (Executive Vice President)"), "{decisions}");
    assert!(text.contains("Meridian Advisory → Executive Vice President"), "influence path from the consultancy");
    assert!(text.contains("advises on care cost savings"));
    assert!(text.contains("OUTSIDE NORTHBRIDGE HEALTH SYSTEM"), "externals in their own band");
    assert!(
        r.titles
            .iter()
            .any(|t| t == "6 whitespace cells across 4 divisions; the largest gap is CRM and Fraud prevention (2)"),
        "{:?}",
        r.titles
    );
    for person in [
        "Alma Okafor",
        "Dana Whitfield",
        "Marcus Bell",
        "Luis Serrano",
        "Grace Liu",
        "Tom Becker",
        "Nadia Haddad",
        "Kevin O'Brien",
        "Priya Raman",
    ] {
        assert!(text.contains(person), "{person} is on the map");
    }
}

#[test]
fn one_division_is_counted_in_the_singular() {
    let mut p = portfolio();
    p.accounts[0].divisions.truncate(1);
    let figures = kamdeck::figures::Figures::compute(&p);
    let r = engine().plan(&p, &figures, 0, Cores::One).unwrap_or_else(|f| panic!("{}", f.error));
    assert!(r.titles.iter().any(|t| t == "1 whitespace cell across 1 division: Fraud prevention"), "{:?}", r.titles);
}

#[test]
fn batch_equals_single_and_shards_split() {
    let dir = scratch("plans_batch");
    let input = example("northbridge.yaml");
    let all = dir.join("all");
    let o = kamdeck(&["plan", input.to_str().unwrap(), "--all", "-o", all.to_str().unwrap(), "-v"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(summary.contains("25 plans") && summary.contains("got shorter plans"), "{summary}");
    let one = dir.join("one");
    let o = kamdeck(&["plan", input.to_str().unwrap(), "--account", "northbridge", "-o", one.to_str().unwrap()]);
    assert!(o.status.success());
    for ext in ["pdf", "xlsx"] {
        let a = std::fs::read(all.join(format!("plans/northbridge.{ext}"))).unwrap();
        let b = std::fs::read(one.join(format!("plans/northbridge.{ext}"))).unwrap();
        assert!(a == b, "batch and single renders differ ({ext})");
    }
    let mut seen = 0;
    for i in 1..=3 {
        let part = dir.join(format!("shard{i}"));
        let o = kamdeck(&[
            "plan",
            input.to_str().unwrap(),
            "--all",
            "--shard",
            &format!("{i}/3"),
            "-o",
            part.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        seen += pdfs(&part.join("plans"));
    }
    assert_eq!(seen, 25, "the shards cover every account once");
}

/// Number of PDFs in a folder (each plan also has its workbook).
fn pdfs(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "pdf"))
        .count()
}

#[test]
fn tier_selection_and_bad_selections() {
    let dir = scratch("plans_tier");
    let input = example("northbridge.yaml");
    let o = kamdeck(&["plan", input.to_str().unwrap(), "--tier", "A", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(pdfs(&dir.join("plans")), 9, "nine tier-A accounts in FY2026");
    assert!(dir.join("plans/northbridge.xlsx").exists(), "each plan has its workbook");
    let o = kamdeck(&["plan", input.to_str().unwrap(), "--account", "northbrige", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `northbridge`"));
    let o = kamdeck(&["plan", input.to_str().unwrap(), "--all", "--shard", "4/3"]);
    assert_eq!(o.status.code(), Some(2));
    let o = kamdeck(&["plan", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "one of --account, --all, --tier is required");
}

#[test]
fn forty_stakeholders_stay_legible() {
    // One account with a CEO, 5 VPs and 34 more people under them.
    let mut people = Vec::new();
    for k in 0..40 {
        let boss = match k {
            0 => None,
            1..=5 => Some("s0".to_owned()),
            _ => Some(format!("s{}", 1 + k % 5)),
        };
        people.push(format!(
            "{{ id: s{k}, name: Person {k}, title: Title {k}, power: {}{} }}",
            1 + k % 5,
            boss.map(|b| format!(", reports_to: {b}")).unwrap_or_default()
        ));
    }
    let extra = format!(
        "seller: {{ name: S }}\nfiscal_years: [Y]\naccounts:\n  - {{ id: big, name: Big, revenue: {{ Y: 1 }}, stakeholders: [ {} ] }}\n",
        people.join(", ")
    );
    let p = kamdeck::input::from_yaml_str(&extra, "big.yaml").unwrap_or_else(|e| panic!("{e}"));
    let figures = kamdeck::figures::Figures::compute(&p);
    let r = engine().plan(&p, &figures, 0, Cores::One).unwrap_or_else(|f| panic!("{}", f.error));
    let text = format!("{} ", norm(&r.page_texts.join(" ")));
    for k in 0..40 {
        assert!(text.contains(&format!("Person {k} Title {k} ")), "Person {k} missing from the map");
    }
    let maps = r.titles.iter().filter(|t| t.starts_with("Win over")).count();
    assert!((2..=4).contains(&maps), "forty people continue over a few slides, not {maps}");
}

/// A plan of one account whose `n` stakeholders report as `boss(k)` says.
fn organisation(n: usize, boss: impl Fn(usize) -> Option<usize>) -> kamdeck::model::Portfolio {
    let people: Vec<String> = (0..n)
        .map(|k| {
            let line = boss(k).map(|b| format!(", reports_to: s{b}")).unwrap_or_default();
            format!("      - {{ id: s{k}, name: Person {k}, title: Title {k}, power: {}{line} }}", 1 + k % 5)
        })
        .collect();
    let yaml = format!(
        "seller: {{ name: S }}\nfiscal_years: [Y]\naccounts:\n  - id: big\n    name: Big\n    revenue: {{ Y: 1 }}\n    stakeholders:\n{}\n",
        people.join("\n")
    );
    kamdeck::input::from_yaml_str(&yaml, "big.yaml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn ten_thousand_people_deep_or_wide_make_a_map_that_says_what_it_shows() {
    // A reporting chain 10,000 deep took a minute (cycle checks and layout grew as n³), and
    // 10,000 people under ten managers ran the process out of memory.
    for (what, p) in [
        ("deep", organisation(10_000, |k| k.checked_sub(1))),
        ("wide", organisation(10_001, |k| (k > 0).then_some(if k <= 10 { 0 } else { 1 + k % 10 }))),
    ] {
        let clock = std::time::Instant::now();
        let figures = kamdeck::figures::Figures::compute(&p);
        let r = engine().plan(&p, &figures, 0, Cores::One).unwrap_or_else(|f| panic!("{}", f.error));
        let took = clock.elapsed();
        let text = norm(&r.page_texts.join(" "));
        let maps = r.titles.iter().filter(|t| t.starts_with("Win over")).count();
        assert!((1..=4).contains(&maps), "{what}: {maps} map slides");
        let shown = text.split("Showing ").nth(1).unwrap_or_else(|| panic!("{what}: no note of what the map shows"));
        assert!(shown.contains(" people: those to win"), "{what}: {shown}");
        assert!(text.contains("… and"), "{what}: the call-out says how many more there are to win");
        // Debug build: the release binary takes about 0.2 s for either.
        assert!(took.as_secs() < 30, "{what}: {took:?}");
    }
}
