//! The hostile corpus (`tests/hostile/`, its README says the format): every case runs the
//! real executable in a folder of its own and must end with its exit code and messages,
//! within its memory and time, leaving the folder as it was when it fails (no new or
//! half-written file, nothing written through a planted link) and never printing a raw
//! control character.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One case: its input and what must come of it.
#[derive(Debug, Default)]
struct Case {
    name: String,
    /// The file to copy in as the input (`p.yaml`, `p.xlsx`), or a folder of files.
    source: Option<PathBuf>,
    /// A workbook description to build into `p.xlsx`.
    book: Option<String>,
    command: Vec<String>,
    exit: i32,
    expect: Vec<String>,
    absent: Vec<String>,
    setup: Vec<String>,
    memory_mb: u64,
    seconds: f64,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// The `# key: value` lines at the top of a case.
fn header(text: &str, name: &str) -> Case {
    let mut c = Case { name: name.to_owned(), exit: -1, memory_mb: 300, seconds: 30.0, ..Case::default() };
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let Some((key, value)) = line.trim_start_matches('#').trim().split_once(':') else { continue };
        let value = value.trim().to_owned();
        match key.trim() {
            "exit" => c.exit = value.parse().unwrap(),
            "expect" => c.expect.push(value),
            "absent" => c.absent.push(value),
            "command" => c.command = value.split_whitespace().map(str::to_owned).collect(),
            "setup" => c.setup.push(value),
            "memory" => c.memory_mb = value.parse().unwrap(),
            "seconds" => c.seconds = value.parse().unwrap(),
            other => panic!("{name}: unknown directive `{other}`"),
        }
    }
    assert!(c.exit >= 0, "{name}: no `# exit:` line");
    if c.command.is_empty() {
        c.command = vec!["review".into(), "{input}".into(), "-o".into(), "out".into()];
    }
    c
}

/// Every case of the corpus.
fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    for dir in ["files", "books", "folders"] {
        let mut paths: Vec<PathBuf> =
            std::fs::read_dir(corpus().join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_none_or(|e| e != "case")) {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let mut case = match dir {
                "folders" => {
                    let c = header(&std::fs::read_to_string(path.join("case.txt")).unwrap(), &name);
                    Case { source: Some(path), ..c }
                }
                "books" => {
                    let text = std::fs::read_to_string(&path).unwrap();
                    Case { book: Some(text.clone()), ..header(&text, &name) }
                }
                _ => {
                    // A binary input has its header beside it (`x.xlsx.case`); the others are
                    // read as bytes, since some are not UTF-8 past their header.
                    let sidecar = PathBuf::from(format!("{}.case", path.display()));
                    let bytes = std::fs::read(if sidecar.exists() { &sidecar } else { &path }).unwrap();
                    Case { source: Some(path), ..header(&String::from_utf8_lossy(&bytes), &name) }
                }
            };
            case.name = name;
            all.push(case);
        }
    }
    all
}

/// Every file under `dir` (links as their target, folders as a mark) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().to_owned();
            if meta.file_type().is_symlink() {
                out.insert(rel, std::fs::read_link(&p).unwrap().to_string_lossy().as_bytes().to_vec());
            } else if meta.is_dir() {
                out.insert(rel, b"<folder>".to_vec());
                stack.push(p);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Prepares the case's folder: the input, an output folder with a previous run's file in
/// it, a file outside every folder named (the victim of planted links), and the setup.
fn prepare(case: &Case, dir: &Path) -> String {
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/previous.txt"), "the last run's file").unwrap();
    std::fs::write(dir.join("victim.txt"), "outside every folder named").unwrap();
    let input = match (&case.source, &case.book) {
        (_, Some(book)) => {
            crate::hostile_book::write(book, &dir.join("p.xlsx"));
            "p.xlsx".to_owned()
        }
        (Some(src), None) if src.is_dir() => {
            copy_folder(src, &dir.join("case"));
            std::fs::copy(crate::support::example("minimal.yaml"), dir.join("p.yaml")).unwrap();
            "p.yaml".to_owned()
        }
        (Some(src), None) => {
            let ext = src.extension().unwrap().to_string_lossy();
            std::fs::copy(src, dir.join(format!("p.{ext}"))).unwrap();
            format!("p.{ext}")
        }
        (None, None) => unreachable!(),
    };
    for step in &case.setup {
        let words: Vec<&str> = step.split_whitespace().collect();
        match words.as_slice() {
            ["folder", path] => std::fs::create_dir_all(dir.join(path)).unwrap(),
            ["file", path] => std::fs::write(dir.join(path), "a user's file").unwrap(),
            #[cfg(unix)]
            ["link", path, "->", target] => std::os::unix::fs::symlink(target, dir.join(path)).unwrap(),
            #[cfg(not(unix))]
            ["link", ..] => {}
            _ => panic!("{}: unknown setup `{step}`", case.name),
        }
    }
    input
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let meta = std::fs::symlink_metadata(e.path()).unwrap();
        let target = to.join(e.file_name());
        if meta.is_dir() {
            copy_folder(&e.path(), &target);
        } else if e.file_name() != "case.txt" {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Runs one case; the reasons it failed, if any.
fn run(case: &Case) -> Vec<String> {
    let dir = crate::support::scratch(&format!("hostile-{}", case.name.replace('/', "-")));
    let input = prepare(case, &dir);
    let before = snapshot(&dir);
    let args: Vec<String> = case.command.iter().map(|a| a.replace("{input}", &input)).collect();
    let clock = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_kamdeck"))
        .args(&args)
        .current_dir(&dir)
        .env("KAMDECK_STATS", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let took = clock.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let mut fails = Vec::new();
    let mut fail = |why: String| fails.push(format!("{}: {why}\n--- stderr:\n{err}", case.name));
    if o.status.code() != Some(case.exit) {
        fail(format!("exit {:?}, expected {}", o.status.code(), case.exit));
    }
    for e in &case.expect {
        if !err.contains(e.as_str()) {
            fail(format!("no `{e}` in the message"));
        }
    }
    for a in &case.absent {
        if err.contains(a.as_str()) {
            fail(format!("`{a}` should not be in the message"));
        }
    }
    if err.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        fail("a raw control character reached the terminal".into());
    }
    match err.lines().rev().find_map(|l| l.strip_prefix("stats: ")) {
        Some(stats) => {
            let mb: Option<u64> =
                stats.split("peak memory ").nth(1).and_then(|m| m.trim_end_matches(" MB").parse().ok());
            if mb.is_some_and(|mb| mb > case.memory_mb) {
                fail(format!("peak memory {mb:?} MB is over {} MB", case.memory_mb));
            }
        }
        // A run stopped by its own limits prints no stats; its message says why.
        None if case.exit == 0 => fail("no stats line".into()),
        None => {}
    }
    if took > case.seconds {
        fail(format!("took {took:.1} s, more than {} s", case.seconds));
    }
    let after = snapshot(&dir);
    if case.exit != 0 {
        if after != before {
            let changed: Vec<_> = after
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(*v))
                .map(|(k, _)| k.display().to_string())
                .chain(before.keys().filter(|k| !after.contains_key(*k)).map(|k| format!("-{}", k.display())))
                .collect();
            fail(format!("a failed run changed the folder: {changed:?}"));
        }
    } else {
        for (k, v) in &before {
            if after.get(k) != Some(v) && !k.starts_with("out") {
                fail(format!("{} changed outside the output folder", k.display()));
            }
        }
        for k in after.keys().filter(|k| !before.contains_key(*k)) {
            let hidden = k.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !k.starts_with("out") || hidden {
                fail(format!("{} was left behind", k.display()));
            }
        }
    }
    fails
}

#[test]
fn hostile_corpus() {
    let cases = cases();
    assert!(cases.len() >= 80, "the corpus holds {} cases", cases.len());
    // Two at a time: most cases end in milliseconds, a few wait for a time limit.
    let (odd, even): (Vec<&Case>, Vec<&Case>) = {
        let mut o = Vec::new();
        let mut e = Vec::new();
        for (i, c) in cases.iter().enumerate() {
            if i % 2 == 0 { e.push(c) } else { o.push(c) }
        }
        (o, e)
    };
    let fails: Vec<String> = std::thread::scope(|s| {
        let a = s.spawn(|| odd.iter().flat_map(|c| run(c)).collect::<Vec<_>>());
        let b = s.spawn(|| even.iter().flat_map(|c| run(c)).collect::<Vec<_>>());
        let mut f = a.join().unwrap();
        f.extend(b.join().unwrap());
        f
    });
    assert!(fails.is_empty(), "{} of {} cases failed:\n\n{}", fails.len(), cases.len(), fails.join("\n\n"));
}
