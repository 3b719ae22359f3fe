//! Branded decks: the built-in themes at both page shapes, their contrast, a partial theme
//! of the user's that changes exactly what it names, and fonts that are never replaced
//! without a word.

use std::path::Path;

use kamdeck::assets::Assets;
use kamdeck::theme::{Theme, ThemeSource, contrast_ratio};
use kamdeck::{DeckKind, DeckSpec, Engine, Rendered};

use crate::support::{example, kamdeck, scratch, stderr};

fn builtin(name: &str) -> Theme {
    Theme::load(&mut Assets::builtin(), &ThemeSource::Builtin(name.to_owned())).unwrap_or_else(|e| panic!("{e}"))
}

/// The theme `name` at 4:3: a folder of one line over it.
fn standard(name: &str) -> ThemeSource {
    let dir = scratch(&format!("aspect-{name}"));
    std::fs::write(dir.join("theme.yaml"), format!("extends: {name}\npage: {{ aspect: \"4:3\" }}\n")).unwrap();
    ThemeSource::Folder(dir)
}

fn render(theme: &ThemeSource, deck: DeckKind, file: &str) -> Rendered {
    let mut spec = DeckSpec::new(deck);
    spec.theme = theme.clone();
    let engine = Engine::new(&spec).unwrap_or_else(|e| panic!("{theme}: {e}"));
    let p = kamdeck::input::load(&example(file)).unwrap();
    let r = match deck {
        DeckKind::Review => engine.review(&p),
        DeckKind::Plan => engine.plan(&p, &kamdeck::figures::Figures::compute(&p), 0, kamdeck::deck::Cores::One),
    };
    r.unwrap_or_else(|f| panic!("{theme} {file}: {}", f.error))
}

/// Every example deck in `name` at 16:9 and 4:3 has the default theme's pages and titles.
fn same_decks_as_the_default(name: &str) {
    for (deck, file) in [
        (DeckKind::Review, "northbridge.yaml"),
        (DeckKind::Review, "minimal.yaml"),
        (DeckKind::Plan, "northbridge.yaml"),
    ] {
        let default = render(&ThemeSource::Builtin("default".into()), deck, file);
        for theme in [ThemeSource::Builtin(name.to_owned()), standard(name)] {
            let r = render(&theme, deck, file);
            assert_eq!(r.titles, default.titles, "{theme} {file}");
            assert_eq!(r.page_texts.len(), default.page_texts.len(), "{theme} {file}: pages");
            assert!(r.warnings.is_empty(), "{theme} {file}: {:?}", r.warnings);
        }
    }
}

#[test]
fn midnight_holds_every_example_at_both_shapes() {
    same_decks_as_the_default("midnight");
}

#[test]
fn contrast_holds_every_example_at_both_shapes() {
    same_decks_as_the_default("contrast");
}

#[test]
fn default_holds_every_example_at_4_3() {
    same_decks_as_the_default("default");
}

#[test]
fn built_in_themes_meet_wcag_aa() {
    for name in ["default", "midnight", "contrast"] {
        let t = builtin(name);
        let c = &t.colors;
        // Text: 4.5 to 1 (AA); titles and key figures are large text but get the same bar.
        let text = [
            ("text", &c.text, &c.background),
            ("subtle", &c.subtle, &c.background),
            ("primary", &c.primary, &c.background),
            ("accent", &c.accent, &c.background),
            ("text on surface", &c.text, &c.surface),
            ("subtle on surface", &c.subtle, &c.surface),
            ("primary on surface", &c.primary, &c.surface),
            ("on_cover", &c.on_cover, &c.cover),
        ];
        for (role, fg, bg) in text {
            let ratio = contrast_ratio(fg, bg).unwrap();
            assert!(ratio >= 4.5, "{name}: {role} {fg} on {bg} is {ratio:.2}:1, below AA's 4.5:1");
        }
        // Marks that carry meaning (tones, the highlighted data): 3 to 1 (WCAG 1.4.11).
        for (role, fg) in
            [("positive", &c.positive), ("neutral", &c.neutral), ("negative", &c.negative), ("tier_a", &c.tier_a)]
        {
            let ratio = contrast_ratio(fg, &c.background).unwrap();
            assert!(ratio >= 3.0, "{name}: {role} {fg} is {ratio:.2}:1 on the page, below 3:1");
        }
    }
    // The high-contrast theme's data colours differ in lightness, so they print apart in grey.
    let c = builtin("contrast").colors;
    let mut grey: Vec<f64> = c.series.iter().map(|s| kamdeck::theme::relative_luminance(s).unwrap()).collect();
    grey.sort_by(f64::total_cmp);
    assert!(grey.windows(2).all(|w| contrast_ratio_of(w[0], w[1]) >= 1.3), "{grey:?}");
}

fn contrast_ratio_of(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Pixels of page `page` (1-based) at 20 dpi as RGB triples, through poppler; `None` when
/// poppler is not installed.
fn pixels(pdf: &Path, page: usize) -> Option<Vec<[u8; 3]>> {
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", "20", "-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str()?])
        .output()
        .ok()?;
    let data = out.stdout;
    // Binary PPM: "P6\n<w> <h>\n255\n" then the pixels.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    Some(data[at + 1..].chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect())
}

fn near(p: [u8; 3], hex: &str) -> bool {
    let (r, g, b) = kamdeck::theme::parse_hex(hex).unwrap();
    p.iter().zip([r, g, b]).all(|(a, b)| a.abs_diff(b) <= 12)
}

fn media_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut boxes: Vec<String> =
        text.match_indices("/MediaBox[").map(|(i, _)| text[i..].split(']').next().unwrap_or("").to_owned()).collect();
    boxes.dedup();
    boxes
}

#[test]
fn a_partial_theme_changes_exactly_what_it_names() {
    let dir = scratch("partial-theme");
    let brand = crate::support::brand_folder(
        &dir,
        "extends: default\npage: { aspect: \"4:3\" }\ncolors: { primary: \"#D81B60\" }\nlogo: { file: logo.svg, alt: Brand }\n",
    );
    let input = example("northbridge.yaml");
    let run = |out: &str, theme: Option<&Path>| {
        let out = dir.join(out);
        let mut args = vec!["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        if let Some(t) = theme {
            args.extend(["--theme", t.to_str().unwrap()]);
        }
        let o = kamdeck(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        out.join("review.pdf")
    };
    let (plain, branded) = (run("default", None), run("brand", Some(&brand)));
    let (a, b) = (std::fs::read(&plain).unwrap(), std::fs::read(&branded).unwrap());
    assert_eq!(media_boxes(&a), ["/MediaBox[0 0 841.8898 473.563"], "16:9 by default");
    assert_eq!(media_boxes(&b), ["/MediaBox[0 0 793.7008 595.2756"], "4:3 in the brand");
    // The logo's alternative text is in the tagged PDF.
    assert!(String::from_utf8_lossy(&b).contains("/Alt(Brand)"), "no alt text for the logo");
    let Some(default_pareto) = pixels(&plain, 5) else {
        eprintln!("skipped the colour comparison: pdftoppm (poppler-utils) is not installed");
        return;
    };
    let brand_pareto = pixels(&branded, 5).unwrap();
    let count = |px: &[[u8; 3]], hex: &str| px.iter().filter(|p| near(**p, hex)).count();
    // The highlighted bars and the title take the new primary; nothing else turns pink.
    assert_eq!(count(&default_pareto, "#D81B60"), 0);
    assert!(count(&brand_pareto, "#D81B60") > 200, "{} pink pixels", count(&brand_pareto, "#D81B60"));
    assert_eq!(count(&brand_pareto, "#1B2A4A"), 0, "the brand's Pareto still shows the default's primary");
    // The cover keeps its own colour, and now shows the logo.
    let (default_cover, brand_cover) = (pixels(&plain, 1).unwrap(), pixels(&branded, 1).unwrap());
    assert!(count(&brand_cover, "#1B2A4A") > count(&brand_cover, "#D81B60"));
    assert_eq!(count(&default_cover, "#00FF00"), 0);
    assert!(count(&brand_cover, "#00FF00") > 20, "no logo on the title slide");
}

#[test]
fn fonts_are_never_replaced_without_a_word() {
    let dir = scratch("fonts-theme");
    std::fs::write(dir.join("theme.yaml"), "extends: default\nfonts: { heading: Lato }\n").unwrap();
    let o = kamdeck(&[
        "review",
        example("minimal.yaml").to_str().unwrap(),
        "--theme",
        dir.to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let want = format!(
        "{}:2:19: font family `Lato` is not in the theme's fonts/ folder (it has: Inter)",
        dir.join("theme.yaml").display()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    assert!(!dir.join("out").exists());

    // A name in Chinese under the Latin-only default theme: a warning naming it and its slide,
    // an error under --strict (and nothing written).
    let yaml = std::fs::read_to_string(example("minimal.yaml")).unwrap().replace("Beta Logistics", "北京物流");
    let input = dir.join("p.yaml");
    std::fs::write(&input, yaml).unwrap();
    let out = dir.join("cjk");
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("warning: slide 4 (dashboard): the theme's fonts (Inter) have no `北` (U+5317) for \"北京物流\""),
        "{}",
        stderr(&o)
    );
    // The theme's own footer text is checked too, and a text colour below AA is a warning.
    let theme = dir.join("cjk-theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("theme.yaml"),
        "extends: default\nfooter: { text: \"北京\" }\ncolors: { text: \"#EEEEEE\" }\n",
    )
    .unwrap();
    let o = kamdeck(&[
        "review",
        example("minimal.yaml").to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
        "-o",
        dir.join("cjk-theme-out").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the fonts (Inter) have no `北` (U+5317) for the footer"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("colors.text #EEEEEE on colors.background #FFFFFF has a contrast of 1.2:1"),
        "{}",
        stderr(&o)
    );
    let strict = dir.join("strict");
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", strict.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("(--strict makes these errors)"), "{}", stderr(&o));
    assert!(!strict.join("review.pdf").exists());
}

/// A file of a theme folder: its name and bytes.
type File<'a> = (&'a str, &'a [u8]);

#[test]
fn theme_errors_name_the_file_line_and_key() {
    let dir = scratch("theme-errors");
    let default_yaml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/theme.yaml")).unwrap();
    let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/fonts/Inter-Regular.otf")).unwrap();
    let cut = &font[..40_000];
    let cases: &[(&str, &[File<'_>], &str)] = &[
        (
            "extends: default\ncolours: {}\n",
            &[],
            "2:1: `colours` is not a theme key (keys here: name, description, extends, page, palette, colors, fonts, sizes, logo, footer); did you mean `colors`?",
        ),
        ("extends: default\npage: { aspect: \"3:2\" }\n", &[], "2:17: `3:2` is not a page aspect: \"16:9\" or \"4:3\""),
        ("extends: midnite\n", &[], "1:10: `midnite` is not a built-in theme (contrast, default, midnight)"),
        (
            "extends: default\nlogo: { file: logo.png, alt: X }\n",
            &[],
            "2:15: `logo.png` is not a file of the theme folder",
        ),
        ("extends: default\nsizes: { title: 80 }\n", &[], "2:17: sizes.title is 14 to 36 points"),
        ("extends: default\npage: { margins: { left: 144 } }\n", &[], "a margin is 0 to 72 points"),
        ("extends: default\nfooter: { text: \"two\\nlines\" }\n", &[], "2:17: the footer is one line of text"),
        (
            "extends: default\ncolors: { series: [\"#000000\", \"#111111\", \"#222222\", nope, \"#444444\", \"#555555\"] }\n",
            &[],
            "2:53: `nope` is neither a #RRGGBB colour",
        ),
        ("extends: ../../\n", &[], "a theme folder extends a built-in theme or a theme folder beside it"),
        ("a: 1\n---\nb: 2\n", &[], "`a` is not a theme key"),
        (
            "colors: { primary: \"#000000\" }\n",
            &[],
            "theme.yaml: colors.background, colors.surface, colors.cover, colors.on_cover, colors.accent, colors.text, colors.subtle, colors.muted, … 27 more are missing: set them, or start from a built-in theme with `extends: default`",
        ),
        (&default_yaml, &[], "there is no theme.typ: a theme that extends none needs its own layout functions"),
        (
            "extends: default\nlogo: { file: logo.png, alt: X }\n",
            &[("logo.png", b"not an image")],
            "logo.png: the logo cannot be shown",
        ),
        (
            "extends: default\n",
            &[("theme.typ", b"#let x = (1 +\n")],
            "theme.typ:1:10: the theme does not compile: unclosed delimiter",
        ),
        (
            "extends: default\n",
            &[("fonts/Inter-Regular.otf", cut)],
            "fonts/Inter-Regular.otf: not a font kamdeck can use",
        ),
    ];
    for (i, (yaml, files, want)) in cases.iter().enumerate() {
        let theme = dir.join(format!("t{i}"));
        std::fs::create_dir_all(theme.join("fonts")).unwrap();
        std::fs::write(theme.join("theme.yaml"), yaml).unwrap();
        for (name, bytes) in *files {
            std::fs::write(theme.join(name), bytes).unwrap();
        }
        let out = dir.join(format!("out{i}"));
        let o = kamdeck(&[
            "review",
            example("minimal.yaml").to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{yaml}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{yaml}: expected {want:?} in {}", stderr(&o));
        assert!(!out.exists(), "{yaml}: an output folder was made");
    }
}

#[test]
fn a_portfolio_theme_stays_in_the_portfolio_folder() {
    let dir = scratch("portfolio-theme-bound");
    let port = dir.join("port");
    std::fs::create_dir_all(port.join("brand")).unwrap();
    std::fs::create_dir_all(dir.join("outsider")).unwrap();
    std::fs::write(dir.join("outsider/theme.yaml"), "extends: default\nfooter: { text: READ FROM OUTSIDE }\n").unwrap();
    std::fs::write(port.join("brand/theme.yaml"), "extends: ../../outsider/\n").unwrap();
    let minimal = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    let input = port.join("p.yaml");
    std::fs::write(&input, format!("deck: {{ theme: ./brand/ }}\n{minimal}")).unwrap();
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", dir.join("out").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("leads out of the portfolio's folder"), "{}", stderr(&o));
    // The same theme named on the command line may extend a folder beside it.
    std::fs::write(port.join("brand/theme.yaml"), "extends: ../side/\n").unwrap();
    std::fs::create_dir_all(port.join("side")).unwrap();
    std::fs::write(port.join("side/theme.yaml"), "extends: default\n").unwrap();
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", dir.join("out2").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}
