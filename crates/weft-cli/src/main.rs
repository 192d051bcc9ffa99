//! The `weft` command: parses arguments (clap), reads files, prints, and decides exit codes.
//! Everything else is in the library crates.

mod bench;
mod crash;
mod progress;
mod scenario;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;
use weft_core::Schedule;
use weft_explore::{ExploreConfig, ExploreReport, Strategy};

#[derive(Parser)]
#[command(
    name = "weft",
    version,
    about = "Deterministic thread-schedule simulator for threaded Python programs",
    after_help = "Examples:\n  \
        weft run scenarios/classic/counter_race.py --seed 3\n  \
        weft replay scenarios/classic/counter_race.py s:0x10.1x3.2\n  \
        weft explore scenarios/classic/abba_deadlock.py\n  \
        weft explore scenarios/classic/philosophers_3_deadlock.py --html report.html\n  \
        weft graph scenarios/classic/philosophers_3_deadlock.py --format mermaid\n  \
        weft test scenarios/\n\n\
        Run `weft help COMMAND` (or `weft COMMAND --help`) for a command's options and examples."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const DEFAULT_MAX_STEPS: usize = 20_000;

#[derive(clap::Args, Clone, Debug)]
struct ModelArgs {
    /// Time model: strict (sleeps end in deadline order) or free (timed waits may end at any point)
    #[arg(long = "time", default_value = "strict", value_parser = ["strict", "free"])]
    time: String,
    /// Where threads may switch: bytecode (every visible operation) or gil (CPython's checkpoints)
    #[arg(long = "switch-points", default_value = "bytecode", value_parser = ["bytecode", "gil"])]
    switch_points: String,
    /// Who Condition.notify wakes: fifo (CPython) or any
    #[arg(long, default_value = "fifo", value_parser = ["fifo", "any"])]
    notify: String,
    /// Let Condition.wait return without a notify
    #[arg(long)]
    spurious_wakeups: bool,
    /// Write each print in one piece (CPython writes every argument, separator and end on its
    /// own, and other threads' output can land in between): fewer interleavings to explore
    #[arg(long)]
    atomic_print: bool,
    /// Most visible steps in one execution
    #[arg(long, default_value_t = DEFAULT_MAX_STEPS)]
    max_steps: usize,
    /// Check that every step touches only what it announced (for weft's own tests and fuzzing:
    /// an overrun is an internal error)
    #[arg(long, hide = true)]
    check_footprints: bool,
    /// Most instructions in one execution, visible or not, with the work of long builtins
    /// (factorial, draining an iterator, joining): an execution that needs more stops there and
    /// is reported as a limit
    #[arg(long, value_name = "N", default_value_t = weft::DEFAULT_MAX_INSTRUCTIONS)]
    max_instructions: u64,
    /// Most memory one allocation of the program may take (a string, a list's items, padding)
    /// before it raises MemoryError, in bytes or with a suffix K, M, G (e.g. 512M)
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_bytes)]
    max_memory: u64,
}

/// `--max-memory`: a number of bytes, optionally with a binary suffix K, M or G.
fn parse_bytes(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size: give bytes, or a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[derive(clap::Args, Clone, Debug)]
struct ExploreArgs {
    /// Search strategy
    #[arg(long, default_value = "auto", value_parser = clap::builder::PossibleValuesParser::new(Strategy::NAMES))]
    strategy: String,
    /// Master seed (random and pct derive each execution's seed from it; also the program's `random`)
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Executions for random and pct (same as --max-executions)
    #[arg(long)]
    iterations: Option<usize>,
    /// Bug depth for pct
    #[arg(long, default_value_t = 3)]
    depth: usize,
    /// Bound on preemptions per execution (CHESS iterative context bounding)
    #[arg(long)]
    preemption_bound: Option<usize>,
    /// Stateful search (with --strategy dfs): end an execution at a machine state an earlier one
    /// reached (same heap, threads and output), as SPIN's state caching does
    #[arg(long)]
    state_caching: bool,
    /// Budget of executions
    #[arg(long)]
    max_executions: Option<usize>,
    /// Budget of wall-clock seconds
    #[arg(long)]
    time_limit: Option<f64>,
    /// Threads exploring disjoint subtrees (results identical to --jobs 1)
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Explore shard I of N (e.g. 2/3) of the schedule tree; combine reports with `weft merge`
    #[arg(long)]
    shard: Option<String>,
    /// Stop at the first finding
    #[arg(long)]
    fail_fast: bool,
    #[command(flatten)]
    model: ModelArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run one seeded interleaving of a program
    #[command(after_help = "Examples:\n  \
        weft run scenarios/classic/counter_race.py --seed 3\n  \
        weft run scenarios/classic/counter_race.py --seed 3 --trace=columns\n  \
        weft run scenarios/classic/sleep_coordination_free_time.py --time=free --seed 1")]
    Run {
        file: String,
        /// Seed of the interleaving (and of the program's `random`)
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Print the trace of visible operations to stderr (text, columns or json)
        #[arg(long, num_args = 0..=1, default_missing_value = "text", value_parser = ["text", "json", "columns"])]
        trace: Option<String>,
        /// Budget of wall-clock seconds: the run stops there and reports it as a limit
        #[arg(long, value_name = "SECS")]
        time_limit: Option<f64>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Run the interleaving a schedule string describes
    #[command(after_help = "Examples:\n  \
        weft replay scenarios/classic/counter_race.py s:0x10.1x3.2\n  \
        weft replay scenarios/classic/abba_deadlock.py s:0x10.1x3.2 --trace=columns\n\n\
        The schedule (and --seed) are the ones a failing `weft run` or a finding of `weft explore` prints.")]
    Replay {
        file: String,
        schedule: String,
        /// Seed of the program's `random` (the one the run used)
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long, num_args = 0..=1, default_missing_value = "text", value_parser = ["text", "json", "columns"])]
        trace: Option<String>,
        /// Budget of wall-clock seconds: the replay stops there and reports it as a limit
        #[arg(long, value_name = "SECS")]
        time_limit: Option<f64>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Search the schedules of a program and report what can go wrong
    #[command(after_help = "Examples:\n  \
        weft explore scenarios/classic/abba_deadlock.py\n  \
        weft explore scenarios/classic/philosophers_3_deadlock.py --html report.html\n  \
        weft explore scenarios/bench/lastzero_5.py --strategy dpor --json\n  \
        weft explore scenarios/classic/counter_race.py --strategy random --iterations 500 --seed 7\n  \
        weft explore scenarios/bench/lastzero_10.py --jobs 2 --time-limit 60")]
    Explore {
        file: String,
        #[command(flatten)]
        explore: ExploreArgs,
        /// Print the JSON report
        #[arg(long)]
        json: bool,
        /// List the distinct outputs and how often each appeared
        #[arg(long)]
        outcomes: bool,
        /// Also write the report as one self-contained HTML page (timeline, lock-order graph, trace)
        #[arg(long, value_name = "PATH")]
        html: Option<String>,
        /// Also write the JSON report to PATH (the text report still goes to stdout)
        #[arg(long, value_name = "PATH")]
        json_out: Option<String>,
    },
    /// Combine the JSON reports of `explore --shard I/N --json` into the report of one run
    #[command(after_help = "Examples:\n  \
        weft explore scenarios/bench/lastzero_10.py --shard 1/2 --json > shard1.json\n  \
        weft explore scenarios/bench/lastzero_10.py --shard 2/2 --json > shard2.json\n  \
        weft merge shard1.json shard2.json\n  \
        weft merge shard1.json shard2.json --json --html report.html")]
    Merge {
        /// The shards' JSON reports, one per shard
        #[arg(required = true)]
        reports: Vec<String>,
        /// Print the JSON report
        #[arg(long)]
        json: bool,
        /// List the distinct outputs and how often each appeared
        #[arg(long)]
        outcomes: bool,
        /// Also write the merged report as one self-contained HTML page
        #[arg(long, value_name = "PATH")]
        html: Option<String>,
    },
    /// Print the lock-order graph an exploration collects
    #[command(after_help = "Examples:\n  \
        weft graph scenarios/classic/philosophers_3_deadlock.py\n  \
        weft graph scenarios/classic/abba_deadlock.py --format mermaid\n  \
        weft graph scenarios/classic/abba_deadlock.py --format dot | dot -Tsvg > graph.svg")]
    Graph {
        file: String,
        #[arg(long, default_value = "dot", value_parser = ["dot", "json", "mermaid"])]
        format: String,
        #[command(flatten)]
        explore: ExploreArgs,
    },
    /// Run the benchmark suite (BENCHMARKS.md) and print one table
    #[command(after_help = "Examples:\n  \
        weft bench --runs 1\n  \
        weft bench --runs 3 --json target/bench.json")]
    Bench {
        /// Runs per figure (the median is reported)
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Where to write the JSON
        #[arg(long, default_value = "target/bench.json")]
        json: String,
    },
    /// Check scenario files against their `# expect:` lines
    #[command(after_help = "Examples:\n  \
        weft test scenarios/\n  \
        weft test scenarios/classic/abba_deadlock.py scenarios/classic/lost_wakeup.py")]
    Test {
        /// Files or directories (default: scenarios/)
        paths: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    crash::run_guarded(move || dispatch(cli))
}

fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run {
            file,
            seed,
            trace,
            time_limit,
            model,
        } => run(&file, seed, None, trace, time_limit, &model),
        Command::Replay {
            file,
            schedule,
            seed,
            trace,
            time_limit,
            model,
        } => match Schedule::parse(&schedule) {
            Ok(s) => run(&file, seed, Some(s), trace, time_limit, &model),
            Err(e) => {
                eprintln!("weft: {e}");
                ExitCode::from(2)
            }
        },
        Command::Explore {
            file,
            explore,
            json,
            outcomes,
            html,
            json_out,
        } => explore_command(
            &file,
            &explore,
            json,
            outcomes,
            [html.as_deref(), json_out.as_deref()],
        ),
        Command::Graph {
            file,
            format,
            explore,
        } => graph_command(&file, &format, &explore),
        Command::Merge {
            reports,
            json,
            outcomes,
            html,
        } => merge_command(&reports, json, outcomes, html.as_deref()),
        Command::Test { paths } => scenario::test_command(&paths),
        Command::Bench { runs, json } => bench::bench_command(runs, &json),
    }
}

/// The model options that differ from the defaults, as command-line flags (` --time=free`): what a
/// replay command needs besides the schedule and the seed.
pub(crate) fn replay_options(model: &ModelArgs) -> String {
    let mut out = String::new();
    if model.time != "strict" {
        out.push_str(&format!(" --time={}", model.time));
    }
    if model.switch_points != "bytecode" {
        out.push_str(&format!(" --switch-points={}", model.switch_points));
    }
    if model.notify != "fifo" {
        out.push_str(&format!(" --notify={}", model.notify));
    }
    if model.spurious_wakeups {
        out.push_str(" --spurious-wakeups");
    }
    if model.atomic_print {
        out.push_str(" --atomic-print");
    }
    if model.max_steps != DEFAULT_MAX_STEPS {
        out.push_str(&format!(" --max-steps {}", model.max_steps));
    }
    if model.max_instructions != weft::DEFAULT_MAX_INSTRUCTIONS {
        out.push_str(&format!(" --max-instructions {}", model.max_instructions));
    }
    if model.max_memory != weft::DEFAULT_MAX_MEMORY {
        out.push_str(&format!(" --max-memory {}", model.max_memory));
    }
    out
}

/// A stop flag that a timer thread sets once `seconds` have passed (none without a limit): the
/// machine polls it, so a limit of wall-clock time interrupts even one long execution.
#[allow(clippy::disallowed_methods)] // the CLI alone reads the clock
pub(crate) fn stop_after(seconds: Option<f64>) -> weft::StopFlag {
    let Some(seconds) = seconds else {
        return weft::StopFlag::default();
    };
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let timer_flag = flag.clone();
    let wait = std::time::Duration::from_secs_f64(seconds.clamp(0.0, 1e9));
    std::thread::spawn(move || {
        std::thread::sleep(wait);
        timer_flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    weft::StopFlag::new(flag)
}

pub(crate) fn load(file: &str, model: &ModelArgs) -> Result<weft::Scenario, ExitCode> {
    load_stoppable(file, model, weft::StopFlag::default())
}

/// [`load`], with the flag that stops its executions (`--time-limit`).
pub(crate) fn load_stoppable(
    file: &str,
    model: &ModelArgs,
    stop: weft::StopFlag,
) -> Result<weft::Scenario, ExitCode> {
    let options = weft::RunOptions {
        max_instructions: model.max_instructions,
        max_memory: model.max_memory,
        stop,
        free_time: model.time == "free",
        gil_switch_points: model.switch_points == "gil",
        notify_any: model.notify == "any",
        spurious_wakeups: model.spurious_wakeups,
        atomic_print: model.atomic_print,
        check_footprints: model.check_footprints || cfg!(debug_assertions),
        ..Default::default()
    };
    match weft::Scenario::load_with(file, options) {
        Ok(scenario) => Ok(scenario.with_max_steps(model.max_steps)),
        Err(weft::LoadError::Diagnostic(d)) => {
            eprint!("{d}");
            Err(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("weft: {e}{}", missing_file_hint(file));
            Err(ExitCode::from(2))
        }
    }
}

/// What to do about a program file that cannot be read: the closest file name in its directory
/// (`did you mean scenarios/classic/lost_wakeup.py?`), or how to run a directory.
fn missing_file_hint(file: &str) -> String {
    let path = std::path::Path::new(file);
    if path.is_dir() {
        return format!(
            "\n  hint: explore, run and graph take one Python file; `weft test {file}` checks every \
             scenario in a directory"
        );
    }
    if path.exists() {
        return String::new();
    }
    let parent = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = parent.unwrap_or(std::path::Path::new("."));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return String::new();
    };
    let mut siblings: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    siblings.sort();
    let names: Vec<&str> = siblings.iter().map(String::as_str).collect();
    match weft_explore::config::closest_name(name, &names) {
        Some(near) => {
            let suggestion = parent.map_or(near.into(), |d| d.join(near));
            format!("\n  hint: did you mean {}?", suggestion.display())
        }
        None => String::new(),
    }
}

fn run(
    file: &str,
    seed: u64,
    schedule: Option<Schedule>,
    trace: Option<String>,
    time_limit: Option<f64>,
    model: &ModelArgs,
) -> ExitCode {
    let scenario = match load_stoppable(file, model, stop_after(time_limit)) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let run = match &schedule {
        Some(s) => scenario.replay(s, seed),
        None => scenario.run(seed),
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(run.stdout().as_bytes());
    let _ = out.flush();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(run.stderr().as_bytes());
    if let Some(fmt) = trace {
        let trace = run.trace();
        let text = match fmt.as_str() {
            "json" => trace.json(),
            "columns" => trace.columns(),
            _ => trace.to_string(),
        };
        let _ = writeln!(err, "{text}");
    }
    if let Some(why) = &run.mismatch {
        let _ = writeln!(err, "weft: replay failed: {why}");
        return ExitCode::from(2);
    }
    if let weft::RunEnd::Starved { thread, steps } = &run.end {
        let _ = writeln!(
            err,
            "weft: stopped at the step limit (--max-steps) on an unfair schedule: {} was ready \
             to run for {} steps without running, which CPython's 5 ms switch interval would \
             not allow; not a livelock (explorations prune such schedules)",
            weft::Observe::thread_name(&run.machine, *thread),
            weft_explore::finding::with_commas(*steps)
        );
        return ExitCode::from(1);
    }
    if run.findings.is_empty() {
        return ExitCode::SUCCESS;
    }
    let n = run.findings.len();
    let _ = writeln!(
        err,
        "\nweft: {n} problem{} in this run:",
        if n == 1 { "" } else { "s" }
    );
    for f in &run.findings {
        let _ = writeln!(err, "  {}: {}", f.kind, f.message);
    }
    let _ = writeln!(
        err,
        "replay it with:\n  weft replay {file} {} --seed {seed}{}",
        run.schedule,
        replay_options(model)
    );
    ExitCode::from(1)
}

pub(crate) fn explore_config(args: &ExploreArgs) -> Result<ExploreConfig, String> {
    let mut strategy = Strategy::from_name(&args.strategy).map_err(|e| e.message)?;
    if let Strategy::Pct { depth } = &mut strategy {
        *depth = args.depth;
    }
    let mut config = ExploreConfig {
        strategy,
        seed: args.seed,
        ..Default::default()
    };
    if let Some(n) = args.max_executions.or(args.iterations) {
        config.max_executions = Some(n);
    }
    config.limits.max_steps = args.model.max_steps;
    config.preemption_bound = args.preemption_bound;
    config.state_caching = args.state_caching;
    config.jobs = args.jobs.max(1);
    config.fail_fast = args.fail_fast;
    if let Some(s) = &args.shard {
        let usage = format!("--shard {s:?}: give I/N with 1 <= I <= N, e.g. --shard 1/3");
        let (i, n) = s.split_once('/').ok_or(&usage)?;
        let (i, n): (usize, usize) = match (i.trim().parse(), n.trim().parse()) {
            (Ok(i), Ok(n)) => (i, n),
            _ => return Err(usage),
        };
        if n == 0 || i == 0 || i > n {
            return Err(usage);
        }
        config.shard = Some((i - 1, n));
    }
    Ok(config)
}

/// Explore as the arguments say (the CLI alone reads the clock, for --time-limit).
pub(crate) fn explore_program(
    scenario: &weft::Scenario,
    args: &ExploreArgs,
) -> Result<ExploreReport, String> {
    let config = explore_config(args)?;
    let deadline = progress::Progress::new(args.time_limit);
    let report = scenario
        .explore_until(&config, &deadline)
        .map_err(|e| e.message);
    deadline.finish();
    report
}

fn explore_command(
    file: &str,
    args: &ExploreArgs,
    json: bool,
    outcomes: bool,
    [html, json_out]: [Option<&str>; 2],
) -> ExitCode {
    let program = match load_stoppable(file, &args.model, stop_after(args.time_limit)) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut report = match explore_program(&program, args) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("weft: {e}");
            return ExitCode::from(2);
        }
    };
    report.replay_options = replay_options(&args.model);
    if let Some(path) = json_out {
        let rendered = weft_report::rendered_findings(&report);
        let text = weft_report::report_json(file, &report, &rendered);
        if let Err(e) = std::fs::write(path, text + "\n") {
            eprintln!("weft: cannot write the JSON report to {path}: {e}");
            return ExitCode::from(2);
        }
    }
    print_report(file, &report, json, outcomes, html)
}

/// Prints an exploration report (text or JSON), and writes it as HTML to `html` when asked; the
/// exit status says whether it found anything (2 when the HTML file cannot be written).
fn print_report(
    file: &str,
    report: &ExploreReport,
    json: bool,
    outcomes: bool,
    html: Option<&str>,
) -> ExitCode {
    let rendered = weft_report::rendered_findings(report);
    if let Some(path) = html {
        let page = weft_report::html::report_html(file, report, &rendered);
        if let Err(e) = std::fs::write(path, page) {
            eprintln!("weft: cannot write the HTML report to {path}: {e}");
            return ExitCode::from(2);
        }
    }
    let text = if json {
        weft_report::report_json(file, report, &rendered)
    } else {
        weft_report::report_text(file, report, &rendered, outcomes)
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.trim_end());
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `weft merge`: the shards of one exploration, each exactly once, combined.
fn merge_command(paths: &[String], json: bool, outcomes: bool, html: Option<&str>) -> ExitCode {
    let mut shards: Vec<(String, ExploreReport)> = Vec::new();
    for path in paths {
        let read = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| weft_report::shard_report_from_json(&text));
        match read {
            Ok(shard) => shards.push(shard),
            Err(e) => {
                eprintln!("weft: {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let (file, first) = (shards[0].0.clone(), shards[0].1.clone());
    let count = first.shard.map_or(1, |(_, n)| n);
    let mut seen = vec![false; count];
    for (path, (f, r)) in paths.iter().zip(&shards) {
        let (index, n) = r.shard.unwrap_or((0, 1));
        let problem = if *f != file {
            Some(format!("it explored {f}, not {file}"))
        } else if n != count
            || index >= n
            || r.strategy != first.strategy
            || r.program_seed != first.program_seed
        {
            Some("it comes from a different exploration (shard count, strategy or seed)".into())
        } else if seen[index] {
            Some(format!("shard {}/{count} is given twice", index + 1))
        } else {
            None
        };
        if let Some(problem) = problem {
            eprintln!("weft: {path}: {problem}");
            return ExitCode::from(2);
        }
        seen[index] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        eprintln!(
            "weft: shard {}/{count} is missing: every shard's report is needed",
            missing + 1
        );
        return ExitCode::from(2);
    }
    shards.sort_by_key(|(_, r)| r.shard);
    let reports: Vec<ExploreReport> = shards.iter().map(|(_, r)| r.clone()).collect();
    let merged = weft_explore::merge_reports(&reports);
    print_report(&file, &merged, json, outcomes, html)
}

fn graph_command(file: &str, format: &str, args: &ExploreArgs) -> ExitCode {
    let program = match load(file, &args.model) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let report = match explore_program(&program, args) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("weft: {e}");
            return ExitCode::from(2);
        }
    };
    let graph = &report.lock_graph;
    let text = match format {
        "json" => weft_report::lock_graph_json(graph),
        "mermaid" => weft_report::lock_graph_mermaid(graph),
        _ => weft_report::lock_graph_dot(graph),
    };
    let _ = writeln!(std::io::stdout().lock(), "{}", text.trim_end());
    if graph.cycles.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
