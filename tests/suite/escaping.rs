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
