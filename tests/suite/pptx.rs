//! The PowerPoint deck: native text, tables and charts where the PDF has them, laid out as
//! the PDF, opened by python-pptx and LibreOffice as a user's programs would.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::Command;

use kamdeck::charts::ChartData;
use kamdeck::pptx::layout::{Item, Page};
use kamdeck::{DeckKind, Engine, Rendered, SpecRequest};
use serde_json::json;

use crate::support::{example, kamdeck, scratch, stderr};

const THEMES: [&str; 3] = ["default", "midnight", "contrast"];
const EXAMPLES: [&str; 2] = ["northbridge.yaml", "minimal.yaml"];

fn engine(deck: DeckKind, theme: &str, pptx: bool) -> Engine {
    let request = SpecRequest { theme: Some(theme.to_owned()), pptx, ..SpecRequest::default() };
    Engine::new(&request.resolve(deck).unwrap()).unwrap()
}

fn portfolio(name: &str) -> kamdeck::model::Portfolio {
    kamdeck::input::load(&example(name)).unwrap()
}

/// The review and the first account's plan of `name` in `theme`, with or without PowerPoint.
fn decks(name: &str, theme: &str, pptx: bool) -> [Rendered; 2] {
    let p = portfolio(name);
    let review = engine(DeckKind::Review, theme, pptx).review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let figures = kamdeck::figures::Figures::compute(&p);
    let plan = engine(DeckKind::Plan, theme, pptx)
        .plan(&p, &figures, 0, kamdeck::deck::Cores::One)
        .unwrap_or_else(|f| panic!("{}", f.error));
    [review, plan]
}

#[test]
fn the_marks_move_nothing_on_the_pdf() {
    // The theme marks the blocks PowerPoint rebuilds only when a PowerPoint deck is asked
    // for; the PDF must come out byte for byte the same either way.
    for name in EXAMPLES {
        for theme in THEMES {
            let plain = decks(name, theme, false);
            let marked = decks(name, theme, true);
            for (a, b) in plain.iter().zip(&marked) {
                assert!(a.pptx.is_none() && b.pptx.is_some());
                assert!(a.pdf == b.pdf, "{name} in {theme}: the PDF changed with the PowerPoint marks");
            }
        }
    }
}

fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        out.insert(f.name().unwrap().into_owned(), body);
    }
    out
}

/// The values of `attr` in every `<tag …>` of `xml`.
fn attrs<'a>(xml: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let rest = &rest[..rest.find('>')?];
            let start = rest.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(&rest[start..start + rest[start..].find('"')?])
        })
        .collect()
}

/// `dir/target` with `..` resolved (relationship targets are relative to their part's folder).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn every_part_is_declared_and_every_relationship_resolves() {
    for deck in decks("northbridge.yaml", "default", true) {
        let files = parts(deck.pptx.as_ref().unwrap());
        let types = String::from_utf8(files["[Content_Types].xml"].clone()).unwrap();
        let defaults: BTreeSet<&str> = attrs(&types, "Default", "Extension").into_iter().collect();
        let overrides: BTreeSet<&str> = attrs(&types, "Override", "PartName").into_iter().collect();
        for name in files.keys().filter(|n| *n != "[Content_Types].xml") {
            let ext = name.rsplit('.').next().unwrap();
            assert!(
                overrides.contains(format!("/{name}").as_str()) || defaults.contains(ext),
                "{name} has no content type"
            );
        }
        for o in &overrides {
            assert!(files.contains_key(&o[1..]), "{o} is declared but not in the package");
        }
        let mut checked = 0;
        for (name, body) in files.iter().filter(|(n, _)| n.ends_with(".rels")) {
            let xml = std::str::from_utf8(body).unwrap();
            // `ppt/slides/_rels/slide1.xml.rels` → relative to `ppt/slides`.
            let dir = name.trim_end_matches(".rels").rsplit_once("_rels/").map_or("", |(d, _)| d);
            for target in attrs(xml, "Relationship", "Target") {
                assert!(files.contains_key(&resolve(dir, target)), "{name}: {target} is not in the package");
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked} relationships");
        // Nothing in it depends on the machine: no paths, no clock.
        let all: String = files.values().filter_map(|b| std::str::from_utf8(b).ok()).collect();
        assert!(!all.contains(env!("CARGO_MANIFEST_DIR")) && !all.contains("/tmp/"));
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = decks("northbridge.yaml", "default", true);
    let b = decks("northbridge.yaml", "default", true);
    for (x, y) in a.iter().zip(&b) {
        assert!(x.pptx == y.pptx, "two builds of the same deck differ");
    }
    // Zip entries carry a fixed time, and the chart workbooks the report date.
    let files = parts(a[0].pptx.as_ref().unwrap());
    let book = files.iter().find(|(n, _)| n.ends_with(".xlsx")).unwrap().1;
    let core = String::from_utf8(parts(book)["docProps/core.xml"].clone()).unwrap();
    assert!(core.contains("2026-11-15"), "{core}");
}

/// What python-pptx must find, from the layout the deck was made from.
fn expected(deck: &Rendered, built: &kamdeck::slides::Deck<'_>) -> serde_json::Value {
    let layout: &[Page] = deck.layout.as_ref().unwrap();
    let slides: Vec<_> = built.slides().collect();
    let pages: Vec<_> = layout
        .iter()
        .map(|page| {
            let (section, slide) = slides[page.slide];
            let items: Vec<_> = page
                .items
                .iter()
                // Zero-width text (a lone space) makes no shape worth finding.
                .filter(|i| i.rect().w > 0.5 || !matches!(i, Item::Text(_)))
                .map(|item| {
                    let r = item.rect();
                    let rect = json!([r.x, r.y, r.w, r.h]);
                    match item {
                        Item::Text(_) => json!({ "kind": "text", "rect": rect }),
                        Item::Table(t) => json!({ "kind": "table", "rect": rect, "header": t.header, "rows": t.rows }),
                        Item::Chart { slide, chart, .. } => {
                            let c = &slides[*slide].1.charts[*chart];
                            json!({ "kind": "chart", "rect": rect, "data": chart_json(&c.data, &c.look) })
                        }
                        Item::Picture { .. } => json!({ "kind": "picture", "rect": rect }),
                        Item::Shape(_) => json!({ "kind": "shape", "rect": rect }),
                    }
                })
                .collect();
            json!({ "title": slide.title, "sheet": section.sheet, "items": items })
        })
        .collect();
    let size = layout.first().map_or((0.0, 0.0), |p| (p.width, p.height));
    json!({ "size": [size.0, size.1], "pages": pages })
}

fn chart_json(data: &ChartData, look: &kamdeck::charts::Look) -> serde_json::Value {
    let look = match look {
        kamdeck::charts::Look::Waterfall { .. } => "waterfall",
        _ => "other",
    };
    match data {
        ChartData::Series { categories, series } => json!({
            "kind": "series", "look": look, "categories": categories,
            "series": series.iter().map(|s| json!({ "name": s.name, "values": s.values })).collect::<Vec<_>>(),
        }),
        ChartData::Points(points) => json!({
            "kind": "points",
            "points": points.iter().map(|p| json!({ "label": p.label, "x": p.x, "y": p.y })).collect::<Vec<_>>(),
        }),
        ChartData::Spans(spans) => json!({
            "kind": "spans",
            "spans": spans.iter().map(|s| json!({ "label": s.label })).collect::<Vec<_>>(),
        }),
    }
}

fn python_pptx() -> bool {
    let ok = Command::new("python3").args(["-c", "import pptx, openpyxl"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: python3 with python-pptx and openpyxl is not installed (.ci/run installs them)");
    }
    ok
}

#[test]
fn python_pptx_finds_every_block_where_typst_put_it() {
    if !python_pptx() {
        return;
    }
    let dir = scratch("pptx-python");
    let mut checked = 0;
    for name in EXAMPLES {
        let p = portfolio(name);
        let figures = kamdeck::figures::Figures::compute(&p);
        for theme in THEMES {
            for (kind, account) in [(DeckKind::Review, None), (DeckKind::Plan, Some(0))] {
                let engine = engine(kind, theme, true);
                let deck = match account {
                    None => engine.review(&p),
                    Some(a) => engine.plan(&p, &figures, a, kamdeck::deck::Cores::One),
                }
                .unwrap_or_else(|f| panic!("{}", f.error));
                let built = engine.slides(&p, &figures, kind, account).unwrap();
                assert_eq!(deck.layout.as_ref().unwrap().len(), deck.page_texts.len(), "a slide per page");
                let which = if account.is_some() { "plan" } else { "review" };
                let stem = format!("{}-{theme}-{which}", name.trim_end_matches(".yaml"));
                python_check(&dir.join(stem), &deck, &built);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 12);
    // And in another language.
    let p = portfolio("northbridge.yaml");
    let figures = kamdeck::figures::Figures::compute(&p);
    let request = SpecRequest { lang: Some("de".to_owned()), pptx: true, ..SpecRequest::default() };
    let engine = Engine::new(&request.resolve(DeckKind::Review).unwrap()).unwrap();
    let deck = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let built = engine.slides(&p, &figures, DeckKind::Review, None).unwrap();
    assert!(deck.titles.iter().any(|t| t.contains("Umsatz")), "a German deck");
    python_check(&dir.join("northbridge-de-review"), &deck, &built);
}

/// Writes `stem.pptx` and what it must hold, and runs `tests/pptx_check.py` on them.
fn python_check(stem: &Path, deck: &Rendered, built: &kamdeck::slides::Deck<'_>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pptx_check.py");
    let (pptx, json) = (stem.with_extension("pptx"), stem.with_extension("json"));
    std::fs::write(&pptx, deck.pptx.as_ref().unwrap()).unwrap();
    std::fs::write(&json, serde_json::to_vec(&expected(deck, built)).unwrap()).unwrap();
    let o = Command::new("python3").arg(&script).arg(&pptx).arg(&json).output().unwrap();
    assert!(
        o.status.success(),
        "{}:\n{}{}",
        stem.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn found(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn libreoffice_converts_the_decks_and_shows_every_title() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| found(p)) else {
        eprintln!("skipped: LibreOffice is not installed (.ci/run installs it)");
        return;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed (.ci/run installs it)");
        return;
    }
    let dir = scratch("pptx-libreoffice");
    // Every example's review and plan in every theme, converted in one LibreOffice run.
    let mut made: Vec<(String, Rendered)> = Vec::new();
    for name in EXAMPLES {
        for theme in THEMES {
            let [review, plan] = decks(name, theme, true);
            for (which, deck) in [("review", review), ("plan", plan)] {
                let stem = format!("{}-{theme}-{which}", name.trim_end_matches(".yaml"));
                std::fs::write(dir.join(format!("{stem}.pptx")), deck.pptx.as_ref().unwrap()).unwrap();
                made.push((stem, deck));
            }
        }
    }
    let o = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(made.iter().map(|(stem, _)| dir.join(format!("{stem}.pptx"))))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    if !dir.join(format!("{}.pdf", made[0].0)).exists() && err.contains("could not be loaded") {
        eprintln!("skipped: this LibreOffice has no Impress (libreoffice-impress-nogui; .ci/run installs it)");
        return;
    }
    for (stem, deck) in &made {
        let pdf = dir.join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "LibreOffice could not convert {stem}: {err}");
        let text = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        let pages = text.matches('\u{c}').count();
        assert_eq!(pages, deck.page_texts.len(), "{stem}: LibreOffice's pages");
        let text = crate::support::norm(&text);
        for title in &deck.titles {
            // A title may wrap at another word in another renderer: compare its words.
            for word in title.split_whitespace() {
                assert!(text.contains(word), "{stem}: `{word}` of the title `{title}` is not in LibreOffice's PDF");
            }
        }
    }
}

#[test]
fn the_command_line_writes_the_deck_beside_the_pdf() {
    let dir = scratch("pptx-cli");
    let input = example("northbridge.yaml");
    let out = dir.join("out");
    let o = kamdeck(&["review", input.to_str().unwrap(), "--pptx", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["review.pdf", "review.xlsx", "review.pptx"] {
        assert!(out.join(f).exists(), "{f}");
    }
    let o =
        kamdeck(&["plan", input.to_str().unwrap(), "--account", "northbridge", "--pptx", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("plans/northbridge.pptx").exists());
    // Without the flag, no PowerPoint deck.
    let plain = dir.join("plain");
    let o = kamdeck(&["review", input.to_str().unwrap(), "-o", plain.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(!plain.join("review.pptx").exists());
    // `deck: { pptx: true }` in the portfolio asks for it too.
    let yaml = std::fs::read_to_string(&input).unwrap() + "\ndeck:\n  pptx: true\n";
    let asked = dir.join("asked.yaml");
    std::fs::write(&asked, yaml).unwrap();
    let from_file = dir.join("from-file");
    let o = kamdeck(&["review", asked.to_str().unwrap(), "-o", from_file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(from_file.join("review.pptx").exists());
}

#[test]
fn a_themes_logo_is_a_picture_with_its_alt_text_on_4_3_slides() {
    let dir = scratch("pptx-logo");
    let brand = crate::support::brand_folder(
        &dir,
        "extends: default\npage: { aspect: \"4:3\" }\nlogo: { file: logo.svg, alt: Brand & Co, title: true, footer: true }\n",
    );
    let request = SpecRequest { theme: Some(format!("{}/", brand.display())), pptx: true, ..SpecRequest::default() };
    let engine = Engine::new(&request.resolve(DeckKind::Review).unwrap()).unwrap();
    let deck = engine.review(&portfolio("northbridge.yaml")).unwrap_or_else(|f| panic!("{}", f.error));
    let files = parts(deck.pptx.as_ref().unwrap());
    // The theme's page: 4:3 slides.
    let presentation = String::from_utf8(files["ppt/presentation.xml"].clone()).unwrap();
    let size: Vec<f64> = ["cx", "cy"].iter().map(|a| attrs(&presentation, "p:sldSz", a)[0].parse().unwrap()).collect();
    assert!((size[0] / size[1] - 4.0 / 3.0).abs() < 0.01, "slide size {size:?}");
    let slide1 = String::from_utf8(files["ppt/slides/slide1.xml"].clone()).unwrap();
    assert!(slide1.contains("<p:pic>") && slide1.contains("descr=\"Brand &amp; Co\""), "the title slide's logo");
    assert!(slide1.contains("asvg:svgBlip"), "the SVG beside its PNG");
    let pngs = files.keys().filter(|n| n.starts_with("ppt/media/") && n.ends_with(".png")).count();
    let svgs = files.keys().filter(|n| n.starts_with("ppt/media/") && n.ends_with(".svg")).count();
    assert!(
        pngs == svgs && pngs == deck.page_texts.len(),
        "a logo per slide (the title slide's, then the footers'): {pngs}"
    );
    let png = files.iter().find(|(n, _)| n.ends_with(".png")).unwrap().1;
    assert!(png.starts_with(b"\x89PNG"), "a real PNG");
    // Every logo where Typst put it.
    let pictures: usize = deck
        .layout
        .as_ref()
        .unwrap()
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, Item::Picture { .. }))
        .count();
    assert_eq!(pictures, pngs);
    if python_pptx() {
        let p = portfolio("northbridge.yaml");
        let figures = kamdeck::figures::Figures::compute(&p);
        let built = engine.slides(&p, &figures, DeckKind::Review, None).unwrap();
        python_check(&dir.join("brand-review"), &deck, &built);
    }
}

#[test]
fn tinted_rows_are_washed_into_the_page_in_a_dark_theme_too() {
    // A tinted row is the tint mixed into the page: pale on white, dark on midnight's navy,
    // where the text is light (a wash towards white made those rows unreadable).
    for (theme, dark) in [("default", false), ("midnight", true)] {
        let [review, _] = decks("northbridge.yaml", theme, true);
        let files = parts(review.pptx.as_ref().unwrap());
        let mut fills = 0;
        for (name, body) in files.iter().filter(|(n, _)| n.starts_with("ppt/slides/slide")) {
            let xml = std::str::from_utf8(body).unwrap();
            for cell in xml.split("<a:tcPr ").skip(1) {
                let cell = &cell[..cell.find("</a:tcPr>").unwrap()];
                let Some(fill) =
                    cell.rsplit("<a:solidFill><a:srgbClr val=\"").next().filter(|_| cell.ends_with("/></a:solidFill>"))
                else {
                    continue;
                };
                let hex = &fill[..6];
                let lum: u32 = (0..3).map(|i| u32::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).sum();
                assert_eq!(lum < 3 * 128, dark, "{theme}: {name}: a row tinted {hex}");
                fills += 1;
            }
        }
        assert!(fills > 0, "{theme}: the dashboard's at-risk rows are tinted");
    }
}

#[test]
fn names_with_markup_controls_and_other_scripts_stay_literal_text() {
    // User text goes into XML escaped, less the characters XML 1.0 cannot hold (dropped, as
    // the PDF drops them): the package opens and the names read as written.
    let yaml = "seller: { name: \"S & <Co> \\\"Q\\\"\" }\nfiscal_years: [FY1, FY2]\naccounts:\n  - { id: a, name: \"A <b>&amp; \\u0001\\u001b[2J x \\u202eSons\\u202c\", revenue: { FY1: 10, FY2: 12 } }\n  - { id: b, name: \"北京 🚀 #1 [test] $x$\", revenue: { FY1: 5, FY2: 4 } }\n";
    let p = kamdeck::input::from_yaml_str(yaml, "odd.yaml").unwrap();
    let engine = engine(DeckKind::Review, "default", true);
    let deck = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let files = parts(deck.pptx.as_ref().unwrap());
    let slides: String = files
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    assert!(slides.contains("A &lt;b&gt;&amp;amp; [2J x"), "markup and an escape sequence, literally");
    assert!(slides.contains("北京 🚀 #1 [test] $x$"));
    assert!(!slides.contains('\u{1b}') && !slides.contains('\u{1}'), "no character XML 1.0 forbids");
    if python_pptx() {
        let figures = kamdeck::figures::Figures::compute(&p);
        let built = engine.slides(&p, &figures, DeckKind::Review, None).unwrap();
        python_check(&scratch("pptx-odd").join("odd-review"), &deck, &built);
    }
}
