//! weft: the facade for Rust users. Load a Python scenario, run it with a seed or a schedule,
//! and get typed results back: the machine (output, trace), the schedule, and what went wrong.

use rand::{Rng, SeedableRng};
use weft_core::{
    run_execution, ChoicePoint, Chooser, ExecutionEnd, Limits, Observe, ReplayChooser, Schedule,
    ThreadId, WaitTarget,
};
pub use weft_lang::{compile_program, Diagnostic, Machine, PyProgram, RunOptions};

/// Seeded uniform choice (one ChaCha generator, seeded explicitly).
pub struct SeededChooser {
    rng: rand_chacha::ChaCha8Rng,
}

impl SeededChooser {
    pub fn new(seed: u64) -> Self {
        SeededChooser {
            rng: rand_chacha::ChaCha8Rng::seed_from_u64(seed),
        }
    }
}

impl Chooser for SeededChooser {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        Some(point.enabled[self.rng.gen_range(0..point.enabled.len())])
    }
}

/// Something that went wrong in one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// One of DESIGN.md's finding kinds: assertion, exception, deadlock, hang, race, livelock.
    pub kind: &'static str,
    pub message: String,
}

pub struct RunReport {
    pub machine: Machine,
    pub schedule: Schedule,
    pub end: ExecutionEnd,
    pub problems: Vec<Problem>,
    /// Set when a replayed schedule did not fit the program.
    pub mismatch: Option<String>,
}

/// Run one execution: seeded random choices, or a schedule to replay.
pub fn run_program(
    program: &PyProgram,
    seed: u64,
    schedule: Option<Schedule>,
    max_steps: usize,
    trace: bool,
) -> RunReport {
    let mut p = program.clone();
    p.options.record_trace = trace;
    let mut machine = p.start_machine(seed);
    let limits = Limits { max_steps };
    let (record, mismatch) = match schedule {
        Some(s) => {
            let mut chooser = ReplayChooser::new(s);
            let r = run_execution(&mut machine, &mut chooser, limits);
            (r, chooser.mismatch)
        }
        None => {
            let mut chooser = SeededChooser::new(seed);
            (run_execution(&mut machine, &mut chooser, limits), None)
        }
    };
    let problems = problems_of(&machine, &record.end);
    RunReport {
        machine,
        schedule: record.schedule,
        end: record.end,
        problems,
        mismatch,
    }
}

/// The problems one execution shows.
pub fn problems_of(machine: &Machine, end: &ExecutionEnd) -> Vec<Problem> {
    let mut out = Vec::new();
    for f in machine.failures() {
        let kind = if f.is_assertion {
            "assertion"
        } else {
            "exception"
        };
        let what = if f.message.is_empty() {
            f.exception_type.clone()
        } else {
            format!("{}: {}", f.exception_type, f.message)
        };
        out.push(Problem {
            kind,
            message: format!(
                "{what} in {} at {} ({})",
                f.thread_name, f.site, f.site.text
            ),
        });
    }
    for r in machine.races() {
        let a = |s: &weft_core::AccessSite| {
            format!(
                "{} by {} at {} ({})",
                if s.is_write { "write" } else { "read" },
                s.thread_name,
                s.site,
                s.site.text
            )
        };
        out.push(Problem {
            kind: "race",
            message: format!(
                "{}: {} and {} are not ordered by happens-before",
                r.location,
                a(&r.first),
                a(&r.second)
            ),
        });
    }
    match end {
        ExecutionEnd::Stuck => {
            let blocked = machine.blocked_threads();
            let cycle = wait_for_cycle(&blocked);
            let describe = |b: &weft_core::BlockedThread| {
                let holds: Vec<String> = b.holding.iter().map(|(l, s)| format!("holds {} (taken at line {})", l.name, s.line)).collect();
                let waits = match &b.waits_for {
                    WaitTarget::Lock { lock, owner } => format!(
                        "waits for {} at {}{}",
                        lock.name,
                        b.site,
                        match owner {
                            Some(o) if !blocked.iter().any(|x| x.thread == *o) => {
                                format!(", held by {} which ended without releasing it", machine.thread_name(*o))
                            }
                            _ => String::new(),
                        }
                    ),
                    WaitTarget::Join { thread } => format!("waits to join {} at {}", machine.thread_name(*thread), b.site),
                    WaitTarget::Other { explanation, .. } => format!("waits at {}: {explanation}", b.site),
                };
                let mut parts = holds;
                parts.push(waits);
                format!("{} {}", b.thread_name, parts.join(" and "))
            };
            let text: Vec<String> = blocked.iter().map(describe).collect();
            if cycle {
                out.push(Problem { kind: "deadlock", message: text.join("; ") });
            } else {
                out.push(Problem { kind: "hang", message: text.join("; ") });
            }
        }
        ExecutionEnd::StepLimit => out.push(Problem {
            kind: "livelock",
            message: "the execution reached the step limit without ending (threads keep running without progress?)".into(),
        }),
        _ => {}
    }
    out
}

fn wait_for_cycle(blocked: &[weft_core::BlockedThread]) -> bool {
    let next = |t: ThreadId| -> Option<ThreadId> {
        let b = blocked.iter().find(|b| b.thread == t)?;
        match &b.waits_for {
            WaitTarget::Lock { owner, .. } => *owner,
            WaitTarget::Join { thread } => Some(*thread),
            WaitTarget::Other { .. } => None,
        }
    };
    for b in blocked {
        let mut t = b.thread;
        for _ in 0..=blocked.len() {
            match next(t) {
                Some(n) if n == b.thread => return true,
                Some(n) => t = n,
                None => break,
            }
        }
    }
    false
}
