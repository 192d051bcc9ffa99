//! weft: the facade for Rust users. Load a Python scenario, run it with a seed or a schedule, or
//! explore its schedules, and get typed results back: findings, outcomes, and a trace whose
//! `Display` is the stable text used in snapshots.
//!
//! ```no_run
//! let scenario = weft::Scenario::load("scenarios/classic/counter_race.py").unwrap();
//! let run = scenario.run(3);
//! println!("{}", run.trace());
//! let report = scenario.explore(&weft::ExploreConfig::default()).unwrap();
//! assert!(report.findings.iter().any(|f| f.kind == weft::FindingKind::Race));
//! ```

use std::path::Path;

pub use weft_core::observe::{Observe, TraceEvent};
pub use weft_core::{Limits, Schedule, ScheduleParseError};
pub use weft_explore::{
    ConfigError, Deadline, ExploreConfig, ExploreReport, Finding, FindingKind, Outcome, RunEnd,
    Strategy,
};
pub use weft_lang::limits::{StopFlag, DEFAULT_MAX_INSTRUCTIONS, DEFAULT_MAX_MEMORY};
pub use weft_lang::{compile_program, Diagnostic, Machine, PyProgram, RunOptions};

use weft_explore::{run_one, RunMode};

/// A compiled Python program with the limits its executions run under.
#[derive(Clone, Debug)]
pub struct Scenario {
    file: String,
    program: PyProgram,
    limits: Limits,
    trace: bool,
}

/// Why a scenario could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io { file: String, error: std::io::Error },
    /// The source is not Python weft runs (a syntax error, an unsupported construct).
    Diagnostic(Diagnostic),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { file, error } => write!(f, "cannot read {file}: {error}"),
            LoadError::Diagnostic(d) => write!(f, "{d}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Scenario {
    /// Reads and compiles a Python file with the default model (bytecode switch points, strict
    /// time, FIFO notify).
    pub fn load(path: impl AsRef<Path>) -> Result<Scenario, LoadError> {
        Scenario::load_with(path, RunOptions::default())
    }

    /// Reads and compiles a Python file with the given model options.
    pub fn load_with(path: impl AsRef<Path>, options: RunOptions) -> Result<Scenario, LoadError> {
        let file = path.as_ref().to_string_lossy().to_string();
        let source = std::fs::read_to_string(path.as_ref()).map_err(|error| LoadError::Io {
            file: file.clone(),
            error,
        })?;
        Scenario::from_source(&file, &source, options).map_err(LoadError::Diagnostic)
    }

    /// Compiles `source`, named `file` in tracebacks, messages and traces.
    pub fn from_source(
        file: &str,
        source: &str,
        options: RunOptions,
    ) -> Result<Scenario, Diagnostic> {
        Ok(Scenario {
            file: file.to_string(),
            program: compile_program(file, source, options)?,
            limits: Limits::default(),
            trace: true,
        })
    }

    /// The same scenario with at most `max_steps` visible steps per execution.
    pub fn with_max_steps(mut self, max_steps: usize) -> Scenario {
        self.limits.max_steps = max_steps;
        self
    }

    /// The same scenario with at most `max_instructions` instructions (visible or not, and the
    /// work of long builtins) per execution; an execution that needs more stops at the limit.
    pub fn with_max_instructions(mut self, max_instructions: u64) -> Scenario {
        self.program.options.max_instructions = max_instructions;
        self
    }

    /// The same scenario whose single runs record no trace (faster; `Run::trace` is empty).
    pub fn without_trace(mut self) -> Scenario {
        self.trace = false;
        self
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn program(&self) -> &PyProgram {
        &self.program
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs one seeded interleaving (the program's own `random` gets the same seed).
    pub fn run(&self, seed: u64) -> Run {
        self.execute(RunMode::Random { seed }, seed)
    }

    /// Runs exactly the interleaving `schedule` describes; past its end each thread runs on
    /// until it blocks. `Run::mismatch` says when the schedule does not fit the program.
    pub fn replay(&self, schedule: &Schedule, seed: u64) -> Run {
        self.execute(
            RunMode::Replay {
                schedule: schedule.clone(),
                program_seed: seed,
            },
            seed,
        )
    }

    fn execute(&self, mode: RunMode, seed: u64) -> Run {
        let single = run_one(&self.program, &mode, self.limits, self.trace);
        let mismatch = match (&mode, &single.end) {
            (RunMode::Replay { .. }, RunEnd::Aborted(why)) => Some(why.clone()),
            _ => None,
        };
        Run {
            seed,
            schedule: single.record.schedule,
            end: single.end,
            findings: single.findings,
            mismatch,
            machine: single.machine,
        }
    }

    /// Explores the schedules as `config` says.
    pub fn explore(&self, config: &ExploreConfig) -> Result<ExploreReport, ConfigError> {
        self.explore_until(config, &weft_explore::NoDeadline)
    }

    /// Explores until done, a budget is spent, or `deadline` expires.
    pub fn explore_until(
        &self,
        config: &ExploreConfig,
        deadline: &dyn Deadline,
    ) -> Result<ExploreReport, ConfigError> {
        let mut config = config.clone();
        config.limits = self.limits;
        weft_explore::explore_until(&self.program, &config, deadline)
    }
}

/// One execution: what the program printed, the schedule that replays it, its trace, and what
/// went wrong in it.
#[derive(Clone, Debug)]
pub struct Run {
    /// The seed the run used (random choices, and the program's own `random`).
    pub seed: u64,
    /// The choices made at the run's choice points: `weft replay FILE SCHEDULE --seed SEED`.
    pub schedule: Schedule,
    /// How the execution ended.
    pub end: RunEnd,
    /// What went wrong, one finding per distinct problem.
    pub findings: Vec<Finding>,
    /// For a replay: why the schedule did not fit the program, if it did not.
    pub mismatch: Option<String>,
    /// The machine as the execution left it.
    pub machine: Machine,
}

impl Run {
    /// What the program wrote to stdout.
    pub fn stdout(&self) -> &str {
        self.machine.stdout()
    }

    /// What the program wrote to stderr (tracebacks included).
    pub fn stderr(&self) -> &str {
        self.machine.stderr()
    }

    /// The exit status python3 would give (0, 1 for an uncaught exception in the main thread, or
    /// the `sys.exit` code).
    pub fn exit_status(&self) -> i32 {
        self.machine.exit_status()
    }

    /// The visible steps of the execution.
    pub fn trace(&self) -> Trace {
        Trace {
            events: self.machine.trace().to_vec(),
        }
    }

    /// The findings of one kind.
    pub fn findings_of(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }
}

/// The steps of an execution. `Display` is the stable text form (one line per step: step number,
/// thread, file:line, operation and effect), the one to snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub events: Vec<TraceEvent>,
}

impl Trace {
    /// One column per thread.
    pub fn columns(&self) -> String {
        weft_report::trace_columns(&self.events)
    }

    /// The JSON array of DESIGN.md's trace events.
    pub fn json(&self) -> String {
        weft_report::trace_json(&self.events)
    }
}

impl std::fmt::Display for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&weft_report::trace_text(&self.events))
    }
}
