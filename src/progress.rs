//! Progress of a solve on stderr: the solver reports events (phase,
//! incumbent, bound) and this module decides what the user sees. On a
//! terminal, one live line (elapsed, phase, incumbent, bound, gap) is
//! redrawn in place at most 10 times a second, shown only once the solve
//! has run for [`LIVE_AFTER_SECONDS`], and erased when the solve ends.
//! When stderr is not a terminal (a pipe, a log file), one line per
//! improvement of the incumbent or of the bound, in a stable format
//! ([`format_line`]):
//!
//! ```text
//! rota: 12.3 s  LNS  incumbent 10140.00  bound 10036.72  gap 1.02 %
//! ```
//!
//! (`-` stands for a value not known yet; the incumbent of successive lines
//! never increases and the bound never decreases.) Notes (a phase's
//! summary) are printed as `rota: 60.0 s  LNS  <text>`, without the word
//! `incumbent`.
//!
//! [`Reporter`] is the pure part (any writer, elapsed time given by the
//! caller, so it is tested without a clock or a terminal). The process-wide
//! session ([`begin`], [`report`], [`note`], [`end`]) is what the solver and
//! the CLI call: the CLI opens it around a solve (`--quiet`: never), the
//! solver reports wherever `SolveOptions::progress` is set. A report with
//! no open session opens one in line mode (library use).
//!
//! Architecture invariant: no solver types here; events are plain numbers.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// On a terminal, the live line appears only once a solve has run this long.
pub const LIVE_AFTER_SECONDS: f64 = 1.0;

/// Minimum time between two redraws of the live line (10 Hz).
pub const REDRAW_SECONDS: f64 = 0.1;

/// Line mode: a better bound alone (same incumbent) is printed at most this
/// often, since the solver raises it in many small steps; the next line
/// carries the latest bound anyway.
pub const BOUND_LINE_SECONDS: f64 = 1.0;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One line redrawn in place (stderr is a terminal).
    Live,
    /// One line per improvement (stderr is not a terminal).
    Lines,
}

impl Mode {
    /// [`Mode::Live`] when stderr is a terminal that understands the
    /// erase-line sequence (not `TERM=dumb`), else [`Mode::Lines`].
    pub fn for_stderr() -> Mode {
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        if std::io::stderr().is_terminal() && !dumb {
            Mode::Live
        } else {
            Mode::Lines
        }
    }
}

/// One progress event of the solver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event<'a> {
    /// What is running (`HiGHS`, `LNS`, `construct`, ...).
    pub phase: &'a str,
    /// Seconds since the solve started.
    pub elapsed: f64,
    /// Objective of the best planning found by the phase, if any.
    pub incumbent: Option<f64>,
    /// Proven lower bound on the objective, if any.
    pub bound: Option<f64>,
}

/// Relative gap `(incumbent − bound) / |incumbent|` (0 when they meet), as
/// HiGHS and `summary.json` compute it.
pub fn gap(incumbent: f64, bound: f64) -> f64 {
    let diff = (incumbent - bound).max(0.0);
    if diff <= 1e-9 {
        0.0
    } else if incumbent.abs() <= 1e-9 {
        f64::INFINITY
    } else {
        diff / incumbent.abs()
    }
}

/// Magnitudes from here on are the solver's "none yet" sentinels (1e300, ...).
const SENTINEL: f64 = 1e20;

/// Whether `x` is a real value (finite, not a sentinel).
fn known(x: &f64) -> bool {
    x.is_finite() && x.abs() < SENTINEL
}

fn number(v: Option<f64>) -> String {
    match v {
        Some(x) if known(&x) => format!("{x:.2}"),
        _ => "-".to_string(),
    }
}

/// The text of a progress line (without the `rota: ` prefix of line mode):
/// `12.3 s  LNS  incumbent 10140.00  bound 10036.72  gap 1.02 %`.
pub fn format_line(
    elapsed: f64,
    phase: &str,
    incumbent: Option<f64>,
    bound: Option<f64>,
) -> String {
    let incumbent = incumbent.filter(known);
    let bound = bound.filter(known);
    let gap = match (incumbent, bound) {
        (Some(i), Some(b)) if gap(i, b).is_finite() => format!("{:.2} %", 100.0 * gap(i, b)),
        _ => "-".to_string(),
    };
    format!(
        "{:.1} s  {phase}  incumbent {}  bound {}  gap {gap}",
        elapsed.max(0.0),
        number(incumbent),
        number(bound)
    )
}

/// Erases the current terminal line: carriage return, then "erase line".
const CLEAR: &str = "\r\x1b[2K";

/// Decides what to write for each event; writes to `out`.
#[derive(Debug)]
pub struct Reporter<W: Write> {
    mode: Mode,
    out: W,
    phase: String,
    incumbent: Option<f64>,
    bound: Option<f64>,
    /// Elapsed time of the last redraw of the live line, when it is shown.
    drawn_at: Option<f64>,
    /// Line mode: elapsed time of the last line written.
    line_at: Option<f64>,
    /// Live mode: longest line drawn, in characters (a longer one would
    /// wrap, and erasing would leave its first part on screen).
    width: usize,
}

impl<W: Write> Reporter<W> {
    /// A reporter in `mode` writing to `out`.
    pub fn new(mode: Mode, out: W) -> Self {
        Reporter {
            mode,
            out,
            phase: String::new(),
            incumbent: None,
            bound: None,
            drawn_at: None,
            line_at: None,
            width: 79,
        }
    }

    /// Sets the longest live line, in characters (at least 20).
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(20);
        self
    }

    /// The best incumbent so far.
    pub fn incumbent(&self) -> Option<f64> {
        self.incumbent
    }

    /// The best bound so far.
    pub fn bound(&self) -> Option<f64> {
        self.bound
    }

    /// Records an event: in line mode, writes a line when the incumbent
    /// went down, or when the bound went up (at most every
    /// [`BOUND_LINE_SECONDS`] for the bound alone); in live mode, redraws the
    /// line (throttled, not before [`LIVE_AFTER_SECONDS`]).
    pub fn event(&mut self, e: &Event<'_>) {
        let tol = |x: f64| 1e-9_f64.max(1e-9 * x.abs());
        let (mut better_incumbent, mut better_bound) = (false, false);
        if let Some(i) = e.incumbent.filter(known) {
            if self.incumbent.is_none_or(|best| i < best - tol(best)) {
                self.incumbent = Some(i);
                better_incumbent = true;
            }
        }
        if let Some(b) = e.bound.filter(known) {
            // A bound above the incumbent is a rounding artefact: cap it.
            let b = match self.incumbent {
                Some(i) => b.min(i),
                None => b,
            };
            if self.bound.is_none_or(|best| b > best + tol(best)) {
                self.bound = Some(b);
                better_bound = true;
            }
        }
        if self.phase != e.phase {
            self.phase = e.phase.to_string();
        }
        match self.mode {
            Mode::Lines => {
                let bound_due = better_bound
                    && self
                        .line_at
                        .is_none_or(|at| e.elapsed - at >= BOUND_LINE_SECONDS || e.elapsed < at);
                if better_incumbent || bound_due {
                    self.line_at = Some(e.elapsed);
                    let line = format_line(e.elapsed, &self.phase, self.incumbent, self.bound);
                    let _ = writeln!(self.out, "rota: {line}");
                }
            }
            Mode::Live => self.tick(e.elapsed),
        }
    }

    /// Live mode: redraws the line when due (a no-op in line mode).
    pub fn tick(&mut self, elapsed: f64) {
        if self.mode != Mode::Live || elapsed < LIVE_AFTER_SECONDS {
            return;
        }
        if self
            .drawn_at
            .is_some_and(|at| elapsed - at < REDRAW_SECONDS && elapsed >= at)
        {
            return;
        }
        let phase = if self.phase.is_empty() {
            "starting"
        } else {
            self.phase.as_str()
        };
        let line = format!(
            "rota {}",
            format_line(elapsed, phase, self.incumbent, self.bound)
        );
        let line: String = line.chars().take(self.width).collect();
        let _ = write!(self.out, "{CLEAR}{line}");
        let _ = self.out.flush();
        self.drawn_at = Some(elapsed);
    }

    /// A note about `phase` (a summary): its own line in both modes (the
    /// live line is erased first and comes back at the next redraw).
    pub fn note(&mut self, elapsed: f64, phase: &str, text: &str) {
        self.erase();
        let _ = writeln!(self.out, "rota: {:.1} s  {phase}  {text}", elapsed.max(0.0));
    }

    /// Erases the live line if it is shown.
    fn erase(&mut self) {
        if self.drawn_at.take().is_some() {
            let _ = write!(self.out, "{CLEAR}");
            let _ = self.out.flush();
        }
    }

    /// Ends the report: the live line is erased; returns the writer.
    pub fn finish(mut self) -> W {
        self.erase();
        let _ = self.out.flush();
        self.out
    }
}

/// The open session: its clock, its reporter, the redraw thread (live mode).
struct Session {
    start: Instant,
    reporter: Reporter<std::io::Stderr>,
    ticker: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

/// Set by [`end`], cleared by [`begin`]: a solve's threads that report
/// after the session ended (HiGHS's run beside the search, abandoned at the
/// time limit) are not heard, rather than opening a session of their own
/// whose clock would start at 0.
static ENDED: AtomicBool = AtomicBool::new(false);

fn session() -> MutexGuard<'static, Option<Session>> {
    // A panic while the lock was held leaves plain data behind: keep going.
    SESSION
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens the process-wide session (closing any open one): the clock starts
/// now; in live mode a thread redraws the line every [`REDRAW_SECONDS`].
pub fn begin() {
    begin_in(Mode::for_stderr());
}

/// [`begin`] in a given mode.
pub fn begin_in(mode: Mode) {
    end();
    ENDED.store(false, Ordering::Relaxed);
    let ticker = (mode == Mode::Live).then(|| {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs_f64(REDRAW_SECONDS));
                if let Some(s) = session().as_mut() {
                    let elapsed = s.start.elapsed().as_secs_f64();
                    s.reporter.tick(elapsed);
                }
            }
        });
        (stop, handle)
    });
    // The terminal's width when the shell exports it; else 80 columns.
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .unwrap_or(80);
    *session() = Some(Session {
        start: Instant::now(),
        reporter: Reporter::new(mode, std::io::stderr()).with_width(columns.saturating_sub(1)),
        ticker,
    });
}

/// Runs `f` on the session's reporter with the session's elapsed time.
/// Without an open session, opens one in line mode, unless [`end`] closed
/// the last one (what comes too late is dropped).
fn with_session(f: impl FnOnce(&mut Reporter<std::io::Stderr>, f64)) {
    if ENDED.load(Ordering::Relaxed) {
        return;
    }
    let mut guard = session();
    let s = guard.get_or_insert_with(|| Session {
        start: Instant::now(),
        reporter: Reporter::new(Mode::Lines, std::io::stderr()),
        ticker: None,
    });
    let elapsed = s.start.elapsed().as_secs_f64();
    f(&mut s.reporter, elapsed);
}

/// Reports the state of `phase` (elapsed time from the session's clock;
/// see `with_session`).
pub fn report(phase: &str, incumbent: Option<f64>, bound: Option<f64>) {
    with_session(|r, elapsed| {
        r.event(&Event {
            phase,
            elapsed,
            incumbent,
            bound,
        })
    });
}

/// Prints a note about `phase` (see [`Reporter::note`] and `with_session`).
pub fn note(phase: &str, text: &str) {
    with_session(|r, elapsed| r.note(elapsed, phase, text));
}

/// Closes the session, if one is open: stops the redraw thread and erases
/// the live line. Reports and notes are dropped from then on, until the
/// next [`begin`].
pub fn end() {
    ENDED.store(true, Ordering::Relaxed);
    let taken = session().take();
    if let Some(s) = taken {
        if let Some((stop, handle)) = s.ticker {
            stop.store(true, Ordering::Relaxed);
            let _ = handle.join();
        }
        s.reporter.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(elapsed: f64, phase: &str, incumbent: Option<f64>, bound: Option<f64>) -> Event<'_> {
        Event {
            phase,
            elapsed,
            incumbent,
            bound,
        }
    }

    fn text(r: Reporter<Vec<u8>>) -> String {
        String::from_utf8(r.finish()).expect("UTF-8")
    }

    #[test]
    fn line_format_is_stable() {
        assert_eq!(
            format_line(12.34, "LNS", Some(10140.0), Some(10036.72)),
            "12.3 s  LNS  incumbent 10140.00  bound 10036.72  gap 1.02 %"
        );
        assert_eq!(
            format_line(0.0, "HiGHS", Some(5.0), None),
            "0.0 s  HiGHS  incumbent 5.00  bound -  gap -"
        );
        assert_eq!(
            format_line(1.0, "HiGHS", Some(0.0), Some(0.0)),
            "1.0 s  HiGHS  incumbent 0.00  bound 0.00  gap 0.00 %"
        );
        assert_eq!(
            format_line(1.0, "HiGHS", Some(f64::INFINITY), Some(-1e300)),
            "1.0 s  HiGHS  incumbent -  bound -  gap -"
        );
    }

    #[test]
    fn lines_mode_prints_one_line_per_improvement_only() {
        let mut r = Reporter::new(Mode::Lines, Vec::new());
        r.event(&ev(0.1, "HiGHS", Some(100.0), Some(10.0)));
        r.event(&ev(0.2, "HiGHS", Some(100.0), Some(10.0))); // nothing new
        r.event(&ev(0.3, "HiGHS", Some(120.0), None)); // worse: ignored
        r.event(&ev(1.4, "HiGHS", None, Some(20.0))); // bound up
        r.event(&ev(1.5, "LNS", Some(90.0), Some(20.0)));
        r.note(1.6, "LNS", "3 sub-solves, 1 improvement");
        let out = text(r);
        assert_eq!(
            out,
            "rota: 0.1 s  HiGHS  incumbent 100.00  bound 10.00  gap 90.00 %\n\
             rota: 1.4 s  HiGHS  incumbent 100.00  bound 20.00  gap 80.00 %\n\
             rota: 1.5 s  LNS  incumbent 90.00  bound 20.00  gap 77.78 %\n\
             rota: 1.6 s  LNS  3 sub-solves, 1 improvement\n"
        );
    }

    #[test]
    fn bound_only_lines_are_throttled_to_one_a_second() {
        let mut r = Reporter::new(Mode::Lines, Vec::new());
        r.event(&ev(0.1, "HiGHS", Some(100.0), Some(10.0)));
        r.event(&ev(0.2, "HiGHS", Some(100.0), Some(11.0))); // too soon
        r.event(&ev(0.5, "HiGHS", Some(100.0), Some(12.0))); // too soon
        r.event(&ev(1.2, "HiGHS", Some(100.0), Some(12.0))); // nothing new
        r.event(&ev(1.3, "HiGHS", Some(100.0), Some(13.0))); // due
        r.event(&ev(1.4, "HiGHS", Some(99.0), Some(13.5))); // incumbent: always
        let out = text(r);
        let bounds: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split("bound ").nth(1))
            .map(|b| b.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(bounds, vec!["10.00", "13.00", "13.50"], "{out}");
    }

    #[test]
    fn a_bound_above_the_incumbent_is_capped() {
        let mut r = Reporter::new(Mode::Lines, Vec::new());
        r.event(&ev(0.1, "HiGHS", Some(40.0), Some(40.0000001)));
        assert_eq!(r.bound(), Some(40.0));
        assert_eq!(r.incumbent(), Some(40.0));
        assert!(text(r).ends_with("gap 0.00 %\n"));
    }

    #[test]
    fn live_mode_waits_a_second_throttles_and_erases_at_the_end() {
        let mut r = Reporter::new(Mode::Live, Vec::new());
        r.event(&ev(0.5, "HiGHS", Some(100.0), None));
        r.tick(0.9);
        assert!(r.out.is_empty(), "nothing before a second");
        r.tick(1.0);
        r.tick(1.05); // throttled
        r.event(&ev(1.08, "HiGHS", Some(90.0), None)); // throttled too
        r.tick(1.2);
        let out = text(r);
        assert_eq!(
            out,
            "\r\x1b[2Krota 1.0 s  HiGHS  incumbent 100.00  bound -  gap -\
             \r\x1b[2Krota 1.2 s  HiGHS  incumbent 90.00  bound -  gap -\
             \r\x1b[2K"
        );
    }

    #[test]
    fn the_live_line_never_wraps() {
        let mut r = Reporter::new(Mode::Live, Vec::new()).with_width(30);
        r.event(&ev(2.0, "construction", Some(123456.78), Some(12345.6)));
        let out = text(r);
        let drawn = out.split(CLEAR).nth(1).unwrap_or("");
        assert_eq!(drawn, "rota 2.0 s  construction  incu");
    }

    #[test]
    fn live_mode_of_a_short_solve_writes_nothing() {
        let mut r = Reporter::new(Mode::Live, Vec::new());
        r.event(&ev(0.2, "HiGHS", Some(1.0), Some(1.0)));
        assert_eq!(text(r), "");
    }

    #[test]
    fn a_report_after_the_session_ended_opens_none() {
        // HiGHS's thread, abandoned at the time limit, may report after the
        // solve closed its session: a new session would print its line
        // with a clock starting at 0 after the summary.
        begin_in(Mode::Lines);
        end();
        report("HiGHS", Some(1.0), Some(1.0));
        note("bound", "late");
        assert!(session().is_none());
    }

    #[test]
    fn gap_matches_the_solver_convention() {
        assert_eq!(gap(10.0, 10.0), 0.0);
        assert!((gap(100.0, 90.0) - 0.1).abs() < 1e-12);
        assert_eq!(gap(0.0, -1.0), f64::INFINITY);
        assert_eq!(gap(5.0, 7.0), 0.0);
    }
}
