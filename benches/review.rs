//! End-to-end timings of `review`: the example deck, generated portfolios of 1,000 and
//! 10,000 accounts (YAML load included), and a batch of different decks on one engine.
//!
//! Run with `cargo bench`. Every figure is a cold render: typst memoises across compiles in
//! one process, so rendering the same portfolio twice would measure the cache, not the work.

use std::time::{Duration, Instant};

use kamdeck::generate::{Synthetic, portfolio_yaml};
use kamdeck::{Engine, EngineOptions, input};

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
    #[allow(clippy::cast_precision_loss)]
    let mb = yaml.len() as f64 / 1e6;
    println!(
        "{label:<26} {:>7.1} ms | load {:>6.1} | figures {:>5.1} | charts {:>4.1} | templates {:>4.1} | typeset {:>6.1} | pdf {:>5.1} | {} pages | {mb:.1} MB YAML",
        ms(total),
        ms(load),
        ms(t.figures),
        ms(t.charts),
        ms(t.templates),
        ms(t.typeset),
        ms(t.pdf),
        r.page_texts.len(),
    );
    total
}

fn main() {
    let start = Instant::now();
    let engine = Engine::new(&EngineOptions::default()).expect("engine");
    println!("engine (fonts, templates, theme) loaded once in {:.1} ms", ms(start.elapsed()));
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northbridge.yaml")).expect("example");
    run(&engine, "examples/northbridge.yaml", &example);
    for n in [1_000, 10_000] {
        let yaml = portfolio_yaml(Synthetic { accounts: n, seed: 7, stakeholders: false });
        run(&engine, &format!("generated, {n} accounts"), &yaml);
    }
    // A batch: ten different 25-account portfolios on the engine loaded above.
    let batch: Vec<String> =
        (1..=10).map(|seed| portfolio_yaml(Synthetic { accounts: 25, seed, stakeholders: false })).collect();
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
    if let Some(mb) = peak_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
}
