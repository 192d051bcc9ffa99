//! Running single executions: the step loop every strategy shares, with the exact semantics of
//! `weft_core::run_execution` (the same choice points, default choice, clock advances and step
//! limit, checked by a test), plus what exploration needs on top: the threads each step spawned,
//! and detection of repeated machine states (spin loops and livelocks; CHESS, Musuvathi and
//! Qadeer, "Fair stateless model checking", PLDI 2008).
//!
//! A repeated state on the current path closes a cycle. The cycle is *fair* when every thread
//! enabled at some state of the cycle also takes a step in it: a strongly fair scheduler can then
//! repeat it forever, so the program has a fair non-terminating execution, which is reported as a
//! livelock. An *unfair* cycle starves some enabled thread; a fair scheduler leaves it, so
//! exhaustive search prunes the path there (every continuation from the repeated state is also a
//! continuation from its first occurrence, which the search explores anyway), and sampling
//! strategies are told so they can leave it.

use indexmap::IndexMap;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weft_core::observe::{Observe, Program};
use weft_core::{
    ChoicePoint, Chooser, ExecutionEnd, ExecutionRecord, Limits, Operation, ReplayChooser,
    Schedule, StepMachine, StepRecord, ThreadId, ThreadStatus,
};

type HashIndex = IndexMap<u64, usize, rustc_hash::FxBuildHasher>;

/// Why an execution ended, as the explorer distinguishes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// The program ended.
    Finished,
    /// No thread can run, no deadline is pending, and the program has not ended.
    Stuck,
    /// The execution reached `Limits::max_steps`.
    StepLimit,
    /// A fair cycle: the state after step `to` repeats the state after step `from`.
    FairCycle { from: usize, to: usize },
    /// An unfair cycle, pruned by exhaustive search.
    PrunedCycle { from: usize, to: usize },
    /// The step limit, reached by an execution in which `thread` went `steps` steps ready to run
    /// without being scheduled (`STARVATION_STEPS` or more): an unfair schedule, which a fair
    /// scheduler would not produce, pruned by every strategy rather than called a livelock.
    Starved { thread: ThreadId, steps: usize },
    /// Every enabled thread was in the sleep set (partial-order reduction only).
    SleepBlocked,
    /// Stateful search: the state after step `at` was reached by an earlier execution.
    VisitedState { at: usize },
    /// The chooser aborted the execution.
    Aborted(String),
    /// The machine stopped at one of its limits inside a step (an instruction budget, a stop
    /// request): the execution ends there, and the exploration with it.
    Limit(weft_core::LimitHit),
}

impl RunEnd {
    /// The weft-core view of this end.
    pub fn to_execution_end(&self) -> ExecutionEnd {
        match self {
            RunEnd::Finished => ExecutionEnd::Finished,
            RunEnd::Stuck => ExecutionEnd::Stuck,
            RunEnd::StepLimit => ExecutionEnd::StepLimit,
            RunEnd::FairCycle { from, to } => ExecutionEnd::Aborted(format!(
                "livelock: the state after step {to} repeats the state after step {from}"
            )),
            RunEnd::PrunedCycle { from, to } => ExecutionEnd::Aborted(format!(
                "pruned: the state after step {to} repeats the state after step {from}, and \
                 a fair scheduler would leave that cycle"
            )),
            RunEnd::Starved { thread, steps } => ExecutionEnd::Aborted(format!(
                "pruned: the step limit, reached by a schedule in which thread {} was ready to \
                 run for {steps} steps without being scheduled, which a fair scheduler would not \
                 do",
                thread.index()
            )),
            RunEnd::SleepBlocked => ExecutionEnd::Aborted("sleep-set blocked".into()),
            RunEnd::VisitedState { at } => ExecutionEnd::Aborted(format!(
                "cached: the state after step {at} was reached by an earlier execution"
            )),
            RunEnd::Aborted(why) => ExecutionEnd::Aborted(why.clone()),
            RunEnd::Limit(hit) => ExecutionEnd::Limit(*hit),
        }
    }
    /// Whether the execution counts as explored (pruned and blocked ones are cut short).
    pub fn is_complete(&self) -> bool {
        !matches!(
            self,
            RunEnd::PrunedCycle { .. }
                | RunEnd::Starved { .. }
                | RunEnd::SleepBlocked
                | RunEnd::VisitedState { .. }
                | RunEnd::Aborted(_)
        )
    }
}

/// How long a thread that is ready to run may go unscheduled before a schedule counts as unfair
/// at the step limit: CPython's switch interval (5 ms, `sys.getswitchinterval()`), after which a
/// thread waiting for the GIL forces the running one to drop it, in steps of
/// `weft_core::time::STEP_COST` (10 us): 500 steps.
pub(crate) const STARVATION_STEPS: usize = (5_000_000 / weft_core::time::STEP_COST.0) as usize;

/// How long threads went ready to run without running, step by step (for `Starved`).
#[derive(Default)]
pub(crate) struct Readiness {
    /// Per thread: the step since which it has been ready and not run, and one past the last
    /// step at which it was ready (0: never). A thread missing from a step's enabled set is
    /// not updated; the gap in its record tells that its stretch ended.
    ready: Vec<(usize, usize)>,
    /// The longest such stretch so far: the thread and its length in steps.
    longest: Option<(ThreadId, usize)>,
}

impl Readiness {
    /// At step `taken`, `enabled` can run and `chosen` runs: work in proportion to `enabled`.
    pub(crate) fn note(&mut self, enabled: &[ThreadId], chosen: Option<ThreadId>, taken: usize) {
        for &t in enabled {
            if t.index() >= self.ready.len() {
                self.ready.resize(t.index() + 1, (0, 0));
            }
            let (since, seen) = &mut self.ready[t.index()];
            // Ready at the previous step too, without running then: the stretch goes on.
            let continues = *seen == taken && *seen > 0;
            *seen = taken + 1;
            if Some(t) == chosen {
                *since = usize::MAX;
                continue;
            }
            if !continues || *since == usize::MAX {
                *since = taken;
            }
            let stretch = taken + 1 - *since;
            if self.longest.is_none_or(|(_, l)| stretch > l) {
                self.longest = Some((t, stretch));
            }
        }
    }

    /// The longest stretch in which a thread was ready and not run, when it was
    /// `STARVATION_STEPS` steps or more.
    pub(crate) fn starved(&self) -> Option<(ThreadId, usize)> {
        self.longest.filter(|&(_, steps)| steps >= STARVATION_STEPS)
    }
}

/// Advance virtual time while nobody can run; returns how many times the clock advanced.
pub(crate) fn settle<M: StepMachine + ?Sized>(machine: &mut M) -> usize {
    let mut advances = 0;
    let anyone_enabled = |m: &M| {
        (0..m.thread_count() as u32).any(|t| m.status(ThreadId(t)) == ThreadStatus::Enabled)
    };
    while !machine.is_finished() && !anyone_enabled(machine) {
        if !machine.advance_clock() {
            break;
        }
        advances += 1;
    }
    advances
}

/// The state history of the current path, for cycle detection.
#[derive(Clone, Default)]
pub(crate) struct CycleDetector {
    index: HashIndex,
    /// For each state on the path (after settling), its enabled threads.
    enabled: Vec<Vec<ThreadId>>,
    /// The thread of each step.
    stepped: Vec<ThreadId>,
}

/// A repeated state: `from` is the first occurrence, `to` the repeat (state indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cycle {
    pub from: usize,
    pub to: usize,
    pub fair: bool,
}

impl CycleDetector {
    /// Record state `state` (reached after `state` steps) and look for a repeat.
    pub fn visit(
        &mut self,
        state: usize,
        hash: Option<u64>,
        enabled: &[ThreadId],
    ) -> Option<Cycle> {
        debug_assert_eq!(self.enabled.len(), state);
        self.enabled.push(enabled.to_vec());
        let hash = hash?;
        match self.index.get(&hash) {
            Some(&from) => {
                let fair = self.is_fair(from, state);
                Some(Cycle {
                    from,
                    to: state,
                    fair,
                })
            }
            None => {
                self.index.insert(hash, state);
                None
            }
        }
    }

    pub fn stepped(&mut self, thread: ThreadId) {
        self.stepped.push(thread);
    }

    /// Forget everything after state `state` (backtracking).
    pub fn truncate(&mut self, state: usize) {
        while matches!(self.index.last(), Some((_, &s)) if s > state) {
            self.index.pop();
        }
        self.enabled.truncate(state + 1);
        self.stepped.truncate(state);
    }

    /// Forget all recorded hashes (after a sampling chooser was told about a cycle).
    pub fn forget_hashes(&mut self) {
        self.index.clear();
    }

    fn is_fair(&self, from: usize, to: usize) -> bool {
        let ran = &self.stepped[from..to];
        self.enabled[from..to]
            .iter()
            .flatten()
            .all(|t| ran.contains(t))
    }

    /// The threads that were enabled somewhere in states `from..to` (for messages).
    pub fn cycle_threads(&self, from: usize, to: usize) -> Vec<ThreadId> {
        let mut threads: Vec<ThreadId> = self.stepped[from..to].to_vec();
        threads.sort();
        threads.dedup();
        threads
    }
}

/// A chooser for single runs, which also decides what an unfair cycle means to it.
pub(crate) trait SampleChooser: Chooser {
    /// Whether an unfair cycle met before choice `next_choice` ends the run (as exhaustive
    /// search prunes it). Otherwise the chooser is told with `unfair_cycle` and the run goes on.
    fn prunes_unfair_cycle(&self, _next_choice: usize) -> bool {
        false
    }
    /// The threads of an unfair cycle the run is in, so that the chooser can leave it.
    fn unfair_cycle(&mut self, _threads: &[ThreadId]) {}
}

/// Replays a schedule; like exhaustive search, prunes an unfair cycle once past its end (while
/// choices remain, the schedule decides how the cycle is left).
pub(crate) struct Replay {
    inner: ReplayChooser,
    len: usize,
}

impl Replay {
    pub fn new(schedule: Schedule) -> Self {
        Replay {
            len: schedule.choices.len(),
            inner: ReplayChooser::new(schedule),
        }
    }
}

impl Chooser for Replay {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        self.inner.choose(point)
    }
}

impl SampleChooser for Replay {
    fn prunes_unfair_cycle(&self, next_choice: usize) -> bool {
        next_choice >= self.len
    }
}

/// The outcome of [`drive`].
pub(crate) struct Driven {
    pub record: ExecutionRecord,
    pub end: RunEnd,
    pub steps: usize,
    /// Threads in the cycle, for a fair-cycle end.
    pub cycle_threads: Vec<ThreadId>,
}

/// Run `machine` to its end with `chooser`: `weft_core::run_execution`'s loop, plus cycle
/// detection when `hashing`. `record_steps` keeps the per-step records.
pub(crate) fn drive<M: StepMachine + weft_core::observe::Observe, C: SampleChooser + ?Sized>(
    machine: &mut M,
    chooser: &mut C,
    limits: Limits,
    hashing: bool,
    record_steps: bool,
) -> Driven {
    let mut steps = Vec::new();
    let mut choices = Vec::new();
    let mut preemptions = 0;
    let mut last: Option<ThreadId> = None;
    let mut taken = 0usize;
    let mut detector = CycleDetector::default();
    let mut readiness = Readiness::default();
    let mut cycle_threads = Vec::new();
    let end = loop {
        if let Some(hit) = machine.limit_reached() {
            break RunEnd::Limit(hit);
        }
        if machine.is_finished() {
            break RunEnd::Finished;
        }
        let enabled = machine.enabled_threads();
        if enabled.is_empty() {
            if machine.advance_clock() {
                if record_steps {
                    steps.push(StepRecord::ClockAdvance);
                }
                continue;
            }
            break RunEnd::Stuck;
        }
        if hashing {
            if let Some(cycle) = detector.visit(taken, machine.state_hash(), &enabled) {
                if cycle.fair {
                    cycle_threads = detector.cycle_threads(cycle.from, cycle.to);
                    break RunEnd::FairCycle {
                        from: cycle.from,
                        to: cycle.to,
                    };
                }
                if chooser.prunes_unfair_cycle(choices.len()) {
                    break RunEnd::PrunedCycle {
                        from: cycle.from,
                        to: cycle.to,
                    };
                }
                let threads = detector.cycle_threads(cycle.from, cycle.to);
                chooser.unfair_cycle(&threads);
                detector.forget_hashes();
            }
        }
        if taken >= limits.max_steps {
            // The same rule as exhaustive search's, for every chooser: so a sampled finding
            // replays, and a schedule PCT starved is not called a livelock.
            if let Some((thread, steps)) = readiness.starved() {
                break RunEnd::Starved { thread, steps };
            }
            break RunEnd::StepLimit;
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
                None => break RunEnd::Aborted("the chooser aborted the execution".into()),
            }
        };
        let operation = pending[enabled.iter().position(|&t| t == thread).unwrap()];
        readiness.note(&enabled, Some(thread), taken);
        machine.step(thread);
        detector.stepped(thread);
        if record_steps {
            steps.push(StepRecord::Step {
                thread,
                operation,
                enabled,
            });
        }
        last = Some(thread);
        taken += 1;
    };
    Driven {
        record: ExecutionRecord {
            steps,
            schedule: Schedule::new(choices),
            end: end.to_execution_end(),
            preemptions,
        },
        end,
        steps: taken,
        cycle_threads,
    }
}

/// Uniform random choice from a ChaCha generator seeded with the execution's seed.
pub struct RandomChooser {
    rng: ChaCha8Rng,
}

impl RandomChooser {
    pub fn new(seed: u64) -> Self {
        RandomChooser {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }
}

impl Chooser for RandomChooser {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        Some(point.enabled[self.rng.gen_range(0..point.enabled.len())])
    }
}

impl SampleChooser for RandomChooser {}

/// The seed of execution `index` of a sampling run with master seed `master`: word 0 of ChaCha8
/// stream `index`, so every execution's seed is independent of the others and of `--jobs`.
pub fn execution_seed(master: u64, index: u64) -> u64 {
    let mut rng = ChaCha8Rng::seed_from_u64(master);
    rng.set_stream(index);
    rng.gen()
}

/// How `run_one` chooses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunMode {
    /// Seeded uniform random choice (the program is started with the same seed).
    Random { seed: u64 },
    /// Replay a schedule (past its end, the non-preemptive default).
    Replay {
        schedule: Schedule,
        program_seed: u64,
    },
}

/// One execution of a program, for `weft run` and `weft replay`.
pub struct SingleRun<M> {
    pub machine: M,
    pub record: ExecutionRecord,
    pub end: RunEnd,
    /// What the execution showed, as findings (lock-order cycles of this execution included).
    pub findings: Vec<crate::Finding>,
}

/// Run one execution of `program` and report its findings. Random runs report fair cycles and
/// walk through unfair ones; replays treat a cycle past the end of their schedule as exhaustive
/// search does, so that a schedule from `explore` replays to the same end.
/// With `trace`, the machine records its trace (`Program::start_traced`).
pub fn run_one<P: Program>(
    program: &P,
    mode: &RunMode,
    limits: Limits,
    trace: bool,
) -> SingleRun<P::Machine> {
    let start = |seed: u64| {
        if trace {
            program.start_traced(seed)
        } else {
            program.start(seed)
        }
    };
    match mode {
        RunMode::Random { seed } => {
            let mut machine = start(*seed);
            let mut chooser = RandomChooser::new(*seed);
            let driven = drive(&mut machine, &mut chooser, limits, true, true);
            finish_single(machine, driven, Some(*seed), *seed, limits)
        }
        RunMode::Replay {
            schedule,
            program_seed,
        } => {
            let mut machine = start(*program_seed);
            let mut chooser = Replay::new(schedule.clone());
            let mut driven = drive(&mut machine, &mut chooser, limits, true, true);
            if let Some(why) = chooser.inner.mismatch.take() {
                driven.end = RunEnd::Aborted(why.clone());
                driven.record.end = ExecutionEnd::Aborted(why);
            }
            finish_single(machine, driven, None, *program_seed, limits)
        }
    }
}

pub(crate) fn finish_single<M: StepMachine + Observe>(
    machine: M,
    driven: Driven,
    seed: Option<u64>,
    program_seed: u64,
    limits: Limits,
) -> SingleRun<M> {
    let findings = single_findings(&machine, &driven, seed, program_seed, limits);
    SingleRun {
        machine,
        record: driven.record,
        end: driven.end,
        findings,
    }
}

/// The findings of one execution by itself.
pub(crate) fn single_findings<M: StepMachine + Observe>(
    machine: &M,
    driven: &Driven,
    seed: Option<u64>,
    program_seed: u64,
    limits: Limits,
) -> Vec<crate::Finding> {
    let origin = crate::finding::Origin::default();
    let schedule = &driven.record.schedule;
    let mut candidates = Vec::new();
    crate::detect::scan_execution(
        machine,
        &driven.end,
        &driven.cycle_threads,
        limits,
        &|_, _| false,
        &mut crate::detect::RaceKeys::default(),
        &mut candidates,
    );
    let mut findings: Vec<crate::Finding> = Vec::new();
    for c in candidates {
        if !findings.iter().any(|f| f.kind == c.kind && f.key == c.key) {
            findings.push(c.into_finding(schedule, seed, program_seed, origin));
        }
    }
    let mut graph = crate::lockgraph::LockGraphBuilder::default();
    graph.add_execution(machine.lock_edges(), schedule, program_seed, origin);
    findings.extend(graph.build().order_findings(seed));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_measures_the_longest_stretch_a_ready_thread_did_not_run() {
        let (a, b) = (ThreadId(0), ThreadId(1));
        let mut r = Readiness::default();
        // b is ready for 300 steps while a runs, then blocked for one step, then ready again.
        for step in 0..300 {
            r.note(&[a, b], Some(a), step);
        }
        r.note(&[a], Some(a), 300);
        for step in 301..601 {
            r.note(&[a, b], Some(a), step);
        }
        assert_eq!(r.longest, Some((b, 300)), "the gap ends the first stretch");
        assert_eq!(r.starved(), None);
        for step in 601..801 {
            r.note(&[a, b], Some(a), step);
        }
        assert_eq!(r.starved(), Some((b, STARVATION_STEPS)));
        // Running ends a stretch.
        r.note(&[a, b], Some(b), 801);
        r.note(&[a, b], Some(a), 802);
        assert_eq!(r.starved(), Some((b, STARVATION_STEPS)));
        assert_eq!(STARVATION_STEPS, 500);
    }
}
