//! `weft bench`: the benchmark suite of BENCHMARKS.md measured side by side in one run —
//! executions, visible steps, wall time, rates and peak memory per program and strategy, the
//! published optimal count beside weft's, and the interpreter against python3 on CPU-bound code.
//! Each figure is the median of several runs. Prints a table and writes the same as JSON.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;
use weft_explore::{ExploreConfig, Strategy};

struct Row {
    program: String,
    strategy: String,
    jobs: usize,
    executions: usize,
    steps: u64,
    seconds: f64,
    complete: bool,
    published: Option<usize>,
    peak_rss_kib: u64,
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    xs[xs.len() / 2]
}

fn published_count(source: &str) -> Option<usize> {
    source.lines().find_map(|l| {
        l.strip_prefix("# expect-executions:")
            .and_then(|v| v.trim().replace(',', "").parse().ok())
    })
}

#[allow(clippy::disallowed_methods)] // the CLI alone reads the clock
fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let v = f();
    (v, start.elapsed().as_secs_f64())
}

/// The benchmark programs, each explored with plain DFS, source-DPOR and optimal DPOR.
const SUITE: &[&str] = &[
    "scenarios/bench/lastzero_5.py",
    "scenarios/bench/lastzero_8.py",
    "scenarios/bench/readers_8.py",
    "scenarios/bench/filesystem_16.py",
    "scenarios/bench/philosophers_3.py",
    "scenarios/bench/philosophers_5.py",
    "scenarios/bench/philosophers_5_ordered.py",
    "scenarios/bench/locked_counter_3.py",
    "scenarios/bench/locked_counter_5.py",
];
const STRATEGIES: &[&str] = &["dfs", "source-dpor", "dpor"];
/// Executions each exploration may run: DFS does not finish most of these programs; its row
/// then says how far it got.
const BUDGET: usize = 50_000;
/// Explored with optimal DPOR on one and on two OS threads (`--jobs`).
const JOBS_SUITE: &[&str] = &[
    "scenarios/bench/readers_13.py",
    "scenarios/bench/lastzero_10.py",
];

const INTERPRETER: &[(&str, &str)] = &[
    (
        "arithmetic loop",
        "total = 0\nfor i in range(2000000):\n    total = (total + i * 7) % 1000003\nprint(total)\n",
    ),
    (
        "prime finder",
        "def is_prime(num):\n    if num == 2 or num == 3:\n        return True\n    div = 2\n    while div <= num / 2:\n        if num % div == 0:\n            return False\n        div += 1\n    return True\ncount = 0\nfor n in range(2, 6000):\n    if is_prime(n):\n        count += 1\nprint(count)\n",
    ),
    (
        "dict and list operations",
        "d = {}\nl = []\nfor i in range(300000):\n    d[i % 1000] = d.get(i % 1000, 0) + 1\n    l.append(i)\n    if len(l) > 100:\n        l.pop(0)\nprint(len(d), sum(l))\n",
    ),
];

pub fn bench_command(runs: usize, json_path: &str) -> ExitCode {
    let runs = runs.max(1);
    let mut rows = Vec::new();
    let plan = SUITE
        .iter()
        .flat_map(|f| STRATEGIES.iter().map(move |s| (*f, *s, 1)))
        .chain(
            JOBS_SUITE
                .iter()
                .flat_map(|f| [1, 2].map(move |jobs| (*f, "dpor", jobs))),
        );
    for (file, strategy, jobs) in plan {
        let Ok(source) = std::fs::read_to_string(file) else {
            eprintln!("weft bench: cannot read {file}");
            return ExitCode::from(2);
        };
        let program =
            match weft_lang::compile_program(file, &source, weft_lang::RunOptions::default()) {
                Ok(p) => p,
                Err(d) => {
                    eprint!("{d}");
                    return ExitCode::from(2);
                }
            };
        {
            let config = ExploreConfig {
                strategy: Strategy::parse(strategy).unwrap_or(Strategy::Dpor),
                max_executions: Some(BUDGET),
                minimize: false,
                jobs,
                ..Default::default()
            };
            let mut times = Vec::new();
            let mut last = None;
            for _ in 0..runs {
                let (report, secs) = time(|| weft_explore::explore(&program, &config));
                times.push(secs);
                last = report.ok();
            }
            let Some(report) = last else { continue };
            rows.push(Row {
                program: file.trim_start_matches("scenarios/bench/").to_string(),
                strategy: strategy.to_string(),
                jobs,
                executions: report.executions,
                steps: report.steps_total,
                seconds: median(times),
                complete: report.complete,
                published: published_count(&source),
                peak_rss_kib: peak_rss_kib(),
            });
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<28} {:<12} {:>4} {:>10} {:>10} {:>9} {:>12} {:>12} {:>10} {:>9}",
        "program",
        "strategy",
        "jobs",
        "executions",
        "published",
        "seconds",
        "exec/s",
        "steps/s",
        "peak RSS",
        "complete"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:<28} {:<12} {:>4} {:>10} {:>10} {:>9.3} {:>12.0} {:>12.0} {:>7} MiB {:>9}",
            r.program,
            r.strategy,
            r.jobs,
            r.executions,
            r.published
                .map(|p| p.to_string())
                .unwrap_or_else(|| "-".into()),
            r.seconds,
            r.executions as f64 / r.seconds.max(1e-9),
            r.steps as f64 / r.seconds.max(1e-9),
            r.peak_rss_kib / 1024,
            r.complete
        );
    }
    // Interpreter speed: the same single-threaded program under weft and python3.
    let _ = writeln!(
        out,
        "\n{:<28} {:>12} {:>12} {:>8}",
        "interpreter", "weft s", "python3 s", "ratio"
    );
    let mut interp = Vec::new();
    for (name, source) in INTERPRETER {
        let program =
            match weft::Scenario::from_source("bench.py", source, weft_lang::RunOptions::default())
            {
                Ok(p) => p.with_max_steps(usize::MAX).without_trace(),
                Err(d) => {
                    eprint!("{d}");
                    return ExitCode::from(2);
                }
            };
        let weft_secs = median((0..runs).map(|_| time(|| program.run(0)).1).collect());
        let py_secs = median(
            (0..runs)
                .map(|_| {
                    time(|| {
                        std::process::Command::new("python3")
                            .arg("-c")
                            .arg(source)
                            .output()
                            .map(|o| o.status.success())
                    })
                    .1
                })
                .collect(),
        );
        let ratio = weft_secs / py_secs.max(1e-9);
        let _ = writeln!(
            out,
            "{:<28} {:>12.3} {:>12.3} {:>7.2}x",
            name, weft_secs, py_secs, ratio
        );
        interp.push(serde_json::json!({"program": name, "weft_seconds": weft_secs, "python3_seconds": py_secs, "ratio": ratio}));
    }
    let json = serde_json::json!({
        "runs_per_figure": runs,
        "exploration": rows.iter().map(|r| serde_json::json!({
            "program": r.program, "strategy": r.strategy, "jobs": r.jobs, "executions": r.executions, "published": r.published,
            "steps": r.steps, "seconds": r.seconds, "complete": r.complete, "peak_rss_kib": r.peak_rss_kib,
        })).collect::<Vec<_>>(),
        "interpreter": interp,
    });
    if let Err(e) = std::fs::write(
        json_path,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    ) {
        eprintln!("weft bench: cannot write {json_path}: {e}");
    }
    let _ = writeln!(out, "\n(JSON written to {json_path})");
    ExitCode::SUCCESS
}
