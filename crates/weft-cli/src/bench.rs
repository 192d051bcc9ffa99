//! `weft bench`: the benchmark suite of BENCHMARKS.md measured side by side in one run —
//! executions, visible steps, wall time and rates per program and strategy, peak memory against
//! the size of the shared data, the published optimal count beside weft's, and the interpreter
//! against python3 on CPU-bound code.
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
const DEFAULT_SNAPSHOTS: usize = 8;
/// Executions each exploration may run: DFS does not finish most of these programs; its row
/// then says how far it got.
const BUDGET: usize = 50_000;
/// Explored with optimal DPOR restoring snapshots taken every 8 steps (the default) and
/// re-executing from the start instead (a snapshot only at the root).
const SNAPSHOT_SUITE: &[&str] = &[
    "scenarios/bench/lastzero_8.py",
    "scenarios/bench/readers_8.py",
];
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

/// The program whose exploration is cut at 10^3, 10^4 and 10^5 executions for the memory curve
/// over executions (plain DFS: it has far more than 10^5 of them).
const EXECUTIONS_FAMILY: &str = "scenarios/bench/readers_13.py";

/// Peak memory of plain DFS on one program after 10^3, 10^4 and 10^5 executions, explored in
/// this process first and in increasing budget: a stateless search keeps one path (its depth)
/// and the findings, so the high-water mark should not grow with the number of executions.
fn executions_curve() -> Vec<(usize, u64, f64)> {
    let mut curve = Vec::new();
    let Ok(source) = std::fs::read_to_string(EXECUTIONS_FAMILY) else {
        return curve;
    };
    let Ok(program) =
        weft::Scenario::from_source(EXECUTIONS_FAMILY, &source, weft_lang::RunOptions::default())
    else {
        return curve;
    };
    let program = program.without_trace();
    for budget in [1_000, 10_000, 100_000] {
        let config = ExploreConfig {
            strategy: Strategy::Dfs,
            max_executions: Some(budget),
            minimize: false,
            ..Default::default()
        };
        let (report, secs) = time(|| program.explore(&config));
        if report.is_ok_and(|r| r.executions == budget) {
            curve.push((budget, peak_rss_kib(), secs));
        }
    }
    curve
}

/// Dining philosophers with `n` forks (scenarios/bench/philosophers_5.py's program).
fn philosophers(n: usize) -> String {
    format!(
        "import threading\nN = {n}\nforks = [threading.Lock() for _ in range(N)]\n\
         def philosopher(i):\n    a, b = i, (i + 1) % N\n    with forks[a]:\n        with forks[b]:\n            pass\n\
         ts = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]\n\
         for t in ts: t.start()\nfor t in ts: t.join()\n"
    )
}

/// Plain DFS with and without state caching, and optimal DPOR, on dining philosophers N = 3..6:
/// (n, mode, executions, cached, seconds, complete, deadlock found).
type CachingRow = (usize, &'static str, usize, usize, f64, bool, bool);

fn state_caching_rows(runs: usize) -> Vec<CachingRow> {
    let mut rows = Vec::new();
    for n in 3..=6 {
        let Ok(program) = weft::Scenario::from_source(
            "philosophers.py",
            &philosophers(n),
            weft_lang::RunOptions::default(),
        ) else {
            continue;
        };
        let program = program.without_trace();
        for (mode, strategy, caching) in [
            ("dfs", Strategy::Dfs, false),
            ("dfs --state-caching", Strategy::Dfs, true),
            ("dpor", Strategy::Dpor, false),
        ] {
            let config = ExploreConfig {
                strategy,
                state_caching: caching,
                max_executions: Some(BUDGET),
                minimize: false,
                ..Default::default()
            };
            let mut times = Vec::new();
            let mut last = None;
            for _ in 0..runs {
                let (report, secs) = time(|| program.explore(&config));
                times.push(secs);
                last = report.ok();
            }
            if let Some(r) = last {
                let deadlock = r.findings.iter().any(|f| f.kind.as_str() == "deadlock");
                rows.push((
                    n,
                    mode,
                    r.executions,
                    r.cached_states,
                    median(times),
                    r.complete,
                    deadlock,
                ));
            }
        }
    }
    rows
}

/// A two-thread program over `n` shared two-element lists: both threads read half of them each
/// and add into a locked total, so every element is a shared location with race history.
fn memory_program(n: usize) -> String {
    format!(
        "import threading\nN = {n}\ndata = [[i, i] for i in range(N)]\ntotal = 0\nlock = threading.Lock()\n\
         def worker(lo, hi):\n    global total\n    s = 0\n    for i in range(lo, hi):\n        s += data[i][0]\n    with lock:\n        total += s\n\
         a = threading.Thread(target=worker, args=(0, N // 2))\nb = threading.Thread(target=worker, args=(N // 2, N))\n\
         a.start(); b.start(); a.join(); b.join()\nprint(total)\n"
    )
}

/// Peak memory of optimal DPOR on `memory_program(n)`, explored in this process before
/// anything else and in increasing size, so that the process's high-water mark after each is
/// that exploration's peak.
fn memory_curve() -> Vec<(usize, u64, f64)> {
    let mut curve = Vec::new();
    for n in [1_000, 10_000, 100_000] {
        let Ok(program) = weft::Scenario::from_source(
            "memory.py",
            &memory_program(n),
            weft_lang::RunOptions::default(),
        ) else {
            continue;
        };
        let program = program
            .with_max_steps(10_000_000)
            .with_max_instructions(u64::MAX)
            .without_trace();
        let config = ExploreConfig {
            strategy: Strategy::Dpor,
            minimize: false,
            ..Default::default()
        };
        let (report, secs) = time(|| program.explore(&config));
        if report.is_ok_and(|r| r.complete && r.findings.is_empty()) {
            curve.push((n, peak_rss_kib(), secs));
        }
    }
    curve
}

pub fn bench_command(runs: usize, json_path: &str) -> ExitCode {
    let runs = runs.max(1);
    // First, while the process's memory high-water mark is still its own: the smallest first.
    let executions = executions_curve();
    let curve = memory_curve();
    let mut rows = Vec::new();
    let plan = SUITE
        .iter()
        .flat_map(|f| {
            STRATEGIES
                .iter()
                .map(move |s| (*f, *s, 1, DEFAULT_SNAPSHOTS))
        })
        .chain(SNAPSHOT_SUITE.iter().map(|f| (*f, "dpor", 1, usize::MAX)))
        .chain(
            JOBS_SUITE
                .iter()
                .flat_map(|f| [1, 2].map(move |jobs| (*f, "dpor", jobs, DEFAULT_SNAPSHOTS))),
        );
    for (file, strategy, jobs, snapshot_interval) in plan {
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
                snapshot_interval,
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
                strategy: if snapshot_interval == usize::MAX {
                    format!("{strategy}/re-exec")
                } else {
                    strategy.to_string()
                },
                jobs,
                executions: report.executions,
                steps: report.steps_total,
                seconds: median(times),
                complete: report.complete,
                published: published_count(&source),
            });
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<28} {:<14} {:>4} {:>10} {:>10} {:>9} {:>12} {:>12} {:>9}",
        "program",
        "strategy",
        "jobs",
        "executions",
        "published",
        "seconds",
        "exec/s",
        "steps/s",
        "complete"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:<28} {:<14} {:>4} {:>10} {:>10} {:>9.3} {:>12.0} {:>12.0} {:>9}",
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
                Ok(p) => p
                    .with_max_steps(usize::MAX)
                    .with_max_instructions(u64::MAX)
                    .without_trace(),
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
    let _ = writeln!(
        out,
        "\n{:<28} {:>12} {:>12}",
        "memory (2 threads, dpor)", "peak RSS", "seconds"
    );
    for (n, kib, secs) in &curve {
        let _ = writeln!(
            out,
            "{:<28} {:>8} MiB {:>12.3}",
            format!("{n} shared lists"),
            kib / 1024,
            secs
        );
    }
    let _ = writeln!(
        out,
        "\n{:<28} {:>12} {:>12}",
        "memory (dfs, readers_13)", "peak RSS", "seconds"
    );
    for (n, kib, secs) in &executions {
        let _ = writeln!(
            out,
            "{:<28} {:>8} MiB {:>12.3}",
            format!("{n} executions"),
            kib / 1024,
            secs
        );
    }
    let caching = state_caching_rows(runs);
    let _ = writeln!(
        out,
        "\n{:<16} {:<22} {:>10} {:>8} {:>10} {:>9} {:>9}",
        "philosophers", "search", "executions", "cached", "seconds", "complete", "deadlock"
    );
    for (n, mode, execs, cached, secs, complete, deadlock) in &caching {
        let _ = writeln!(
            out,
            "{:<16} {:<22} {:>10} {:>8} {:>10.3} {:>9} {:>9}",
            format!("N = {n}"),
            mode,
            execs,
            cached,
            secs,
            complete,
            deadlock
        );
    }
    let json = serde_json::json!({
        "runs_per_figure": runs,
        "state_caching": caching.iter().map(|(n, mode, execs, cached, secs, complete, deadlock)| serde_json::json!({
            "philosophers": n, "search": mode, "executions": execs, "cached_states": cached,
            "seconds": secs, "complete": complete, "deadlock": deadlock,
        })).collect::<Vec<_>>(),
        "memory_over_executions": executions.iter().map(|(n, kib, secs)| serde_json::json!({
            "program": EXECUTIONS_FAMILY, "strategy": "dfs", "executions": n, "peak_rss_kib": kib, "seconds": secs,
        })).collect::<Vec<_>>(),
        "memory": curve.iter().map(|(n, kib, secs)| serde_json::json!({
            "shared_lists": n, "peak_rss_kib": kib, "seconds": secs,
        })).collect::<Vec<_>>(),
        "exploration": rows.iter().map(|r| serde_json::json!({
            "program": r.program, "strategy": r.strategy, "jobs": r.jobs, "executions": r.executions, "published": r.published,
            "steps": r.steps, "seconds": r.seconds, "complete": r.complete,
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
