//! User text prints literally, whatever characters it holds.

use crate::support::{all_text, norm, review_yaml};

const NASTY: &[&str] = &[
    "ACME #1 [test]",
    "Dollar $x$ & *bold* _under_",
    "At @ref <label> \\ back",
    "Quote \"double\" 'single'",
    "Tilde ~ slash // equals = dash - end",
    "Ünïcödé Ørsted Çafé",
    "#let x = 1",
    "{{ jinja }} {% if %}",
];

#[test]
fn names_with_markup_characters_print_literally() {
    let mut yaml = String::from("seller: { name: \"Seller #1 [x]\" }\nfiscal_years: [FY1]\naccounts:\n");
    for (i, name) in NASTY.iter().enumerate() {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        yaml.push_str(&format!("  - {{ id: a{i}, name: \"{quoted}\", revenue: {{ FY1: {} }} }}\n", 1000 - i));
    }
    let r = review_yaml(&yaml);
    let text = all_text(&r);
    for name in NASTY {
        assert!(text.contains(&norm(name)), "{name:?} did not print literally");
    }
    assert!(text.contains("SELLER #1 [X]"), "the title slide shows the seller (upper-cased by the theme)");
}

#[test]
fn direction_overrides_and_control_characters_stay_in_their_own_name() {
    let yaml = std::fs::read_to_string(crate::support::example("northbridge.yaml"))
        .unwrap()
        .replacen("name: Northbridge Health System", "name: \"Northbridge \\u202eHealth System\"", 1)
        .replacen("id: jlee, name: Jordan Lee", "id: jlee, name: \"Jordan \\e[2J Lee\"", 1);
    // Charts drop what XML cannot hold (an escape made the SVG unreadable); the titles keep
    // the override inside the name it belongs to.
    let r = review_yaml(&yaml);
    let text = all_text(&r);
    assert!(text.contains("Lakeshore Medical Center, Mesa Verde Health"), "the names after it read forwards");
    assert!(r.titles.iter().any(|t| t.contains("\u{2068}Northbridge \u{202e}Health System\u{202c}\u{2069}")));
}

#[test]
fn messages_show_control_characters_escaped() {
    let dir = crate::support::scratch("escaped-message");
    let input = dir.join("p.yaml");
    std::fs::write(
        &input,
        "seller: { name: S }\nfiscal_years: [FY1]\naccounts:\n  - { id: a, name: A, owner: \"x\\e[2J\", revenue: { FY1: 1 } }\n",
    )
    .unwrap();
    let o = crate::support::kamdeck(&["check", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = crate::support::stderr(&o);
    assert!(!err.contains('\u{1b}'), "a raw escape reached the terminal: {err:?}");
    assert!(err.contains("x\\u{001b}[2J"), "{err}");
}

#[test]
fn what_the_escape_fuzzer_found_prints_on_the_slides() {
    // The escape fuzz target's one crash (fuzz/artifacts, in a Typst world without fonts, where
    // Typst's shaping panics): controls, NULs, Arabic, a direction override, CJK and an escape
    // sequence in one name. With the deck's fonts it must build, and keep its printable part.
    let name = "(\\u0013\\u0013\\u0004/\\u0000\\u0000\\u0645\\u0617\\u202E\\uFFFD\\u0000\\u0000\\uFFFD\\u062Dz\\uFFFD\\u062F \\u5317 \\u0001\\u001B[1J";
    let yaml = format!(
        "seller: {{ name: S }}\nfiscal_years: [FY1]\naccounts:\n  - {{ id: a, name: \"{name}\", revenue: {{ FY1: 10 }} }}\n  - {{ id: b, name: Beta, revenue: {{ FY1: 5 }} }}\n"
    );
    let r = review_yaml(&yaml);
    // The override reverses the name's own tail (it stays inside the name); 北 shows either way.
    let text = all_text(&r);
    assert!(text.contains('北') && text.contains("Beta"), "the name's printable part is on the slides");
}

#[test]
fn a_panic_inside_typst_is_an_error_not_a_crash() {
    // The escape fuzzer's second find: Typst 0.15's shaping panics on an Arabic letter with a
    // mark its fallback font lacks (`م` + U+0617, in a name). kamdeck catches the panic: the
    // deck fails with an error naming it as Typst's, exit 1, and nothing is written.
    let dir = crate::support::scratch("typst-panic");
    let input = dir.join("p.yaml");
    std::fs::write(
        &input,
        "seller: { name: S }\nfiscal_years: [FY1]\naccounts:\n  - { id: a, name: \"Dar \\u0645\\u0617\", revenue: { FY1: 10 } }\n  - { id: b, name: Beta, revenue: { FY1: 5 } }\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = crate::support::kamdeck(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    if o.status.success() {
        return; // Typst fixed it.
    }
    assert_eq!(o.status.code(), Some(1));
    let err = crate::support::stderr(&o);
    assert!(err.contains("internal error") && err.contains("fault in Typst"), "{err}");
    assert!(!err.contains("backtrace") && !err.contains("panicked"), "Typst's panic report is not shown: {err}");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "nothing is written");
}
