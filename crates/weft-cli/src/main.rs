//! The `weft` command: parses arguments (clap), reads files, prints, and decides exit codes.
//! Everything else is in the library crates.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;
use weft_core::{Observe, Schedule};

#[derive(Parser)]
#[command(
    name = "weft",
    version,
    about = "Deterministic thread-schedule simulator for threaded Python programs",
    after_help = "Examples:\n  weft run scenarios/classic/counter_race.py --seed 7\n  weft replay scenarios/classic/counter_race.py s:0.1x3.2\n  weft explore scenarios/classic/abba_deadlock.py"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone, Debug)]
struct ModelArgs {
    /// Time model: strict (sleeps end in deadline order) or free (timed waits may end at any point)
    #[arg(long = "time", default_value = "strict", value_parser = ["strict", "free"])]
    time: String,
    /// Most visible steps in one execution
    #[arg(long, default_value_t = 100_000)]
    max_steps: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Run one seeded interleaving of a program
    #[command(
        after_help = "Example:\n  weft run scenarios/classic/counter_race.py --seed 7 --trace"
    )]
    Run {
        file: String,
        /// Seed of the interleaving (and of the program's `random`)
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Print the trace of visible operations (text or json)
        #[arg(long, num_args = 0..=1, default_missing_value = "text", value_parser = ["text", "json", "columns"])]
        trace: Option<String>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Run the interleaving a schedule string describes
    #[command(
        after_help = "Example:\n  weft replay scenarios/classic/counter_race.py s:0.1x3.2 --seed 7"
    )]
    Replay {
        file: String,
        schedule: String,
        /// Seed of the program's `random` (the one the run used)
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long, num_args = 0..=1, default_missing_value = "text", value_parser = ["text", "json", "columns"])]
        trace: Option<String>,
        #[command(flatten)]
        model: ModelArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            seed,
            trace,
            model,
        } => run(&file, seed, None, trace, &model),
        Command::Replay {
            file,
            schedule,
            seed,
            trace,
            model,
        } => match Schedule::parse(&schedule) {
            Ok(s) => run(&file, seed, Some(s), trace, &model),
            Err(e) => {
                eprintln!("weft: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn load(file: &str, model: &ModelArgs) -> Result<weft_lang::PyProgram, ExitCode> {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("weft: cannot read {file}: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let options = weft_lang::RunOptions {
        free_time: model.time == "free",
        ..Default::default()
    };
    weft_lang::compile_program(file, &source, options).map_err(|d| {
        eprint!("{d}");
        ExitCode::from(2)
    })
}

fn run(
    file: &str,
    seed: u64,
    schedule: Option<Schedule>,
    trace: Option<String>,
    model: &ModelArgs,
) -> ExitCode {
    let program = match load(file, model) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let report = weft::run_program(
        &program,
        seed,
        schedule.clone(),
        model.max_steps,
        trace.is_some(),
    );
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(report.machine.stdout().as_bytes());
    let _ = out.flush();
    let _ = std::io::stderr().write_all(report.machine.stderr().as_bytes());
    if let Some(fmt) = trace {
        let text = match fmt.as_str() {
            "json" => weft_report::trace_json(&report.machine.trace_events()),
            "columns" => weft_report::trace_columns(&report.machine.trace_events()),
            _ => weft_report::trace_text(&report.machine.trace_events()),
        };
        let _ = writeln!(std::io::stderr(), "{text}");
    }
    if let Some(why) = &report.mismatch {
        eprintln!("weft: replay failed: {why}");
        return ExitCode::from(2);
    }
    if report.problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "\nweft: {} problem{} in this run:",
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" }
    );
    for p in &report.problems {
        let _ = writeln!(err, "  {}: {}", p.kind, p.message);
    }
    let _ = writeln!(
        err,
        "replay it with:\n  weft replay {file} {} --seed {seed}",
        report.schedule
    );
    ExitCode::from(1)
}
