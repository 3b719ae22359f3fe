//! End-to-end timings: `review` on the example deck and on generated portfolios of 1,000
//! and 10,000 accounts (YAML load included), a batch of different review decks on one
//! engine, and account plans — one `kamdeck plan` process against a batch of 500 plans.
//!
//! The workbook is also timed alone at 10,000 accounts, first, with its peak memory; and the
//! 10,000-account review is run as users run it, as a `kamdeck review` process, with its wall
//! time and peak memory (the budget: under 1 s and 300 MB).
//!
//! With `--pptx` the same runs report the PowerPoint writer's share (layout walk and package)
//! and the 10,000-account process against the one without it (the budget: within 1.3×).
//!
//! Run with `cargo bench`. Every figure is a cold render: typst memoises across compiles in
//! one process, so rendering the same portfolio twice would measure the cache, not the work.

use std::time::{Duration, Instant};

use kamdeck::generate::{Synthetic, portfolio_yaml};
use kamdeck::{DeckKind, DeckSpec, Engine, input};

// The same allocator as the binary, so the figures match what users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn run(engine: &Engine, label: &str, yaml: &str) -> Duration {
    let start = Instant::now();
    let p = input::from_yaml_str(yaml, label).unwrap_or_else(|e| panic!("{e}"));
    let load = start.elapsed();
    let r = engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    let total = start.elapsed();
    let t = r.timings;
    let mb = yaml.len() as f64 / 1e6;
    println!(
        "{label:<26} {:>7.1} ms | load {:>6.1} | figures {:>5.1} | charts {:>4.1} | fonts {:>4.1} | templates {:>4.1} | typeset {:>6.1} | pdf {:>5.1} | workbook {:>6.1} (beside typeset+pdf) | pptx {:>5.1} | {} pages | {mb:.1} MB YAML",
        ms(total),
        ms(load),
        ms(t.figures),
        ms(t.charts),
        ms(t.glyphs),
        ms(t.templates),
        ms(t.typeset),
        ms(t.pdf),
        ms(t.workbook),
        ms(t.pptx),
        r.page_texts.len(),
    );
    total
}

/// A single `kamdeck plan` process (median of five) against plans in batch.
fn plans() {
    let exe = env!("CARGO_BIN_EXE_kamdeck");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northbridge.yaml");
    let out = std::env::temp_dir().join(format!("kamdeck-bench-{}", std::process::id()));
    let mut single: Vec<Duration> = (0..5)
        .map(|_| {
            let clock = Instant::now();
            let status = std::process::Command::new(exe)
                .args(["plan", example, "--account", "northbridge", "-o"])
                .arg(&out)
                .status()
                .expect("kamdeck plan");
            assert!(status.success());
            clock.elapsed()
        })
        .collect();
    single.sort();
    let single = single[2];
    println!("one `kamdeck plan --account northbridge` process: {:.1} ms (median of 5)", ms(single));
    let yaml = portfolio_yaml(Synthetic { stakeholders: true, ..Synthetic::new(500) });
    let p = input::from_yaml_str(&yaml, "plans").expect("generated");
    let accounts: Vec<usize> = (0..p.accounts.len()).collect();
    for no_workbook in [false, true] {
        let spec = DeckSpec::new(DeckKind::Plan);
        let engine = Engine::new(&if no_workbook { spec.without_workbook() } else { spec }).expect("engine");
        let clock = Instant::now();
        let results = kamdeck::batch::plans(&engine, &p, &accounts, &out, &|_| {});
        let total = clock.elapsed();
        let pages: usize = results.iter().filter_map(|r| r.outcome.as_ref().ok()).sum();
        let per = total / results.len().max(1) as u32;
        println!(
            "plan --all{}, 500 accounts with 5-15 stakeholders: {:.2} s, {pages} pages, {:.1} decks/s, {:.1} ms per deck = {:.2} of a single run",
            if no_workbook { " --no-workbook" } else { "" },
            total.as_secs_f64(),
            results.len() as f64 / total.as_secs_f64(),
            ms(per),
            per.as_secs_f64() / single.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// The review's workbook alone for 10,000 accounts; first, so the peak memory is its own.
fn workbook(engine: &Engine) {
    let yaml = portfolio_yaml(Synthetic::new(10_000));
    let p = input::from_yaml_str(&yaml, "workbook").expect("generated");
    let figures = kamdeck::figures::Figures::compute(&p);
    let before = peak_mb().unwrap_or(0.0);
    let clock = Instant::now();
    let book = engine.review_workbook(&p, &figures).unwrap_or_else(|e| panic!("{e}"));
    let took = clock.elapsed();
    let size = book.len() as f64 / 1e6;
    println!(
        "workbook alone, 10,000 accounts: {:.0} ms, {size:.1} MB file, peak memory {:.0} MB (portfolio loaded: {before:.0} MB)",
        ms(took),
        peak_mb().unwrap_or(0.0)
    );
}

/// `kamdeck review` of 10,000 generated accounts, PDF and workbook, as a process of its own:
/// the median wall time and the largest peak memory of five runs (`KAMDECK_STATS`).
fn review_process() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-10k");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let input = dir.join("p.yaml");
    std::fs::write(&input, portfolio_yaml(Synthetic::new(10_000))).expect("portfolio");
    let plain = review_runs(&dir, &input, false);
    let with = review_runs(&dir, &input, true);
    println!(
        "kamdeck review --pptx, 10,000 accounts: {:.0} ms median of 5, peak memory {:.0} MB: {:.2}× the review without it",
        with.0 * 1e3,
        with.1,
        with.0 / plain.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Five `kamdeck review` processes: the median wall time and the largest peak memory.
fn review_runs(dir: &std::path::Path, input: &std::path::Path, pptx: bool) -> (f64, f64) {
    let mut runs: Vec<(f64, f64)> = (0..5)
        .map(|_| {
            let mut args = vec!["review", input.to_str().expect("path"), "-o"];
            let out = dir.join("out");
            args.push(out.to_str().expect("path"));
            if pptx {
                args.push("--pptx");
            }
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_kamdeck"))
                .args(&args)
                .env("KAMDECK_STATS", "1")
                .output()
                .expect("kamdeck");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            let stats = err.lines().rev().find_map(|l| l.strip_prefix("stats: ")).expect("stats line").to_owned();
            let secs: f64 = stats.split(" s,").next().and_then(|x| x.parse().ok()).expect("seconds");
            let mb: f64 =
                stats.split("peak memory ").nth(1).and_then(|x| x.trim_end_matches(" MB").parse().ok()).unwrap_or(0.0);
            (secs, mb)
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
    if !pptx {
        println!(
            "kamdeck review, 10,000 accounts (PDF and workbook), one process: {:.0} ms median of 5 (fastest {:.0}, slowest {:.0}), peak memory {peak:.0} MB",
            runs[2].0 * 1e3,
            runs[0].0 * 1e3,
            runs[4].0 * 1e3,
        );
    }
    (runs[2].0, peak)
}

fn main() {
    review_process();
    let start = Instant::now();
    let scratch = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-scratch");
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    // As `kamdeck review` does: the review's workbook streams its sheets through the output folder.
    let engine = Engine::new(&DeckSpec::new(DeckKind::Review)).expect("engine").with_scratch(scratch.clone());
    println!("engine (fonts, templates, theme) loaded once in {:.1} ms", ms(start.elapsed()));
    workbook(&engine);
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northbridge.yaml")).expect("example");
    run(&engine, "examples/northbridge.yaml", &example);
    for n in [1_000, 10_000] {
        let yaml = portfolio_yaml(Synthetic::new(n));
        run(&engine, &format!("generated, {n} accounts"), &yaml);
    }
    // The same with the PowerPoint deck (its own engine: the theme's marks are on).
    let pptx = Engine::new(&DeckSpec::new(DeckKind::Review).with_pptx()).expect("engine").with_scratch(scratch);
    run(&pptx, "--pptx examples/north…", &example);
    run(&pptx, "--pptx 10,000 accounts", &portfolio_yaml(Synthetic::new(10_000)));
    // A batch: ten different 25-account portfolios on the engine loaded above.
    let batch: Vec<String> = (1..=10).map(|seed| portfolio_yaml(Synthetic { seed, ..Synthetic::new(25) })).collect();
    let clock = Instant::now();
    for yaml in &batch {
        let p = input::from_yaml_str(yaml, "batch").expect("generated");
        engine.review(&p).unwrap_or_else(|f| panic!("{}", f.error));
    }
    println!(
        "batch of {} different review decks on one engine: {:.1} ms per deck",
        batch.len(),
        ms(clock.elapsed() / 10)
    );
    plans();
    if let Some(mb) = peak_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
}
