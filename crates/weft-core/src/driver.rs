//! Running one execution: the loop that asks the [`Chooser`] at each choice point, advances virtual
//! time when nobody can run, enforces the step limit (and ends at a limit the machine reports), and records what happened for the explorer.

use crate::{Operation, Schedule, StepMachine, ThreadId};

/// A state in which two or more threads are enabled: the scheduler must pick one.
pub struct ChoicePoint<'a> {
    /// How many choices were made before this one in the execution.
    pub index: usize,
    /// How many steps were taken before this state.
    pub step: usize,
    /// The enabled threads, in increasing id order.
    pub enabled: &'a [ThreadId],
    /// The pending operation of each enabled thread, in the same order.
    pub pending: &'a [Operation],
    /// The thread that took the previous step, if any (a choice of another thread while this one is
    /// still enabled is a preemption).
    pub last: Option<ThreadId>,
}

impl ChoicePoint<'_> {
    /// The non-preemptive default: the last thread if it is still enabled, else the lowest enabled.
    pub fn default_choice(&self) -> ThreadId {
        match self.last {
            Some(t) if self.enabled.contains(&t) => t,
            _ => self.enabled[0],
        }
    }
}

/// The one choice interface: exhaustive search, random, PCT and replay are all answers to it.
pub trait Chooser {
    /// Pick one of `point.enabled`, or `None` to abort the execution (a replay that does not fit).
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId>;
}

/// Replays a schedule; past its end it takes the default (non-preemptive) choice.
pub struct ReplayChooser {
    schedule: Schedule,
    pub mismatch: Option<String>,
}

impl ReplayChooser {
    pub fn new(schedule: Schedule) -> Self {
        ReplayChooser {
            schedule,
            mismatch: None,
        }
    }
}

impl Chooser for ReplayChooser {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        match self.schedule.choices.get(point.index) {
            None => Some(point.default_choice()),
            Some(t) if point.enabled.contains(t) => Some(*t),
            Some(t) => {
                self.mismatch = Some(format!(
                    "the schedule picks thread {} at choice {}, but only threads {} can run there: \
                     the program is not deterministic under this schedule, or the schedule belongs to \
                     another program or options",
                    t,
                    point.index,
                    point.enabled.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")
                ));
                None
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most visible steps one execution may take.
    pub max_steps: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_steps: 100_000 }
    }
}

/// One step of an execution as the explorer needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepRecord {
    /// `thread` performed `operation`; `enabled` were the threads enabled in the state before it.
    Step {
        thread: ThreadId,
        operation: Operation,
        enabled: Vec<ThreadId>,
    },
    /// Nobody could run, so virtual time jumped to the next deadline. It orders everything before
    /// it before everything after it.
    ClockAdvance,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecutionEnd {
    /// The program ended.
    Finished,
    /// No thread can run, there is no deadline to wait for, and the program has not ended.
    Stuck,
    /// The execution reached the step limit.
    StepLimit,
    /// The chooser aborted the execution (a replay that did not fit), with its reason.
    Aborted(String),
    /// The machine stopped inside a step at one of its own limits (`StepMachine::limit_reached`).
    Limit(LimitHit),
}

/// A limit a machine ran into inside a step, where it stopped: the execution ends there, and is
/// reported as stopped at a limit (not as a property of the program).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitHit {
    /// The execution ran `limit` instructions (visible or not) without ending.
    Instructions { limit: u64 },
    /// The caller asked the machine to stop (the command's wall-clock `--time-limit` ran out).
    Stopped,
}

#[derive(Clone, Debug)]
pub struct ExecutionRecord {
    pub steps: Vec<StepRecord>,
    /// The thread chosen at each choice point: the schedule that replays this execution.
    pub schedule: Schedule,
    pub end: ExecutionEnd,
    /// How many choices were preemptions (another thread chosen while the last one was enabled).
    pub preemptions: usize,
}

/// Run `machine` to its end, asking `chooser` at each choice point.
pub fn run_execution<M: StepMachine + ?Sized, C: Chooser + ?Sized>(
    machine: &mut M,
    chooser: &mut C,
    limits: Limits,
) -> ExecutionRecord {
    let mut steps = Vec::new();
    let mut choices = Vec::new();
    let mut preemptions = 0;
    let mut last: Option<ThreadId> = None;
    let mut taken = 0usize;
    let end = loop {
        if let Some(hit) = machine.limit_reached() {
            break ExecutionEnd::Limit(hit);
        }
        if machine.is_finished() {
            break ExecutionEnd::Finished;
        }
        let enabled = machine.enabled_threads();
        if enabled.is_empty() {
            if machine.advance_clock() {
                steps.push(StepRecord::ClockAdvance);
                continue;
            }
            break ExecutionEnd::Stuck;
        }
        if taken >= limits.max_steps {
            break ExecutionEnd::StepLimit;
        }
        let pending: Vec<Operation> = enabled
            .iter()
            .map(|&t| machine.pending(t).unwrap_or(Operation::LOCAL))
            .collect();
        let thread = if enabled.len() == 1 {
            enabled[0]
        } else {
            let point = ChoicePoint {
                index: choices.len(),
                step: taken,
                enabled: &enabled,
                pending: &pending,
                last,
            };
            match chooser.choose(&point) {
                Some(t) => {
                    assert!(
                        enabled.contains(&t),
                        "the chooser picked thread {t}, which is not enabled"
                    );
                    if matches!(last, Some(l) if l != t && enabled.contains(&l)) {
                        preemptions += 1;
                    }
                    choices.push(t);
                    t
                }
                None => break ExecutionEnd::Aborted("the chooser aborted the execution".into()),
            }
        };
        let operation = pending[enabled.iter().position(|&t| t == thread).unwrap()];
        machine.step(thread);
        steps.push(StepRecord::Step {
            thread,
            operation,
            enabled,
        });
        last = Some(thread);
        taken += 1;
    };
    ExecutionRecord {
        steps,
        schedule: Schedule::new(choices),
        end,
        preemptions,
    }
}
