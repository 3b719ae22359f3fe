//! Shared helpers: the example paths, a rendered-deck cache, text normalisation.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use kamdeck::{DeckKind, DeckSpec, Engine, Rendered};

/// A file under `examples/`.
pub(crate) fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// One engine per test process, as the CLI has one per run.
pub(crate) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&DeckSpec::new(DeckKind::Review)).unwrap_or_else(|e| panic!("{e}")))
}

/// Renders the review deck of a YAML text.
pub(crate) fn review_yaml(yaml: &str) -> Rendered {
    let p = kamdeck::input::from_yaml_str(yaml, "test.yaml").unwrap_or_else(|e| panic!("{e}"));
    engine().review(&p).unwrap_or_else(|f| panic!("{}", f.error))
}

/// The example's review deck, rendered once.
pub(crate) fn northbridge() -> &'static Rendered {
    static DECK: OnceLock<Rendered> = OnceLock::new();
    DECK.get_or_init(|| review_yaml(&std::fs::read_to_string(example("northbridge.yaml")).unwrap()))
}

/// Whitespace folded to single spaces, so text split over lines or runs compares equal.
pub(crate) fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// All pages' text, normalised.
pub(crate) fn all_text(r: &Rendered) -> String {
    norm(&r.page_texts.join(" "))
}

/// Runs the real executable.
pub(crate) fn kamdeck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kamdeck")).args(args).output().unwrap()
}

/// A run's standard error as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty folder under the target directory.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A theme folder `dir/brand` with a green 80×40 `logo.svg` and `theme_yaml`.
pub(crate) fn brand_folder(dir: &std::path::Path, theme_yaml: &str) -> PathBuf {
    let brand = dir.join("brand");
    std::fs::create_dir_all(&brand).unwrap();
    std::fs::write(
        brand.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#00FF00"/></svg>"##,
    )
    .unwrap();
    std::fs::write(brand.join("theme.yaml"), theme_yaml).unwrap();
    brand
}
