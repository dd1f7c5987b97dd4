//! The `Examples:` sections of `rota --help` and of every command's
//! `--help` (clap `after_help`), kept apart so that the clap definitions
//! stay readable. Each example is a command line that works as written from
//! the repository root (or names its placeholders in capitals).

/// `rota --help`.
pub const ROTA: &str = "\
Examples:
  rota validate instances/demo-cardio        check an instance folder
  rota solve instances/demo-cardio           plan it (outputs in instances/demo-cardio/out)
  rota check instances/demo-cardio --planning instances/demo-cardio/out/planning.csv
  rota explain E0203                         what a validation code means and how to fix it";

/// `rota solve --help`.
pub const SOLVE: &str = "\
Examples:
  rota solve instances/demo-cardio
  rota solve instances/demo-cardio --out plannings/december --time-limit 120 --threads 2
  rota solve instances/demo-cardio --quiet --excel-csv     (no progress: for scripts)

Progress goes to stderr: a live line on a terminal, else one line per improvement:
  rota: 12.3 s  LNS  incumbent 10140.00  bound 10036.72  gap 1.02 %";

/// `rota replan --help`.
pub const REPLAN: &str = "\
Examples:
  rota replan instances/demo-cardio --previous instances/demo-cardio/out/planning.csv --from 2026-12-14
  rota replan instances/demo-cardio --previous planning.csv --out replanned   (from tomorrow)";

/// `rota check --help`.
pub const CHECK: &str = "\
Examples:
  rota check instances/demo-cardio --planning instances/demo-cardio/out/planning.csv
  rota check instances/demo-cardio --planning edited.csv --pole \"Pôle Cœur-Poumons\" --show-reasons";

/// `rota validate --help`.
pub const VALIDATE: &str = "\
Examples:
  rota validate instances/demo-cardio
  rota validate instances/invalid/E0203-shift-ending-at-17h70   (shows the error with its line)";

/// `rota capacity --help`.
pub const CAPACITY: &str = "\
Examples:
  rota capacity instances/demo-cardio
  rota capacity instances/demo-cardio --csv > capacity.csv";

/// `rota import --help` and `rota import nrp --help`.
pub const IMPORT: &str = "\
Examples:
  rota import nrp Instance1.txt --out nrp-1
  rota solve nrp-1 --gap 0";

/// `rota generate --help`.
pub const GENERATE: &str = "\
Examples:
  rota generate --agents 80 --weeks 4 --seed 7 --out chu-80
  rota generate --agents 10 --weeks 1 --out small && rota solve small
  rota generate --agents 500 --weeks 13 --start 2027-06-07 --out xl   (a summer quarter: leave campaign)";

/// `rota explain --help`.
pub const EXPLAIN: &str = "\
Examples:
  rota explain E0203      title, trigger, fix and an example of one code
  rota explain            every code with its title";
