//! The code's shape, checked: no import cycles between modules, no oversized files, and
//! every registered slide kind complete (template, sheet name, catalogue keys).
//!
//! `cargo test architecture` runs these; they read `src/` as text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kamdeck::assets::Assets;
use kamdeck::i18n::Locale;
use kamdeck::slides::{PLAN, REVIEW, SlideKind};

/// Longest source file, in lines: a module a reader takes in at once.
const MAX_LINES: usize = 400;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The module path of a file: `src/slides/review/pareto.rs` → `[slides, review, pareto]`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without its unit tests (`#[cfg(test)]` to the end) and comments.
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..cut].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The paths a file names, absolute from the crate root: `crate::a::b`, `super::c` and the
/// members of `crate::{a, b::c}` groups.
fn paths(file: &Path) -> Vec<Vec<String>> {
    let here = module_of(file);
    let is_mod_file = file.file_stem().is_some_and(|s| s == "mod" || s == "lib");
    let code = code(file);
    let mut out = Vec::new();
    for (start, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let preceded = code[..start].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        if preceded {
            continue;
        }
        let mut base: Vec<String> = if code[start..].starts_with("crate::") {
            Vec::new()
        } else {
            // `super` of `a/b.rs` is `a`; of `a/b/mod.rs` it is `a` too.
            let mut m = here.clone();
            if !is_mod_file || m.len() > 1 {
                m.pop();
            }
            if is_mod_file && !here.is_empty() {
                // `a/b/mod.rs` is module a::b; its super is a.
            }
            m
        };
        let rest = &code[start + code[start..].find("::").unwrap() + 2..];
        let mut tail = rest;
        // Follow `x::y::` segments.
        loop {
            let seg: String = tail.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if seg.is_empty() {
                break;
            }
            if seg == "super" {
                base.pop();
            } else {
                base.push(seg.clone());
            }
            tail = &tail[seg.len()..];
            if let Some(t) = tail.strip_prefix("::") {
                tail = t;
            } else {
                break;
            }
        }
        if tail.starts_with('{') {
            // A group: each member's first segments.
            let mut depth = 0;
            let mut member = String::new();
            for c in tail.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 || (depth == 1 && c == ',') {
                    push_member(&base, &member, &mut out);
                    member.clear();
                    if depth == 0 {
                        break;
                    }
                } else if !(depth == 1 && c == '{') {
                    member.push(c);
                }
            }
        } else {
            out.push(base);
        }
    }
    out
}

fn push_member(base: &[String], member: &str, out: &mut Vec<Vec<String>>) {
    let mut p = base.to_vec();
    for seg in member.trim().split("::") {
        let seg: String = seg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if seg.is_empty() || seg == "self" {
            break;
        }
        p.push(seg);
    }
    out.push(p);
}

/// The longest prefix of `path` that is a module (a file or folder under `src/`).
fn as_module(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p)).unwrap_or_default()
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let files = sources(&src());
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    // Edges between sibling modules: `slides::review::pareto` naming `workbook::mirror` is an
    // edge slides → workbook under the crate root; naming `slides::Ctx` (its own ancestor)
    // is none.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in &files {
        let from = module_of(f);
        for path in paths(f) {
            let to = as_module(&path, &modules);
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common < from.len() && common < to.len() {
                edges.entry(from[..=common].to_vec()).or_default().insert(to[..=common].to_vec());
            }
        }
    }
    let mut cycles = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if reaches(&edges, b, a, &mut BTreeSet::new()) {
                cycles.push(format!("{} → {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(cycles.is_empty(), "modules importing each other (each edge is on a cycle):\n{}", cycles.join("\n"));
    assert!(edges.contains_key(&vec!["slides".to_owned()]), "the scan found no imports at all");
}

fn reaches(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
    to: &Vec<String>,
    seen: &mut BTreeSet<Vec<String>>,
) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from.clone()) {
        return false;
    }
    edges.get(from).is_some_and(|next| next.iter().any(|n| reaches(edges, n, to, seen)))
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = sources(&src())
        .into_iter()
        .map(|f| (std::fs::read_to_string(&f).unwrap().lines().count(), f))
        .filter(|(n, _)| *n > MAX_LINES)
        .map(|(n, f)| format!("{}: {n} lines", f.strip_prefix(src()).unwrap().display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

/// The source file of a slide kind: `slides/<deck>/<module>.rs` holding `id: "<id>"`.
fn kind_source(id: &str) -> String {
    let needle = format!("id: \"{id}\"");
    sources(&src().join("slides"))
        .into_iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .find(|text| text.contains(&needle))
        .unwrap_or_else(|| panic!("no module under src/slides declares {needle}"))
}

/// Literal catalogue keys a module asks for: `c.t("k")`, `c.tr("k", …)`, `c.tn("k", …)`
/// (which needs `k.one` and `k.other`), `c.units("u", …)` and `c.word("k")`.
fn literal_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (call, forms) in [
        (".t(\"", &[""][..]),
        (".tr(\"", &[""]),
        (".word(\"", &[""]),
        (".tn(\"", &[".one", ".other"]),
        (".units(\"", &[".one", ".other"]),
    ] {
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            let key = &rest[..rest.find('"').unwrap()];
            let key = if call == ".units(\"" { format!("unit.{key}") } else { key.to_owned() };
            keys.extend(forms.iter().map(|f| format!("{key}{f}")));
        }
    }
    keys
}

#[test]
fn every_slide_kind_has_its_template_sheet_and_catalogue_keys() {
    let assets = Assets::builtin();
    let en = Locale::load(&assets, "en").unwrap();
    let mut problems = Vec::new();
    let kinds: Vec<&SlideKind> = REVIEW.iter().chain(PLAN.iter()).copied().collect();
    let ids: BTreeSet<&str> = kinds.iter().map(|k| k.id).collect();
    assert_eq!(ids.len(), kinds.len(), "slide ids are unique across both decks");
    for kind in kinds {
        if kind.templates.is_empty() {
            problems.push(format!("{}: names no template", kind.id));
        }
        for t in kind.templates {
            if assets.get(&format!("templates/{t}")).is_none() {
                problems.push(format!("{}: template templates/{t} is not built in", kind.id));
            }
        }
        let sheet = format!("sheet.{}", kind.id);
        if !en.has(&sheet) {
            problems.push(format!("{}: catalogue lacks {sheet} (its workbook sheet)", kind.id));
        }
        for key in literal_keys(&kind_source(kind.id)) {
            if !en.has(&key) {
                problems.push(format!("{}: catalogue lacks {key}", kind.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_finds_keys_and_paths() {
    let keys = literal_keys(r#"c.t("a.b"); c.tn("n", 2, &[]); c.units("days", 1)"#);
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["a.b", "n.one", "n.other", "unit.days.one", "unit.days.other"]);
}
