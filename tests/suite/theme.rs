//! The theme's layout functions: the quick paths of `data-table` and `pairs` look exactly like
//! the general ones they stand in for.

use typst::layout::{Frame, FrameItem, Point};

use crate::support::engine;

/// A text run and where it starts (x, y in hundredths of a point).
type Run = (String, i64, i64);

/// Every text run of every page with its absolute position, rounded to 0.01 pt.
fn runs(source: &str) -> Vec<Vec<Run>> {
    fn walk(frame: &Frame, at: Point, out: &mut Vec<Run>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => walk(&g.frame, p, out),
                FrameItem::Text(t) => {
                    out.push((
                        t.text.to_string(),
                        (p.x.to_pt() * 100.0).round() as i64,
                        (p.y.to_pt() * 100.0).round() as i64,
                    ));
                }
                _ => {}
            }
        }
    }
    let src = format!(
        "#import \"/theme/theme.typ\": *\n#set page(width: 300pt, height: auto, margin: 10pt)\n#set text(font: T.font, size: 10pt)\n{source}"
    );
    let world = engine().world(src);
    let doc = kamdeck::typeset::compile(&world).unwrap_or_else(|e| panic!("{e}"));
    doc.pages()
        .iter()
        .map(|page| {
            let mut out = Vec::new();
            walk(&page.frame, Point::zero(), &mut out);
            out
        })
        .collect()
}

/// The same table twice: once all text (the quick path when it fits), once with one cell as
/// content, which always takes the general path.
fn both_paths(header: &str, rows: &[[&str; 2]], extra: &str) -> (Vec<Run>, Vec<Run>) {
    let quoted = |c: &str| format!("{c:?}");
    let plain: Vec<String> = rows.iter().map(|[a, b]| format!("({}, {}),", quoted(a), quoted(b))).collect();
    let mut general = plain.clone();
    general[0] = format!("([{}], {}),", rows[0][0], quoted(rows[0][1]));
    let table = |rows: &[String]| format!("#data-table(header: {header}, rows: ({}){extra})", rows.concat());
    let pages = runs(&format!("{}\n#pagebreak()\n{}", table(&plain), table(&general)));
    (pages[0].clone(), pages[1].clone())
}

#[test]
fn a_table_that_fits_looks_the_same_on_the_quick_path() {
    let rows = [["Revenue growth", "0.40"], ["Share of wallet", "0.30"], ["Upsell potential", "0.30"]];
    for extra in ["", ", widths: (1.6fr, 1fr)", ", strong-last: true", ", tints: (none, \"positive\", none)"] {
        let (quick, general) = both_paths("(\"Factor\", \"Weight\")", &rows, extra);
        assert_eq!(quick.len(), 8, "{quick:?}");
        assert_eq!(quick, general, "data-table{extra}");
    }
}

#[test]
fn a_value_that_would_wrap_takes_the_general_path() {
    let long = "A scoring factor whose name is far too long for one line of this narrow column";
    let (quick, general) = both_paths("(\"Factor\", \"Weight\")", &[[long, "0.40"], ["Culture", "0.20"]], "");
    assert_eq!(quick, general);
    let lines: std::collections::BTreeSet<i64> =
        quick.iter().filter(|(t, _, _)| long.contains(t.as_str()) && t.len() > 3).map(|(_, _, y)| *y).collect();
    assert!(lines.len() > 1, "the long name wraps inside its row: {quick:?}");
}

#[test]
fn a_value_with_a_line_break_takes_the_general_path() {
    let (quick, general) =
        both_paths("(\"Note\", \"Owner\")", &[["Kick-off", "JL"], ["first line\nsecond line", "AP"]], "");
    assert_eq!(quick, general);
}

#[test]
fn pairs_keep_every_label_level_with_its_value() {
    let page =
        &runs("#pairs(((\"Engagement\", \"89 %\"), (\"Churn risk\", \"Low\"), (\"Renewal\", \"Jun 6, 2027\")))")[0];
    for (label, value) in [("Engagement", "89 %"), ("Churn risk", "Low"), ("Renewal", "Jun 6, 2027")] {
        let y =
            |s: &str| page.iter().find(|(t, _, _)| t == s).map(|r| r.2).unwrap_or_else(|| panic!("{s} in {page:?}"));
        assert_eq!(y(label), y(value), "{label}");
    }
}

#[test]
fn themes_are_listed_and_an_ejected_theme_gives_the_same_deck() {
    let o = crate::support::kamdeck(&["themes"]);
    assert!(o.status.success());
    let listed = String::from_utf8_lossy(&o.stdout);
    let names: Vec<&str> = listed.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(names, ["contrast", "default", "midnight"], "{listed}");

    let dir = crate::support::scratch("eject");
    let brand = dir.join("brand");
    let o = crate::support::kamdeck(&["theme", "eject", "default", brand.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert!(brand.join("theme.yaml").exists() && brand.join("theme.typ").exists() && brand.join("fonts").is_dir());
    // Ejecting again would overwrite a user's edits: refused without --force.
    let again = crate::support::kamdeck(&["theme", "eject", "default", brand.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(crate::support::stderr(&again).contains("exists: pass --force to replace it"));

    let example = crate::support::example("northbridge.yaml");
    let render = |out: &str, theme: Option<&std::path::Path>| {
        let out = dir.join(out);
        let mut args = vec!["review", example.to_str().unwrap(), "-o", out.to_str().unwrap()];
        if let Some(t) = theme {
            args.extend(["--theme", t.to_str().unwrap()]);
        }
        let o = crate::support::kamdeck(&args);
        assert!(o.status.success(), "{}", crate::support::stderr(&o));
        (std::fs::read(out.join("review.pdf")).unwrap(), std::fs::read(out.join("review.xlsx")).unwrap())
    };
    assert!(
        render("builtin", None) == render("ejected", Some(&brand)),
        "the ejected default theme gives the same bytes"
    );

    let missing = crate::support::kamdeck(&["review", example.to_str().unwrap(), "--theme", "./no-such-theme/"]);
    assert_eq!(missing.status.code(), Some(2), "{}", crate::support::stderr(&missing));
}

#[test]
fn an_override_can_extend_the_built_in_template_it_replaces() {
    let dir = crate::support::scratch("extends");
    std::fs::create_dir_all(dir.join("review")).unwrap();
    std::fs::write(
        dir.join("review/pareto.typ"),
        "{% extends \"builtin/review/pareto.typ\" %}{% block extra %}#text[Board note: prices rise in Q3]{% endblock %}",
    )
    .unwrap();
    let spec = kamdeck::DeckSpec { templates: Some(dir), ..kamdeck::DeckSpec::new(kamdeck::DeckKind::Review) };
    let engine = kamdeck::Engine::new(&spec).unwrap_or_else(|e| panic!("{e}"));
    let yaml = std::fs::read_to_string(crate::support::example("northbridge.yaml")).unwrap();
    let p = kamdeck::input::from_yaml_str(&yaml, "northbridge.yaml").unwrap();
    let r = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let pages: Vec<String> = r.page_texts.iter().map(|t| crate::support::norm(t)).collect();
    let with: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains("Board note: prices rise in Q3")).collect();
    assert_eq!(with.len(), 1, "the line is on one page");
    assert!(pages[with[0]].contains("PARETO ANALYSIS"), "and that page is the Pareto slide");
    assert_eq!(pages.len(), crate::support::northbridge().page_texts.len(), "no page was added");
}

#[test]
fn a_broken_override_is_named_by_its_file() {
    let dir = crate::support::scratch("broken-template");
    std::fs::create_dir_all(dir.join("review")).unwrap();
    let file = dir.join("review/pareto.typ");
    let input = crate::support::example("minimal.yaml");
    let run = |body: &str| {
        std::fs::write(&file, body).unwrap();
        let out = dir.join("out");
        let o = crate::support::kamdeck(&[
            "review",
            input.to_str().unwrap(),
            "--templates",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{body}: {}", crate::support::stderr(&o));
        assert!(!out.join("review.pdf").exists());
        crate::support::stderr(&o)
    };
    // A Jinja error: the user's file and line.
    let err = run("#slide({{ meta }})[\n  {% for x in %}\n]\n");
    assert!(err.contains(&format!("template {}:2: syntax error", file.display())), "{err}");
    // A Typst error in what the template made: the user's file and the slide.
    let err = run("#slide({{ meta }})[\n  #let x = (1 +\n]\n");
    assert!(
        err.contains(&format!("template {} (slide 5): Typst cannot compile what it made", file.display())),
        "{err}"
    );
    assert!(err.contains("unclosed delimiter"), "{err}");
}

#[test]
fn the_portfolio_names_its_theme_and_title() {
    let dir = crate::support::scratch("deck-block");
    let o = crate::support::kamdeck(&["theme", "eject", "default", dir.join("brand").to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let minimal = std::fs::read_to_string(crate::support::example("minimal.yaml")).unwrap();
    // A theme folder is relative to the portfolio file, wherever kamdeck runs from.
    let input = dir.join("p.yaml");
    std::fs::write(&input, format!("deck: {{ theme: ./brand/, title: Q3 account review }}\n{minimal}")).unwrap();
    let out = dir.join("out");
    let o = crate::support::kamdeck(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let p = kamdeck::input::load(&input).unwrap();
    let r = crate::support::engine().review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    assert!(crate::support::norm(&r.page_texts[0]).contains("Q3 account review"), "{}", r.page_texts[0]);
    // It survives the Excel round trip.
    let xlsx = dir.join("p.xlsx");
    let o = crate::support::kamdeck(&["convert", input.to_str().unwrap(), xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let back = kamdeck::input::load(&xlsx).unwrap();
    assert_eq!((back.deck.theme.as_deref(), back.deck.title.as_deref()), (Some("./brand/"), Some("Q3 account review")));

    std::fs::write(&input, format!("deck: {{ theme: neon }}\n{minimal}")).unwrap();
    let o = crate::support::kamdeck(&["check", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        crate::support::stderr(&o).contains(
            "p.yaml:1:16: deck.theme: `neon` is not a built-in theme (contrast, default, midnight) nor a folder"
        ),
        "{}",
        crate::support::stderr(&o)
    );
}

#[test]
fn a_template_that_loops_without_end_fails_with_its_place() {
    let dir = crate::support::scratch("endless");
    std::fs::create_dir_all(dir.join("review")).unwrap();
    std::fs::write(
        dir.join("review/pareto.typ"),
        "#slide({{ meta }})[\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}]\n",
    )
    .unwrap();
    let out = dir.join("out");
    let example = crate::support::example("minimal.yaml");
    let clock = std::time::Instant::now();
    let o = crate::support::kamdeck(&[
        "review",
        example.to_str().unwrap(),
        "--templates",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(clock.elapsed().as_secs() < 60, "stopped in {:?}", clock.elapsed());
    assert_eq!(o.status.code(), Some(2), "a fault in the user's template is bad input: {}", crate::support::stderr(&o));
    let place = format!("template {}:2", dir.join("review/pareto.typ").display());
    assert!(crate::support::stderr(&o).contains(&place), "{}", crate::support::stderr(&o));
    assert!(!out.join("review.pdf").exists());
}
