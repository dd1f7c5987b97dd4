//! Criterion benchmarks of the pipeline, timed stage by stage: loading the
//! demo instance folder, building its integer program, and solving small
//! instances to proven optimality (tiny shipped cases and a generated
//! 10-agent week), plus loading and building the integer program of the
//! generated scale ladder S (20 agents × 1 week), M (80 × 4), L (250 × 4)
//! and XL (500 × 13). Time-limited solves (the demo, the ladder, the NRP
//! benchmark) are measured by the scripts of the README instead
//! (`tools/bench-table.sh`, `tools/ladder.sh`, `tools/nrp-bench.sh`).

use criterion::{criterion_group, criterion_main, Criterion};
use rota::generate::{generate, GenerateOptions};
use rota::solve::{solve, solve_model, SolveOptions};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn instance_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("instances")
        .join(name)
}

fn exact() -> SolveOptions {
    SolveOptions {
        time_limit: 120.0,
        gap: 0.0,
        threads: 1,
        seed: 0,
        progress: false,
    }
}

fn stages(c: &mut Criterion) {
    let demo = instance_dir("demo-cardio");
    c.bench_function("load demo-cardio", |b| {
        b.iter(|| rota::validate::load_instance(black_box(&demo)).expect("demo loads"))
    });
    let inst = rota::validate::load_instance(&demo)
        .expect("demo loads")
        .instance;
    c.bench_function("build model demo-cardio", |b| {
        b.iter(|| rota::model::build(black_box(&inst)))
    });

    let mut group = c.benchmark_group("solve to optimality");
    group.sample_size(10);
    for name in ["tiny-coverage", "tiny-part-time", "tiny-night", "tiny-pool"] {
        let inst = rota::validate::load_instance(&instance_dir(name))
            .expect("tiny instance loads")
            .instance;
        group.bench_function(name, |b| {
            b.iter(|| solve_model(rota::model::build(&inst), &exact()).expect("solves"))
        });
    }
    let tmp = tempfile::tempdir().expect("temporary folder");
    let files = generate(&GenerateOptions {
        agents: 10,
        weeks: 1,
        seed: 1,
        ..GenerateOptions::default()
    });
    for (name, text) in &files {
        std::fs::write(tmp.path().join(name), text).expect("write generated instance");
    }
    let small = rota::validate::load_instance(tmp.path())
        .expect("generated instance loads")
        .instance;
    group.bench_function("generated 10 agents x 1 week", |b| {
        b.iter(|| solve(&small, &exact()).expect("solves"))
    });
    group.finish();
}

/// Loads the generated instance of `agents` × `weeks` (seed 1) from Monday
/// `start` (as `tools/ladder.sh` generates it).
fn generated(agents: usize, weeks: usize, start: &str) -> rota::domain::Instance {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let files = generate(&GenerateOptions {
        agents,
        weeks,
        seed: 1,
        start: start.parse().expect("an ISO date"),
    });
    for (name, text) in &files {
        std::fs::write(tmp.path().join(name), text).expect("write generated instance");
    }
    rota::validate::load_instance(tmp.path())
        .expect("generated instance loads")
        .instance
}

fn ladder(c: &mut Criterion) {
    let mut group = c.benchmark_group("ladder build model");
    group.sample_size(10);
    // XL is a summer quarter, with its leave campaign.
    let rungs = [
        ("S", 20, 1, "2027-01-04"),
        ("M", 80, 4, "2027-01-04"),
        ("L", 250, 4, "2027-01-04"),
        ("XL", 500, 13, "2027-06-07"),
    ];
    for (rung, agents, weeks, start) in rungs {
        let inst = generated(agents, weeks, start);
        group.bench_function(rung, |b| b.iter(|| rota::model::build(black_box(&inst))));
    }
    group.finish();
}

criterion_group!(benches, stages, ladder);
criterion_main!(benches);
