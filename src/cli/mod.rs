//! The command line: clap definitions (flags as given), their resolution
//! into a run configuration, and the commands that tie the library
//! together (load → solve → check → write). `main.rs` only calls [`run`].
//!
//! Exit codes (README "Exit codes"): 0 success, 1 `check` found hard
//! violations, 2 bad input or usage (nothing written), 3 no feasible
//! planning exists, 4 time limit reached before any planning was found,
//! 130 stopped by Ctrl-C / SIGTERM (the best planning so far written, checked,
//! with status `interrupted`, or nothing), 70 internal error (a planning rota built failed its own checker; it is
//! never written).

pub mod diagnostics;
mod examples;
pub mod explain;

use crate::check;
use crate::decide;
use crate::domain::{Instance, Planning, ReplanContext};
use crate::generate;
use crate::io::planning::read_planning;
use crate::report::{self, CheckView, LeaveDecision, RunSummary};
use crate::solve::{self, SolveOptions, SolveStatus};
use crate::validate::{load_instance, Loaded};
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: `check` found hard violations.
pub const EXIT_VIOLATIONS: i32 = 1;
/// Exit code: bad input or bad usage; nothing written.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code: no planning satisfies the hard rules.
pub const EXIT_INFEASIBLE: i32 = 3;
/// Exit code: the time limit ran out before any planning was found.
pub const EXIT_NO_PLANNING_IN_TIME: i32 = 4;
/// Exit code: internal error (a bug); nothing written.
pub const EXIT_INTERNAL: i32 = 70;
/// Exit code: stopped by Ctrl-C or SIGTERM (best planning so far written, or nothing).
pub const EXIT_INTERRUPTED: i32 = crate::interrupt::EXIT_INTERRUPTED;

/// rota plans the work of pools of medical secretaries.
#[derive(Debug, Parser)]
#[command(name = "rota", version, about, long_about = None, after_help = examples::ROTA)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan the horizon of an instance folder and write planning.csv,
    /// coverage.csv, overtime.csv and summary.json.
    #[command(after_help = examples::SOLVE)]
    Solve {
        /// Instance folder.
        dir: PathBuf,
        /// Output folder (default DIR/out); replaced atomically on success.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Solver options.
        #[command(flatten)]
        solver: SolverArgs,
        /// Extra output formats.
        #[command(flatten)]
        formats: FormatArgs,
    },
    /// Re-plan after new absences, keeping the days before --from and the
    /// locked rows of the previous planning, changing as little as possible.
    #[command(after_help = examples::REPLAN)]
    Replan {
        /// Instance folder (with the new absences).
        dir: PathBuf,
        /// The previous planning.csv (optional `locked` column).
        #[arg(long)]
        previous: PathBuf,
        /// First day that may change (default: tomorrow, or the horizon's first day).
        #[arg(long)]
        from: Option<String>,
        /// Output folder (default DIR/out); replaced atomically on success.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Solver options.
        #[command(flatten)]
        solver: SolverArgs,
        /// Extra output formats.
        #[command(flatten)]
        formats: FormatArgs,
    },
    /// Check a planning (rota's or hand-edited) against the rules and needs:
    /// hard violations, coverage gaps with their causes, penalties.
    #[command(after_help = examples::CHECK)]
    Check {
        /// Instance folder.
        dir: PathBuf,
        /// planning.csv to check.
        #[arg(long)]
        planning: PathBuf,
        /// Only this pôle's secretariats and agents.
        #[arg(long)]
        pole: Option<String>,
        /// Show absence types instead of `ABS` (personal data).
        #[arg(long)]
        show_reasons: bool,
    },
    /// Load and check the instance folder only.
    #[command(after_help = examples::VALIDATE)]
    Validate {
        /// Instance folder.
        dir: PathBuf,
    },
    /// Per pôle and ISO week: agent-hours the needs require against the
    /// agent-hours available (no solve).
    #[command(after_help = examples::CAPACITY)]
    Capacity {
        /// Instance folder.
        dir: PathBuf,
        /// Print capacity.csv on stdout instead of the tables.
        #[arg(long)]
        csv: bool,
        /// Print capacity.csv for a French Excel (`;`, UTF-8 BOM, dd/mm/yyyy, decimal commas).
        #[arg(long)]
        excel_csv: bool,
    },
    /// Convert a benchmark file into an instance folder.
    #[command(after_help = examples::IMPORT)]
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Write a realistic synthetic instance folder.
    #[command(after_help = examples::GENERATE)]
    Generate {
        /// Number of agents.
        #[arg(long, default_value_t = 40)]
        agents: usize,
        /// Number of weeks.
        #[arg(long, default_value_t = 4)]
        weeks: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First day of the horizon, a Monday (YYYY-MM-DD); a horizon with
        /// July or August weeks gets a summer leave campaign.
        #[arg(long, value_name = "DATE", default_value = "2027-01-04")]
        start: String,
        /// Folder to write (must not exist yet).
        #[arg(long)]
        out: PathBuf,
    },
    /// What a validation code (E0203, W0701, ...) means, what triggers it,
    /// how to fix it, with an example; without CODE, every code.
    #[command(after_help = examples::EXPLAIN)]
    Explain {
        /// The code, e.g. E0203 (any case).
        code: Option<String>,
    },
}

/// The formats `rota import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An instance of the public Employee Shift Scheduling Benchmark
    /// (Curtois & Qu, Instances 1–24): the folder's objective equals the
    /// benchmark's.
    #[command(after_help = examples::IMPORT)]
    Nrp {
        /// The benchmark `.txt` file.
        file: PathBuf,
        /// Folder to write (must not exist yet).
        #[arg(long)]
        out: PathBuf,
    },
}

/// Output formats of the commands that write a planning (README
/// "Outputs for managers, référents and agents").
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FormatArgs {
    /// Also write one iCalendar file per agent (`AGENT.ics`) into this
    /// folder, replaced atomically.
    #[arg(long, value_name = "DIR")]
    pub ics: Option<PathBuf>,
    /// Write every CSV file for a French Excel: `;`, UTF-8 BOM, dates
    /// dd/mm/yyyy, decimal commas.
    #[arg(long)]
    pub excel_csv: bool,
}

/// Options shared by the commands that solve.
#[derive(Debug, Clone, clap::Args)]
pub struct SolverArgs {
    /// Wall-clock limit in seconds.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Relative MIP gap at which to stop.
    #[arg(long, default_value_t = 0.0001)]
    pub gap: f64,
    /// Solver threads (0 = HiGHS's choice).
    #[arg(long, default_value_t = 0)]
    pub threads: u32,
    /// Random seed of the solver.
    #[arg(long, default_value_t = 0)]
    pub seed: u32,
    /// No progress or summary on the terminal.
    #[arg(long)]
    pub quiet: bool,
}

impl SolverArgs {
    /// Validated solver options, or a usage message.
    pub fn resolve(&self) -> Result<SolveOptions, String> {
        if !(self.time_limit.is_finite() && self.time_limit > 0.0) {
            return Err(format!(
                "--time-limit must be a positive number of seconds, got {}",
                self.time_limit
            ));
        }
        if !(self.gap.is_finite() && (0.0..1.0).contains(&self.gap)) {
            return Err(format!(
                "--gap must be a fraction in [0, 1), got {}",
                self.gap
            ));
        }
        if self.seed > i32::MAX as u32 {
            return Err(format!(
                "--seed must be at most {}, got {}",
                i32::MAX,
                self.seed
            ));
        }
        Ok(SolveOptions {
            time_limit: self.time_limit,
            gap: self.gap,
            threads: self.threads,
            seed: self.seed,
            progress: !self.quiet,
        })
    }
}

/// Parses `args` and runs the command; returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            };
        }
    };
    match cli.command {
        Command::Solve {
            dir,
            out,
            solver,
            formats,
        } => {
            let out = out.unwrap_or_else(|| dir.join("out"));
            match solver.resolve() {
                Ok(opts) => solve_command(&dir, &out, &opts, solver.quiet, &formats),
                Err(msg) => usage_error(&msg),
            }
        }
        Command::Replan {
            dir,
            previous,
            from,
            out,
            solver,
            formats,
        } => {
            let out = out.unwrap_or_else(|| dir.join("out"));
            match solver.resolve() {
                Ok(opts) => replan_command(
                    &dir,
                    &previous,
                    from.as_deref(),
                    &out,
                    &opts,
                    solver.quiet,
                    &formats,
                ),
                Err(msg) => usage_error(&msg),
            }
        }
        Command::Check {
            dir,
            planning,
            pole,
            show_reasons,
        } => check_command(&dir, &planning, &CheckView { pole, show_reasons }),
        Command::Validate { dir } => validate_command(&dir),
        Command::Explain { code } => {
            let (exit, out, err) = explain::run(code.as_deref());
            print!("{out}");
            eprint!("{err}");
            exit
        }
        Command::Capacity {
            dir,
            csv,
            excel_csv,
        } => capacity_command(&dir, csv, excel_csv),
        Command::Import {
            what: ImportCommand::Nrp { file, out },
        } => import_nrp_command(&file, &out),
        Command::Generate {
            agents,
            weeks,
            seed,
            start,
            out,
        } => generate_command(agents, weeks, seed, &start, &out),
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("error: {msg}");
    EXIT_BAD_INPUT
}

/// Loads an instance folder, printing findings; `None` means exit 2.
fn load(dir: &Path, quiet: bool) -> Option<Loaded> {
    match load_instance(dir) {
        Ok(loaded) => {
            if !quiet && !loaded.warnings.is_empty() {
                eprint!(
                    "{}",
                    diagnostics::render_all(&loaded.warnings, Some(dir), color())
                );
            }
            Some(loaded)
        }
        Err(errors) => {
            eprintln!(
                "error: {} cannot be used ({} problem{}):\n",
                dir.display(),
                errors.findings.len(),
                plural(errors.findings.len())
            );
            print_findings(&errors.findings, Some(dir));
            None
        }
    }
}

/// Whether stderr gets colours: a terminal, and `NO_COLOR` unset.
fn color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints findings as diagnostics (source line, caret, fix) on stderr,
/// then where to read more about their codes.
fn print_findings(findings: &[crate::validate::Finding], base: Option<&Path>) {
    eprint!("{}", diagnostics::render_all(findings, base, color()));
    eprintln!("\n(`rota explain CODE` tells more about a code)");
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn solve_command(
    dir: &Path,
    out: &Path,
    opts: &SolveOptions,
    quiet: bool,
    formats: &FormatArgs,
) -> i32 {
    let Some(Loaded { instance, .. }) = load(dir, quiet) else {
        return EXIT_BAD_INPUT;
    };
    plan_and_write(&instance, dir, out, opts, quiet, Job::Solve, formats)
}

fn replan_command(
    dir: &Path,
    previous: &Path,
    from: Option<&str>,
    out: &Path,
    opts: &SolveOptions,
    quiet: bool,
    formats: &FormatArgs,
) -> i32 {
    let Some(Loaded { instance, .. }) = load(dir, quiet) else {
        return EXIT_BAD_INPUT;
    };
    let Some(read) = read_planning_or_report(previous, &instance) else {
        return EXIT_BAD_INPUT;
    };
    let horizon = &instance.horizon;
    let from_day = match from {
        Some(raw) => match crate::io::parse::parse_date(raw) {
            Ok(date) => match horizon.day_of(date) {
                Some(d) => d,
                None => {
                    return usage_error(&format!(
                        "--from {raw} is outside the horizon {} .. {}",
                        horizon.start,
                        horizon.date(horizon.days - 1)
                    ))
                }
            },
            Err(_) => {
                return usage_error(&format!(
                    "--from {raw} is not a date (YYYY-MM-DD or DD/MM/YYYY)"
                ))
            }
        },
        None => {
            let tomorrow = chrono::Local::now().date_naive() + chrono::Duration::days(1);
            if tomorrow < horizon.start {
                0
            } else {
                match horizon.day_of(tomorrow) {
                    Some(d) => d,
                    None => {
                        return usage_error(&format!(
                            "tomorrow ({tomorrow}) is after the horizon: give --from DATE"
                        ))
                    }
                }
            }
        }
    };
    let ctx = ReplanContext {
        previous: read.planning,
        from: from_day,
        locked: read.locked,
        notice_days: ReplanContext::notice_days_for(
            from_day,
            instance.rules.change_notice_hours,
            horizon.days,
        ),
    };
    plan_and_write(&instance, dir, out, opts, quiet, Job::Replan(&ctx), formats)
}

/// What a planning run solves: a fresh horizon, or a replan.
enum Job<'a> {
    Solve,
    Replan(&'a ReplanContext),
}

/// Solves, decides leave requests, checks and writes: the common path of
/// `solve` and `replan`. Returns the exit code.
fn plan_and_write(
    instance: &Instance,
    dir: &Path,
    out: &Path,
    opts: &SolveOptions,
    quiet: bool,
    job: Job<'_>,
    formats: &FormatArgs,
) -> i32 {
    crate::interrupt::reset();
    if let Err(e) = crate::interrupt::install() {
        if !quiet {
            eprintln!("warning: Ctrl-C will not stop the solve cleanly: {e}");
        }
    }
    if opts.progress {
        crate::progress::begin();
    }
    let outcome = match job {
        Job::Solve => solve::solve(instance, opts),
        Job::Replan(ctx) => solve::solve_replan(instance, opts, ctx),
    };
    crate::progress::end();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            eprintln!("internal error: the solver failed: {e}");
            return EXIT_INTERNAL;
        }
    };
    let evaluate = |p: &Planning| match job {
        Job::Solve => check::evaluate(instance, p),
        Job::Replan(ctx) => check::evaluate_replan(instance, p, ctx),
    };
    let planning = match (&outcome.status, &outcome.planning) {
        (SolveStatus::Infeasible, _) => {
            eprintln!("no planning satisfies the hard rules of {}:", dir.display());
            match &outcome.infeasibility {
                Some(why) => eprintln!("{why}"),
                None => eprintln!("  (no explanation could be computed)"),
            }
            return EXIT_INFEASIBLE;
        }
        (_, None) if crate::interrupt::requested() => {
            eprintln!("interrupted before any planning was found (nothing written)");
            return EXIT_INTERRUPTED;
        }
        (SolveStatus::TimeLimitNoPlanning, _) | (_, None) => {
            eprintln!("no planning found within the time limit of {} s: try a longer --time-limit (nothing written)", opts.time_limit);
            return EXIT_NO_PLANNING_IN_TIME;
        }
        (_, Some(p)) => p.clone(),
    };
    // Replan idempotence: keep the previous planning unless the new one is
    // strictly better on the replan objective.
    let planning = match job {
        Job::Replan(ctx) => {
            let previous = evaluate(&ctx.previous);
            if previous.violations.is_empty()
                && previous.objective <= evaluate(&planning).objective + 1e-9
            {
                ctx.previous.clone()
            } else {
                planning
            }
        }
        Job::Solve => planning,
    };
    let (planning, decisions) = decide::decide_with(instance, &planning, &evaluate);
    let evaluation = evaluate(&planning);
    if !evaluation.violations.is_empty() {
        eprintln!("internal error: the planning built by the solver breaks hard rules (nothing written); please report this bug:");
        for v in evaluation.violations.iter().take(20) {
            eprintln!("  {}: {}", v.family.name(), v.message);
        }
        return EXIT_INTERNAL;
    }
    let gaps = crate::replace::replacements(instance, &planning);
    let interrupted = crate::interrupt::requested();
    let mut notes = Vec::new();
    if interrupted {
        notes.push(
            "stopped by Ctrl-C / SIGTERM: the best planning found so far (checked)".to_string(),
        );
    }
    if !gaps.is_empty() {
        notes.push(format!(
            "{} minimum-need window(s) uncovered: replacement candidates in replacements.csv",
            gaps.len()
        ));
    }
    let left_out = gaps.iter().filter(|g| !g.evaluated).count();
    if left_out > 0 {
        notes.push(format!(
            "replacement candidates not evaluated for the last {left_out} of {} uncovered windows (too many for one report)",
            gaps.len()
        ));
    }
    let run = RunSummary {
        status: match outcome.status {
            _ if interrupted => "interrupted",
            SolveStatus::Optimal => "optimal",
            _ => "feasible",
        }
        .into(),
        bound: outcome.bound,
        gap: outcome.gap,
        seconds: outcome.seconds,
        variables: outcome.size.variables,
        constraints: outcome.size.constraints,
        leave_decided: true,
        notes,
    };
    let decisions: Vec<LeaveDecision> = decisions
        .iter()
        .map(|d| LeaveDecision {
            leave: d.leave,
            granted: d.granted(),
            reason: d.reason.to_string(),
        })
        .collect();
    let extras = report::Extras {
        decisions: &decisions,
        replan: match job {
            Job::Replan(ctx) => Some(ctx),
            Job::Solve => None,
        },
        gaps: &gaps,
        excel_csv: formats.excel_csv,
    };
    if let Err(e) = report::write_outputs(out, instance, &planning, &evaluation, &run, &extras) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return EXIT_BAD_INPUT;
    }
    if let Some(dir) = &formats.ics {
        let calendars = report::ics::ics_calendars(instance, &planning, extras.replan);
        let files: Vec<(&str, Vec<u8>)> = calendars
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.clone()))
            .collect();
        if let Err(e) = crate::io::output::write_folder_atomically(dir, &files) {
            eprintln!(
                "error: cannot write the calendars into {}: {e}",
                dir.display()
            );
            return EXIT_BAD_INPUT;
        }
    }
    if !quiet {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(
            stdout,
            "{}: {} — objective {:.2}{} — written to {}",
            instance.name,
            run.status,
            evaluation.objective,
            outcome
                .gap
                .map(|g| format!(" (gap {:.2} %)", g * 100.0))
                .unwrap_or_default(),
            out.display()
        );
    }
    if interrupted {
        eprintln!(
            "interrupted: the best planning found so far was checked and written to {}",
            out.display()
        );
        return EXIT_INTERRUPTED;
    }
    EXIT_OK
}

fn read_planning_or_report(
    path: &Path,
    instance: &Instance,
) -> Option<crate::io::planning::ReadPlanning> {
    match read_planning(path, instance) {
        Ok(r) => Some(r),
        Err(errors) => {
            eprintln!(
                "error: {} cannot be read ({} problem{}):\n",
                path.display(),
                errors.findings.len(),
                plural(errors.findings.len())
            );
            print_findings(&errors.findings, None);
            None
        }
    }
}

fn check_command(dir: &Path, planning_path: &Path, view: &CheckView) -> i32 {
    let Some(Loaded { instance, .. }) = load(dir, false) else {
        return EXIT_BAD_INPUT;
    };
    let Some(read) = read_planning_or_report(planning_path, &instance) else {
        return EXIT_BAD_INPUT;
    };
    let evaluation = check::evaluate(&instance, &read.planning);
    let coverage = report::coverage_rows(&instance, &read.planning);
    let gaps = crate::replace::replacements(&instance, &read.planning);
    match report::check_report_for(&instance, &evaluation, &coverage, &gaps, view) {
        Ok(text) => print!("{text}"),
        Err(msg) => return usage_error(&msg),
    }
    if evaluation.violations.is_empty() {
        EXIT_OK
    } else {
        EXIT_VIOLATIONS
    }
}

fn validate_command(dir: &Path) -> i32 {
    let Some(Loaded { instance, warnings }) = load(dir, false) else {
        return EXIT_BAD_INPUT;
    };
    println!(
        "{}: valid — {} days from {}, {} agents, {} secretariats, {} shift kinds, {} need occurrences, {} leave rows, {} warning{}",
        instance.name,
        instance.horizon.days,
        instance.horizon.start,
        instance.agents.len(),
        instance.secretariats.len(),
        instance.shifts.len(),
        instance.needs.len(),
        instance.leaves.len(),
        warnings.len(),
        plural(warnings.len())
    );
    EXIT_OK
}

fn capacity_command(dir: &Path, csv: bool, excel_csv: bool) -> i32 {
    let Some(Loaded { instance, .. }) = load(dir, false) else {
        return EXIT_BAD_INPUT;
    };
    let report = crate::capacity::capacity(&instance);
    if excel_csv {
        let bytes =
            report::excel_csv::to_excel_csv(crate::capacity::capacity_csv(&report).as_bytes());
        let _ = std::io::stdout().lock().write_all(&bytes);
    } else if csv {
        print!("{}", crate::capacity::capacity_csv(&report));
    } else {
        print!("{}", crate::capacity::capacity_text(&report));
    }
    EXIT_OK
}

fn import_nrp_command(file: &Path, out: &Path) -> i32 {
    if out.exists() {
        return usage_error(&format!(
            "{} already exists; choose a new folder",
            out.display()
        ));
    }
    let too_large = std::fs::metadata(file)
        .ok()
        .and_then(|m| crate::io::table::file_too_large(&file.display().to_string(), m.len()));
    if let Some(f) = too_large {
        return usage_error(&format!("{}: {}", f.file, f.message));
    }
    let text = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return usage_error(&format!("{} is not UTF-8 text", file.display())),
        },
        Err(e) => return usage_error(&format!("cannot read {}: {e}", file.display())),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let parsed = match crate::nrp::parse(&text, &name) {
        Ok(p) => p,
        Err(errors) => {
            eprintln!(
                "error: {} cannot be imported ({} problem{}):\n",
                file.display(),
                errors.findings.len(),
                plural(errors.findings.len())
            );
            print_findings(&errors.findings, file.parent());
            return EXIT_BAD_INPUT;
        }
    };
    let files = crate::nrp::to_instance_files(&parsed);
    let files: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes().to_vec()))
        .collect();
    match crate::io::output::write_folder_atomically(out, &files) {
        Ok(()) => {
            println!("wrote {} from {}", out.display(), file.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            EXIT_BAD_INPUT
        }
    }
}

/// The `--start` of `rota generate`: an ISO date that is a Monday, or a
/// usage message naming the option and the value.
fn parse_generate_start(raw: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    let date = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        format!("--start {raw} is not a date: write an ISO date such as 2027-06-07")
    })?;
    let offset = date.weekday().num_days_from_monday();
    if offset != 0 {
        let monday = date - chrono::Duration::days(i64::from(offset));
        return Err(format!(
            "--start {raw} is a {}; the horizon starts on a Monday (e.g. {monday})",
            date.format("%A")
        ));
    }
    Ok(date)
}

fn generate_command(agents: usize, weeks: usize, seed: u64, start: &str, out: &Path) -> i32 {
    if agents == 0 || agents > 10_000 || weeks == 0 || weeks > 52 {
        return usage_error(
            "--agents must be in 1..=10000 and --weeks in 1..=52 (a horizon has at most 366 days)",
        );
    }
    let start = match parse_generate_start(start) {
        Ok(d) => d,
        Err(msg) => return usage_error(&msg),
    };
    if out.exists() {
        return usage_error(&format!(
            "{} already exists; choose a new folder",
            out.display()
        ));
    }
    let opts = generate::GenerateOptions {
        agents,
        weeks,
        seed,
        start,
    };
    let files = generate::generate(&opts);
    let files: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes().to_vec()))
        .collect();
    match crate::io::output::write_folder_atomically(out, &files) {
        Ok(()) => {
            println!(
                "wrote {} ({agents} agents, {weeks} weeks from {start}, seed {seed})",
                out.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            EXIT_BAD_INPUT
        }
    }
}
