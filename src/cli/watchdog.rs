//! Limits of a run: a deck whose typesetting takes too long (a template or theme that loops)
//! or a process that grows too large ends the run cleanly, as Ctrl-C does: unfinished
//! files removed, a message, a non-zero exit. Typst cannot be interrupted from outside, so
//! ending the process is the one clean stop there is.

use std::time::Duration;

use crate::output::remove_unfinished;

/// How long one deck may typeset, and how much memory the process may hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Per compile.
    pub time: Duration,
    /// Resident memory, in MB.
    pub memory_mb: u64,
    /// Whether a user's templates or theme are in play (their fault: exit 2).
    pub user_files: bool,
}

/// A memory figure of this process from `/proc/self/status` in MB (Linux); `None` elsewhere.
fn status_mb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The process's resident memory in MB.
fn resident_mb() -> Option<u64> {
    status_mb("VmRSS:")
}

/// The most resident memory the process has held, in MB.
pub(super) fn peak_mb() -> Option<u64> {
    status_mb("VmHWM:")
}

fn stop(message: &str, code: i32) -> ! {
    remove_unfinished();
    eprintln!("error: {message}");
    std::process::exit(code)
}

/// Watches this run until it ends.
pub(super) fn start(limits: Limits) {
    let _ = ctrlc::set_handler(|| stop("interrupted: no new file was left half-written", 130));
    let code = if limits.user_files { 2 } else { 1 };
    let spawned = std::thread::Builder::new().name("watchdog".into()).spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if crate::typeset::longest_running().is_some_and(|t| t > limits.time) {
                stop(
                    &format!(
                        "typesetting a deck took longer than {} s (--time-limit): does a template or the theme loop?",
                        limits.time.as_secs()
                    ),
                    code,
                );
            }
            if resident_mb().is_some_and(|mb| mb > limits.memory_mb) {
                stop(
                    &format!(
                        "the run grew beyond {} MB of memory (--memory-limit): does a template or the theme build something without end?",
                        limits.memory_mb
                    ),
                    code,
                );
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!("warning: no watchdog for this run: {e}");
    }
}
