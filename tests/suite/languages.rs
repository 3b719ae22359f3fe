//! The four languages: complete catalogues, fonts that hold every character a language
//! prints, and the example decks and workbooks in each language.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use calamine::{Reader, Xlsx};
use kamdeck::assets::Assets;
use kamdeck::i18n::{Fmt, Locale};
use kamdeck::model::{Date, Portfolio};
use kamdeck::{DeckKind, Engine, Rendered, SpecRequest};

use crate::support::{example, kamdeck, norm, scratch, stderr};

const LANGS: [&str; 4] = ["en", "de", "fr", "es"];

fn locale(lang: &str) -> Locale {
    Locale::load(&Assets::builtin(), lang).unwrap_or_else(|e| panic!("{e}"))
}

fn placeholders(s: &str) -> BTreeSet<String> {
    s.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(name, _)| name.to_owned()).collect()
}

/// A plural key's base and category (`unit.accounts`, `one`), or the key itself.
fn split_plural(key: &str) -> (&str, Option<&str>) {
    match key.rsplit_once('.') {
        Some((base, cat)) if ["zero", "one", "two", "few", "many", "other"].contains(&cat) => (base, Some(cat)),
        _ => (key, None),
    }
}

#[test]
fn the_shipped_languages_are_the_catalogues() {
    assert_eq!(Assets::builtin().names("locales/", ".yaml"), ["de", "en", "es", "fr"]);
}

#[test]
fn every_catalogue_has_every_key_with_the_same_placeholders() {
    let en = locale("en");
    // Base key → the placeholders English uses in any of its forms.
    let mut english: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for key in en.keys() {
        english.entry(split_plural(key).0).or_default().extend(placeholders(&en.t(key)));
    }
    let mut problems = Vec::new();
    for lang in LANGS {
        let l = locale(lang);
        let categories = l.plural_categories();
        let mut forms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for key in l.keys() {
            let (base, cat) = split_plural(key);
            if let Some(cat) = cat {
                forms.entry(base).or_default().insert(cat);
            }
            let Some(allowed) = english.get(base) else {
                problems.push(format!("{lang}: {key} is not an English key"));
                continue;
            };
            let mut allowed = allowed.clone();
            if cat.is_some() {
                allowed.insert("n".into());
            }
            let extra: Vec<String> = placeholders(&l.t(key)).difference(&allowed).cloned().collect();
            if !extra.is_empty() {
                problems.push(format!("{lang}: {key} has placeholders English lacks: {extra:?}"));
            }
            if cat.is_none() && placeholders(&l.t(key)) != english[base] {
                problems.push(format!("{lang}: {key} changes the placeholders {:?}", english[base]));
            }
        }
        for base in english.keys() {
            let plural = en.keys().iter().any(|k| split_plural(k) == (base, Some("other")));
            if plural {
                let have = forms.get(base).cloned().unwrap_or_default();
                let want: BTreeSet<&str> = categories.iter().copied().collect();
                if have != want {
                    problems.push(format!("{lang}: {base} has forms {have:?}, the language needs {want:?}"));
                }
            } else if !l.has(base) {
                problems.push(format!("{lang}: {base} is missing"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every character a language can print: its catalogue and CLDR's numbers, money, shares
/// and dates.
fn printed_characters(lang: &str) -> BTreeSet<char> {
    let l = locale(lang);
    let mut text: String = l.keys().iter().map(|k| l.t(k)).collect();
    for currency in ["USD", "EUR", "GBP", "CHF", "JPY"] {
        let f = Fmt::new(&l, currency);
        for v in [-1_234_567.89, 0.5, 999.0, 12_345.0, 2_400_000.0, 1.2e9, 3.4e12] {
            text += &format!("{} {} {} {}", f.money(v), f.money_short(v), f.money_delta(v), f.number(v, 1));
            text += &format!("{} {}", f.pct(v / 1e6, 1), f.pct_delta(-v / 1e6, 0));
        }
        for month in 1..=12 {
            let d = Date::new(2026, month, 28).unwrap();
            text += &format!("{} {}", f.date(d), f.month(d));
        }
    }
    text.chars().filter(|c| !c.is_control()).collect()
}

#[test]
fn the_theme_fonts_hold_every_character_each_language_prints() {
    let assets = Assets::builtin();
    let fonts: Vec<typst::text::Font> = assets
        .under("themes/default/fonts/")
        .filter(|(path, _)| path.ends_with(".otf") || path.ends_with(".ttf"))
        .flat_map(|(_, bytes)| typst::text::Font::iter(typst::foundations::Bytes::new(bytes.to_vec())))
        .collect();
    assert!(fonts.len() >= 2, "the default theme's fonts");
    let mut missing = Vec::new();
    for lang in LANGS {
        let chars = printed_characters(lang);
        for must in ['\u{202f}', '\u{a0}', '€', '’', '–', '−'] {
            assert!(lang != "fr" || must != '\u{202f}' || chars.contains(&must), "French prints U+202F");
        }
        for c in chars {
            if !fonts.iter().all(|f| f.info().coverage.contains(c as u32)) {
                missing.push(format!("{lang}: U+{:04X} {c:?}", c as u32));
            }
        }
    }
    assert!(missing.is_empty(), "not in every font of the default theme:\n{}", missing.join("\n"));
}

fn northbridge() -> Portfolio {
    let yaml = std::fs::read_to_string(example("northbridge.yaml")).unwrap();
    kamdeck::input::from_yaml_str(&yaml, "northbridge.yaml").unwrap()
}

/// The example review and its flagship's plan in `lang`, rendered once per test process.
fn decks(lang: &str) -> &'static (Rendered, Rendered) {
    static DECKS: OnceLock<BTreeMap<&'static str, (Rendered, Rendered)>> = OnceLock::new();
    &DECKS.get_or_init(|| {
        let p = northbridge();
        let f = kamdeck::figures::Figures::compute(&p);
        LANGS
            .iter()
            .map(|&lang| {
                let request = SpecRequest { lang: Some(lang.into()), ..SpecRequest::default() };
                let review = Engine::new(&request.clone().resolve(DeckKind::Review).unwrap()).unwrap();
                let plan = Engine::new(&request.resolve(DeckKind::Plan).unwrap()).unwrap();
                let r = review.review(&p).unwrap_or_else(|e| panic!("{lang}: {}", e.error));
                let pl =
                    plan.plan(&p, &f, 0, kamdeck::deck::Cores::All).unwrap_or_else(|e| panic!("{lang}: {}", e.error));
                (lang, (r, pl))
            })
            .collect()
    })[lang]
}

#[test]
fn every_language_titles_the_example_from_its_own_catalogue() {
    for lang in LANGS {
        let l = locale(lang);
        let (review, plan) = decks(lang);
        let text = norm(&review.page_texts.join(" "));
        let plan_text = norm(&plan.page_texts.join(" "));
        for key in ["kicker.pareto", "kicker.dashboard", "kicker.appendix"] {
            let kicker = l.t(key).to_uppercase();
            assert!(text.contains(&kicker), "{lang}: {kicker} not in the review");
        }
        assert!(text.contains(&norm(&l.t("deck.review"))), "{lang}: the deck's name");
        assert!(plan_text.contains(&l.t("kicker.snapshot").to_uppercase()), "{lang}: the plan's snapshot");
        assert!(!text.contains('⟦') && !plan_text.contains('⟦'), "{lang}: a missing key reached a slide");
        // A title may break at its own hyphen, which text extraction then drops with the break.
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
        let (flat, plan_flat) = (squash(&text), squash(&plan_text));
        for title in review.titles.iter().chain(&plan.titles) {
            let t = squash(title);
            assert!(flat.contains(&t) || plan_flat.contains(&t), "{lang}: {title}");
        }
        if lang != "en" {
            assert!(!text.contains(&locale("en").t("agenda.title")), "{lang}: English agenda title");
        }
    }
}

#[test]
fn numbers_and_dates_follow_the_language() {
    let digits_around = |text: &str, mark: char| {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(5).any(|w| w[0].is_ascii_digit() && w[1] == mark && w[2..].iter().all(char::is_ascii_digit))
    };
    let de = decks("de").0.page_texts.join(" ");
    assert!(de.contains("15.11.2026"), "German date on the title slide");
    assert!(de.contains("\u{a0}Mio.\u{a0}$"), "German compact money: 2,4 Mio. $");
    assert!(digits_around(&de, '.'), "German grouping: 892.000");
    assert!(de.contains("8,1\u{a0}%"), "German decimal comma and percent: 8,1 %");
    let fr = decks("fr").0.page_texts.join(" ");
    assert!(fr.contains("15 nov. 2026"), "French date");
    // Grouping with U+202F (`1 234,5`) is checked in i18n's unit tests: this deck's money is compact.
    assert!(fr.contains("8,1\u{a0}%"), "French decimal comma, percent after a no-break space");
    let es = decks("es").0.page_texts.join(" ");
    assert!(es.contains("15 nov 2026"), "Spanish date");
    let en = decks("en").0.page_texts.join(" ");
    assert!(
        en.contains("Nov 15, 2026") && en.contains("$892K") && en.contains("8.1%"),
        "English as before, 80% without a space"
    );
}

fn sheet_names(xlsx: &[u8]) -> Vec<String> {
    Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap().sheet_names()
}

#[test]
fn workbooks_name_mirrors_in_the_language_and_keep_english_inputs() {
    let en = sheet_names(decks("en").0.workbook.as_ref().unwrap());
    for lang in ["de", "fr", "es"] {
        let l = locale(lang);
        let book = decks(lang).0.workbook.as_ref().unwrap();
        let names = sheet_names(book);
        assert!(names.contains(&format!("07 {}", l.t("sheet.scoring"))), "{lang}: {names:?}");
        let inputs = |n: &Vec<String>| {
            n.iter().filter(|s| !s.starts_with(|c: char| c.is_ascii_digit())).skip(1).cloned().collect::<Vec<_>>()
        };
        assert_eq!(inputs(&names), inputs(&en), "{lang}: the input sheets keep their English names");
        // A workbook made in any language reads back as the same portfolio.
        let dir = scratch(&format!("lang-book-{lang}"));
        std::fs::write(dir.join("p.xlsx"), book).unwrap();
        let back = kamdeck::input::load(&dir.join("p.xlsx")).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert_eq!(kamdeck::input::to_yaml(&back), kamdeck::input::to_yaml(&northbridge()), "{lang}");
    }
}

#[test]
fn the_portfolio_chooses_the_language_and_the_command_line_wins() {
    let dir = scratch("lang-cli");
    let yaml = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    std::fs::write(dir.join("p.yaml"), format!("deck: {{ lang: de }}\n{yaml}")).unwrap();
    let input = dir.join("p.yaml");
    let sheets = |args: &[&str]| {
        let out = dir.join("out");
        let _ = std::fs::remove_dir_all(&out);
        let mut all = vec!["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let o = kamdeck(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        sheet_names(&std::fs::read(out.join("review.xlsx")).unwrap())
    };
    assert!(sheets(&[]).iter().any(|s| s.ends_with(&locale("de").t("sheet.pareto"))), "deck.lang: de");
    let fr = sheets(&["--lang", "fr"]);
    assert!(fr.iter().any(|s| s == &format!("01 {}", locale("fr").t("sheet.title"))), "--lang fr wins: {fr:?}");

    std::fs::write(dir.join("bad.yaml"), format!("deck: {{ lang: dk }}\n{yaml}")).unwrap();
    let o = kamdeck(&["review", dir.join("bad.yaml").to_str().unwrap(), "-o", dir.join("bad").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.yaml:1:15: deck.lang: `dk` is not a language of kamdeck (de, en, es, fr)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("bad").exists());
}

/// `deck-lint` from the shared tools beside the repository, when it and Python are there.
fn deck_lint() -> Option<std::path::PathBuf> {
    let tool = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/deck-lint");
    let python = std::process::Command::new("python3").arg("-c").arg("import pdfplumber").status();
    match (tool.exists(), python.map(|s| s.success())) {
        (true, Ok(true)) => Some(tool),
        (false, _) => {
            eprintln!("skipped: ../shared/tools/deck-lint is not beside the repository");
            None
        }
        _ => {
            eprintln!("skipped: deck-lint needs python3 with pdfplumber (.ci/run installs it)");
            None
        }
    }
}

#[test]
fn every_language_lays_out_without_overlaps_or_overflow() {
    let Some(tool) = deck_lint() else { return };
    let dir = scratch("lang-lint");
    for lang in LANGS {
        let (review, plan) = decks(lang);
        for (name, pdf) in [("review", &review.pdf), ("plan", &plan.pdf)] {
            let path = dir.join(format!("{lang}-{name}.pdf"));
            std::fs::write(&path, pdf).unwrap();
            let o = std::process::Command::new("python3").arg(&tool).arg(&path).output().unwrap();
            let report = String::from_utf8_lossy(&o.stdout);
            assert!(o.status.success(), "{lang} {name}: deck-lint found\n{report}");
        }
    }
}

#[test]
fn the_language_of_a_portfolio_survives_the_excel_round_trip() {
    let yaml = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    let p = kamdeck::input::from_yaml_str(&format!("deck: {{ lang: fr }}\n{yaml}"), "p.yaml").unwrap();
    let book = kamdeck::workbook::portfolio_workbook(&p, &locale("en")).unwrap();
    let dir = scratch("lang-excel");
    std::fs::write(dir.join("p.xlsx"), book).unwrap();
    let back = kamdeck::input::load(&dir.join("p.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.deck.lang.as_deref(), Some("fr"));
    assert!(kamdeck::input::to_yaml(&back).contains("deck: { lang: fr }"), "{}", kamdeck::input::to_yaml(&back));
}
