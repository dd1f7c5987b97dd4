//! Fuzzing of every reader: the instance folder (each CSV file and
//! instance.toml, through `validate::load_instance`), a planning.csv given
//! to `check` / `replan` (`io::read_planning`) and the benchmark importer
//! (`nrp::parse`, then `nrp::to_instance_files`). Inputs are the files of
//! `tests/fuzz_corpus/` mutated by a deterministic xorshift generator (byte
//! flips, insertions of CSV/TOML/date/number tokens, deletions, duplicated
//! or swapped lines, long cells, invalid UTF-8). Every input must end in a
//! located error or in a loaded instance — never a panic — and a loaded
//! instance must also go through the checker, `capacity` and the model
//! builder without a panic.
//!
//! `cargo test --test fuzz_readers` runs a short deterministic pass (a few
//! seconds). The long run of the README is
//! `ROTA_FUZZ_SECONDS=600 ROTA_FUZZ_SEED=N cargo test --test fuzz_readers`
//! (add `ROTA_FUZZ_SOLVE=1` to also solve whatever loads, for 2 s, and
//! check the planning); an input that panics is saved under
//! `target/fuzz-crashes/`.

use rota::validate::load_instance;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that reach the corners of the readers.
const TOKENS: &[&str] = &[
    ",",
    ";",
    "\"",
    "\"\"",
    "\r\n",
    "\n",
    "\r",
    "|",
    "=",
    "#",
    "\u{feff}",
    "24:00",
    "23:59",
    "00:00",
    "8h",
    "12h30",
    "-1",
    "0",
    "99999999999",
    "1e308",
    "NaN",
    "37,5",
    "2026-02-29",
    "2026-12-07",
    "31/12/2026",
    "2026-13-01",
    "MON",
    "DIM",
    "off",
    "prefer_on",
    "approved",
    "requested",
    "am",
    "pm",
    "N=4",
    "J=",
    "=3",
    "POOL1",
    "CARDIO",
    "A1",
    "M",
    "N",
    "[rules]",
    "[weights]",
    "days = 366",
    "days = 0",
    "start = 2026-12-07",
    "= \"",
    "[[x]]",
    "{",
    "}",
    "SECTION_COVER",
    "SECTION_HORIZON",
    "SECTION_STAFF",
    "0,D,1,100,1",
    "é",
    "\u{0}",
    "\t",
    "   ",
    "100%",
    "0%",
    "-0",
    "+5",
    "4294967296",
    "-9223372036854775809",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(9) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            3 if !v.is_empty() => {
                let len = 1 + rng.below(16.min(v.len() - at.min(v.len() - 1)));
                let start = at.min(v.len() - 1);
                v.drain(start..(start + len).min(v.len()));
            }
            4 => {
                // Duplicate or drop a whole line.
                let lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
                let k = rng.below(lines.len());
                let mut out = Vec::new();
                for (i, l) in lines.iter().enumerate() {
                    if i == k && rng.below(2) == 0 {
                        continue;
                    }
                    out.extend_from_slice(l);
                    out.push(b'\n');
                    if i == k {
                        out.extend_from_slice(l);
                        out.push(b'\n');
                    }
                }
                v = out;
            }
            5 => {
                let n = [3, 200, 1_001, 5_000][rng.below(4)];
                let c = [b'x', b'9', b',', b';', b'"', b'|'][rng.below(6)];
                v.splice(at..at, std::iter::repeat_n(c, n));
            }
            6 => {
                let b = [0xff, 0xfe, 0xc3, 0xe9, 0x80][rng.below(5)];
                v.insert(at, b);
            }
            7 => v.truncate(at),
            _ => {
                let i = rng.below(v.len() + 1);
                let j = rng.below(v.len() + 1);
                let (i, j) = (i.min(j), i.max(j));
                let chunk: Vec<u8> = v[i..j].to_vec();
                let at = rng.below(v.len() + 1);
                v.splice(at..at, chunk);
            }
        }
    }
    v
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus")
}

/// Files of one corpus folder, sorted by name.
fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("corpus file"),
            )
        })
        .collect();
    v.sort();
    v
}

/// Loads the folder and, when it loads, runs everything that reads an
/// instance without solving it.
fn exercise_folder(dir: &Path) {
    match load_instance(dir) {
        Ok(loaded) => {
            let inst = &loaded.instance;
            let _ = rota::capacity::capacity(inst);
            let estimate = rota::validate::limits::assignment_estimate(inst);
            if estimate < 20_000 {
                let _ = rota::model::build(inst);
            }
            if estimate < 5_000 && std::env::var_os("ROTA_FUZZ_SOLVE").is_some() {
                solve_and_check(inst);
            }
            let planning = dir.join("planning.csv");
            if planning.exists() {
                match rota::io::read_planning(&planning, inst) {
                    Ok(read) => {
                        let _ = rota::check::evaluate(inst, &read.planning);
                    }
                    Err(e) => assert_findings_located(&e),
                }
            }
        }
        Err(e) => assert_findings_located(&e),
    }
}

/// Long runs with `ROTA_FUZZ_SOLVE=1`: whatever loads is also solved, and
/// a planning found must pass the checker (the solve never errs).
fn solve_and_check(inst: &rota::domain::Instance) {
    let opts = rota::solve::SolveOptions {
        time_limit: 2.0,
        gap: 1e-4,
        threads: 1,
        seed: 0,
        progress: false,
    };
    let out = rota::solve::solve(inst, &opts).expect("the solver runs on any valid instance");
    if let Some(p) = &out.planning {
        let eval = rota::check::evaluate(inst, p);
        assert!(eval.violations.is_empty(), "{:?}", eval.violations);
    }
}

fn assert_findings_located(e: &rota::validate::ValidationErrors) {
    assert!(!e.findings.is_empty(), "an error without findings");
    for f in &e.findings {
        assert!(!f.file.is_empty(), "finding without a file: {f}");
        assert!(
            rota::validate::codes::meaning(f.code).is_some(),
            "unknown code {}",
            f.code
        );
    }
    let _ = e.to_string();
}

fn exercise_nrp(text: &[u8]) {
    let text = String::from_utf8_lossy(text);
    match rota::nrp::parse(&text, "fuzz.txt") {
        Ok(inst) => {
            let _ = rota::nrp::to_instance_files(&inst);
        }
        Err(e) => {
            assert!(!e.findings.is_empty());
            let _ = e.to_string();
        }
    }
}

fn save_crash(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let _ = fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}-{}", bytes.len()));
    let _ = fs::write(&path, bytes);
    path
}

/// Mutates the corpus until `budget` cases or `deadline`; returns the cases run.
fn fuzz(seed: u64, budget: usize, deadline: Option<Instant>) -> usize {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let root = corpus();
    let mut instance_dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/fuzz_corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("instance.toml").exists())
        .collect();
    instance_dirs.sort();
    let bases: Vec<Vec<(String, Vec<u8>)>> = instance_dirs.iter().map(|d| files_of(d)).collect();
    let nrp = files_of(&root.join("nrp"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut cases = 0;
    // Quiet panics: the harness reports them itself.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failure: Option<String> = None;
    while cases < budget && deadline.is_none_or(|d| Instant::now() < d) {
        cases += 1;
        if rng.below(5) == 0 {
            let (name, bytes) = &nrp[rng.below(nrp.len())];
            let input = mutate(&mut rng, bytes);
            if catch_unwind(AssertUnwindSafe(|| exercise_nrp(&input))).is_err() {
                let path = save_crash(&format!("nrp-{name}"), &input);
                failure = Some(format!("nrp::parse panicked on {}", path.display()));
                break;
            }
            continue;
        }
        let b = rng.below(bases.len());
        let files = &bases[b];
        let k = rng.below(files.len());
        let dir = tmp.path().join(format!("case{b}"));
        if !dir.exists() {
            fs::create_dir(&dir).expect("case folder");
            for (name, bytes) in files {
                fs::write(dir.join(name), bytes).expect("write");
            }
        }
        let (name, bytes) = &files[k];
        let input = mutate(&mut rng, bytes);
        fs::write(dir.join(name), &input).expect("write");
        let ok = catch_unwind(AssertUnwindSafe(|| exercise_folder(&dir))).is_ok();
        fs::write(dir.join(name), bytes).expect("restore");
        if !ok {
            let path = save_crash(name, &input);
            failure = Some(format!(
                "reading {} (folder {}) panicked on {}",
                name,
                instance_dirs[b].display(),
                path.display()
            ));
            break;
        }
    }
    std::panic::set_hook(hook);
    if let Some(msg) = failure {
        panic!("{msg}");
    }
    cases
}

#[test]
fn mutated_corpus_files_never_panic() {
    let seed: u64 = std::env::var("ROTA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    match std::env::var("ROTA_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(secs) => {
            let n = fuzz(
                seed,
                usize::MAX,
                Some(Instant::now() + Duration::from_secs(secs)),
            );
            eprintln!("fuzz: {n} cases in {secs} s (seed {seed}), no panic");
        }
        None => {
            let n = fuzz(seed, 600, None);
            assert_eq!(n, 600);
        }
    }
}

#[test]
fn every_corpus_file_reads_as_it_is() {
    for dir in ["instance", "instance-excel"] {
        let loaded = load_instance(&corpus().join(dir));
        assert!(
            loaded.is_ok(),
            "{dir}: {:?}",
            loaded.err().map(|e| e.to_string())
        );
    }
    for (name, bytes) in files_of(&corpus().join("nrp")) {
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(rota::nrp::parse(&text, &name).is_ok(), "{name}");
    }
}

#[test]
fn hostile_cells_and_rows_are_refused_with_their_code() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    for (name, bytes) in files_of(&corpus().join("instance")) {
        fs::write(dir.join(name), bytes).expect("write");
    }
    // A 2 MB agent name: E0012 names the file, line and column.
    let mut agents = fs::read_to_string(dir.join("agents.csv")).expect("agents");
    agents.push_str(&format!("A9,{},,100,CARDIO,\n", "y".repeat(2_000_000)));
    fs::write(dir.join("agents.csv"), agents).expect("write");
    let e = load_instance(dir).expect_err("refused");
    let f = &e.findings[0];
    assert_eq!(f.code, "E0012", "{e}");
    assert_eq!(
        (f.file.as_str(), f.line, f.column.as_deref()),
        ("agents.csv", Some(5), Some("name"))
    );
    assert!(f.value.as_ref().is_some_and(|v| v.chars().count() <= 41));
}
