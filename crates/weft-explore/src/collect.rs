//! Aggregation over executions: counts, distinct outputs, findings deduplicated by kind and key
//! (counted, first occurrence kept), and lock-order edges. One collector per subtree or sampling
//! chunk; collectors merge in exploration order, so the result does not depend on which OS
//! thread explored what.

use indexmap::IndexMap;
use weft_core::observe::Observe;
use weft_core::{Limits, Schedule, StepMachine, ThreadId};

use crate::detect::{scan_execution, RaceKeys};
use crate::finding::{Finding, FindingKind, Origin};
use crate::lockgraph::LockGraphBuilder;
use crate::run::RunEnd;

/// Looks a finding up by kind and borrowed key, without building a `String`.
#[derive(Hash)]
struct KeyRef<'a>(FindingKind, &'a str);

impl indexmap::Equivalent<(FindingKind, String)> for KeyRef<'_> {
    fn equivalent(&self, key: &(FindingKind, String)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Collector {
    /// Executions explored (pruned ones included; sleep-set blocked ones not).
    pub executions: usize,
    pub steps_total: u64,
    pub pruned_cycles: usize,
    pub sleep_blocked: usize,
    /// Executions ended at a state an earlier one reached (`--state-caching`).
    pub cached_states: usize,
    pub outcomes: IndexMap<String, usize>,
    pub findings: IndexMap<(FindingKind, String), Finding>,
    pub lock_graph: LockGraphBuilder,
    /// Whether some execution showed a finding (for --fail-fast).
    pub found: bool,
    /// The limit an execution stopped at (`RunEnd::Limit`): exploration stops there.
    pub limit: Option<weft_core::LimitHit>,
    /// The first execution that partial-order reduction cannot be trusted with, and why.
    pub unreduced: Option<Unreduced>,
    race_keys: RaceKeys,
}

/// Why partial-order reduction cannot be trusted with a program (the explorer then searches
/// every interleaving).
#[derive(Clone, Debug)]
pub enum Unreduced {
    /// A step exceeded the operation it announced (`Observe::footprint_exceeded`).
    Footprint(weft_core::SourceSite),
    /// Work moved the clock, or could have (`Observe::clock_moved_by_work`).
    WorkClock(weft_core::SourceSite),
}

impl Unreduced {
    /// Why the reduction was dropped, for the report's phase line.
    pub fn explain(&self) -> String {
        match self {
            Unreduced::Footprint(site) => format!(
                "a step at {site} (`{}`) accessed shared memory beyond the operation it announced \
                 (user code run inside a builtin, or --switch-points=gil): partial-order reduction \
                 would be unsound, so every interleaving is searched instead",
                site.text
            ),
            Unreduced::WorkClock(site) => format!(
                "the timed wait at {site} (`{}`) can end by the other threads' work (in strict \
                 time every step takes virtual time), and where it ends depends on how many \
                 steps of each thread come first, which partial-order reduction does not track: \
                 every interleaving is searched instead",
                site.text
            ),
        }
    }
}

/// What one finished execution is, for [`Collector::record`].
pub(crate) struct ExecutionSummary<'a> {
    pub end: &'a RunEnd,
    pub steps: usize,
    pub cycle_threads: &'a [ThreadId],
    pub seed: Option<u64>,
    pub program_seed: u64,
    pub origin: Origin,
    pub limits: Limits,
}

impl Collector {
    /// Records one execution; `schedule` is only called when something new needs it.
    pub fn record<M: StepMachine + Observe>(
        &mut self,
        machine: &M,
        summary: &ExecutionSummary<'_>,
        schedule: &mut dyn FnMut() -> Schedule,
    ) {
        if self.unreduced.is_none() {
            self.unreduced = machine
                .footprint_exceeded()
                .map(Unreduced::Footprint)
                .or_else(|| machine.clock_moved_by_work().map(Unreduced::WorkClock));
        }
        if *summary.end == RunEnd::SleepBlocked {
            self.sleep_blocked += 1;
            return;
        }
        if let RunEnd::Limit(hit) = summary.end {
            self.limit.get_or_insert(*hit);
            if *hit == weft_core::LimitHit::Stopped {
                // The time budget ran out inside this execution: it is cut, not explored, and
                // the exploration reports itself incomplete.
                return;
            }
        }
        self.executions += 1;
        self.steps_total += summary.steps as u64;
        if matches!(
            summary.end,
            RunEnd::PrunedCycle { .. } | RunEnd::Starved { .. }
        ) {
            self.pruned_cycles += 1;
        } else if matches!(summary.end, RunEnd::VisitedState { .. }) {
            self.cached_states += 1;
        } else if *summary.end != RunEnd::Finished {
            // An outcome is the output of an execution that ran to its end (DESIGN.md), not of
            // one cut short by a deadlock, a hang or a bound.
        } else if let Some(count) = self.outcomes.get_mut(machine.stdout()) {
            *count += 1;
        } else {
            self.outcomes.insert(machine.stdout().to_string(), 1);
        }
        let mut candidates = Vec::new();
        let findings = &self.findings;
        scan_execution(
            machine,
            summary.end,
            summary.cycle_threads,
            summary.limits,
            &|kind, key| findings.contains_key(&KeyRef(kind, key)),
            &mut self.race_keys,
            &mut candidates,
        );
        let mut cached: Option<Schedule> = None;
        let mut schedule_once =
            |f: &mut dyn FnMut() -> Schedule| -> Schedule { cached.get_or_insert_with(f).clone() };
        let mut seen_here: Vec<(FindingKind, String)> = Vec::new();
        for candidate in candidates {
            self.found = true;
            let id = (candidate.kind, candidate.key.clone());
            if seen_here.contains(&id) {
                continue;
            }
            seen_here.push(id.clone());
            match self.findings.get_mut(&id) {
                Some(finding) => finding.executions += 1,
                None => {
                    let s = schedule_once(schedule);
                    let finding = candidate.into_finding(
                        &s,
                        summary.seed,
                        summary.program_seed,
                        summary.origin,
                    );
                    self.findings.insert(id, finding);
                }
            }
        }
        let edges = machine.lock_edges();
        if !edges.is_empty() {
            let s = schedule_once(schedule);
            self.lock_graph
                .add_execution(edges, &s, summary.program_seed, summary.origin);
        }
    }

    /// Adds a collector of later executions.
    pub fn merge(&mut self, other: Collector) {
        self.executions += other.executions;
        self.steps_total += other.steps_total;
        self.pruned_cycles += other.pruned_cycles;
        self.sleep_blocked += other.sleep_blocked;
        self.cached_states += other.cached_states;
        self.found |= other.found;
        self.limit = self.limit.or(other.limit);
        if self.unreduced.is_none() {
            self.unreduced = other.unreduced;
        }
        for (stdout, count) in other.outcomes {
            *self.outcomes.entry(stdout).or_insert(0) += count;
        }
        for (id, finding) in other.findings {
            match self.findings.get_mut(&id) {
                Some(mine) => {
                    mine.executions += finding.executions;
                    if finding.origin < mine.origin {
                        let count = mine.executions;
                        *mine = finding;
                        mine.executions = count;
                    }
                }
                None => {
                    self.findings.insert(id, finding);
                }
            }
        }
        self.lock_graph.merge(other.lock_graph);
    }
}
