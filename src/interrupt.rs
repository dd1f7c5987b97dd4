//! Ctrl-C and SIGTERM during a solve: a process-wide flag, set by the
//! signal handler that [`install`] registers (the `ctrlc` crate, SIGINT and
//! SIGTERM), read by the solver between HiGHS callbacks and between
//! large-neighbourhood iterations, and by the command line after the solve.
//! The first signal only asks the solve to stop: the best planning found so
//! far is then checked and written atomically with status `interrupted`, or
//! nothing is written when there is none (exit 130). A second signal ends
//! the process at once (exit 130); an output folder being written then is
//! never left half-written, since it only appears by a final rename.
//!
//! This module knows nothing of the solver, the model or the files: it is a
//! flag and its handler.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT).
pub const EXIT_INTERRUPTED: i32 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static SIGNALS: AtomicUsize = AtomicUsize::new(0);
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Registers the SIGINT/SIGTERM handler once per process. Err says why the
/// handler could not be installed (the run then goes on without it).
pub fn install() -> Result<(), String> {
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                let before = SIGNALS.fetch_add(1, Ordering::SeqCst);
                REQUESTED.store(true, Ordering::SeqCst);
                if before >= 1 {
                    std::process::exit(EXIT_INTERRUPTED);
                }
            })
            .map_err(|e| e.to_string())
        })
        .clone()
}

/// Whether a stop was asked since the last [`reset`].
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Asks the running solve to stop, as a signal would (tests, embedding code).
pub fn request() {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Clears the flag (and the count of signals) before a new run.
pub fn reset() {
    SIGNALS.store(0, Ordering::SeqCst);
    REQUESTED.store(false, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    // The flag is process-wide and polled by every solve of this test
    // binary: tests here never set it (the CLI tests send real signals).
    #[test]
    fn installing_twice_gives_the_same_answer_and_no_stop_is_asked() {
        let first = install();
        assert_eq!(install(), first);
        assert!(first.is_ok(), "{first:?}");
        assert!(!requested());
    }
}
