//! The result of an exploration, as plain data (DESIGN.md's JSON keys are fields here; the JSON
//! itself is written by weft-report), and the merge of the reports of shards.

use crate::collect::Collector;
use crate::finding::{Finding, FindingKind};
use crate::lockgraph::{LockGraph, LockGraphBuilder};

/// A distinct program output, with how many executions printed it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub stdout: String,
    pub executions: usize,
}

/// One phase of an exploration (`auto` has a DPOR phase and possibly a PCT phase).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phase {
    pub strategy: String,
    pub executions: usize,
    /// The phase covered its whole space.
    pub complete: bool,
    /// Why it stopped before covering its space.
    pub stopped: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExploreReport {
    /// The strategy asked for (`auto`, `dpor`, `dfs`, `source-dpor`, `random`, `pct`).
    pub strategy: String,
    /// Every schedule (under the bounds) was covered.
    pub complete: bool,
    /// Executions explored (for DPOR: complete executions, one per Mazurkiewicz trace; executions
    /// cut at a repeated state are included and counted again in `pruned_cycles`).
    pub executions: usize,
    /// Why the exploration is incomplete, e.g. "10,000 executions, the --max-executions budget".
    pub incomplete_reason: Option<String>,
    /// Sorted by kind, then by when they were first seen.
    pub findings: Vec<Finding>,
    /// Distinct outputs of the executions that ran to an end, most frequent first (then by text).
    pub outcomes: Vec<Outcome>,
    /// Executions cut as unfair: they entered an unfair cycle (a spin loop starving a thread),
    /// or reached the step limit while a thread had been ready to run, and not run, for
    /// CPython's switch interval (`run::STARVATION_STEPS`).
    pub pruned_cycles: usize,
    /// Executions ended at a state an earlier execution reached (`--state-caching`).
    #[serde(default)]
    pub cached_states: usize,
    /// Partial executions abandoned because every enabled thread was in the sleep set.
    pub sleep_blocked: usize,
    /// Visible steps over all executions.
    pub steps_total: u64,
    /// The lock-order graph over all executions.
    pub lock_graph: LockGraph,
    /// How far each strategy got (for `auto`: how far DPOR got before PCT took over).
    pub phases: Vec<Phase>,
    /// The seed the program was started with (exhaustive strategies; replays need it).
    pub program_seed: u64,
    /// `(index, count)` when this report covers one shard.
    pub shard: Option<(usize, usize)>,
    /// Subtrees the schedule tree was split into (exhaustive strategies).
    pub subtrees: usize,
    /// The lock edges behind `lock_graph`, kept so that shard reports merge exactly.
    pub(crate) lock_edges: LockGraphBuilder,
    /// The model options a replay needs besides the schedule and seed (` --time=free`, ...):
    /// set by whoever knows them (the CLI), appended to every replay command.
    #[serde(default)]
    pub replay_options: String,
}

/// Orders findings as reports show them: by kind, then first occurrence, then key.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.kind, a.origin, &a.key).cmp(&(b.kind, b.origin, &b.key)));
}

pub(crate) fn outcomes_of(collector: &Collector) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = collector
        .outcomes
        .iter()
        .map(|(stdout, &executions)| Outcome {
            stdout: stdout.clone(),
            executions,
        })
        .collect();
    outcomes.sort_by(|a, b| {
        b.executions
            .cmp(&a.executions)
            .then(a.stdout.cmp(&b.stdout))
    });
    outcomes
}

/// Combines the reports of the shards of one exploration (same program and options, shards
/// `0..N` of N) into the report a single run would give: counts add up, each finding keeps its
/// earliest occurrence, lock-order cycles are looked for in the union of the lock edges.
/// Lock-order findings that no shard reported by itself come without a trace.
pub fn merge_reports(reports: &[ExploreReport]) -> ExploreReport {
    let Some(first) = reports.first() else {
        return ExploreReport::empty("");
    };
    let mut merged = ExploreReport::empty(&first.strategy);
    merged.program_seed = first.program_seed;
    merged.replay_options = first.replay_options.clone();
    merged.subtrees = first.subtrees;
    merged.complete = reports.iter().all(|r| r.complete);
    merged.incomplete_reason = reports.iter().find_map(|r| r.incomplete_reason.clone());
    let mut collector = Collector::default();
    for report in reports {
        merged.executions += report.executions;
        merged.pruned_cycles += report.pruned_cycles;
        merged.cached_states += report.cached_states;
        merged.sleep_blocked += report.sleep_blocked;
        merged.steps_total += report.steps_total;
        let mut part = Collector::default();
        for outcome in &report.outcomes {
            part.outcomes
                .insert(outcome.stdout.clone(), outcome.executions);
        }
        for finding in &report.findings {
            if finding.kind != FindingKind::LockOrder {
                part.findings
                    .insert((finding.kind, finding.key.clone()), finding.clone());
            }
        }
        part.lock_graph = report.lock_edges.clone();
        collector.merge(part);
        for (i, phase) in report.phases.iter().enumerate() {
            match merged.phases.get_mut(i) {
                Some(mine) => {
                    mine.executions += phase.executions;
                    mine.complete &= phase.complete;
                    if mine.stopped.is_none() {
                        mine.stopped = phase.stopped.clone();
                    }
                }
                None => merged.phases.push(phase.clone()),
            }
        }
    }
    merged.outcomes = outcomes_of(&collector);
    merged.lock_graph = collector.lock_graph.build();
    let mut findings: Vec<Finding> = collector.findings.into_values().collect();
    for mut finding in merged.lock_graph.order_findings(None) {
        if let Some(known) = reports
            .iter()
            .flat_map(|r| &r.findings)
            .find(|f| f.kind == FindingKind::LockOrder && f.key == finding.key)
        {
            finding.schedule = known.schedule.clone();
            finding.trace = known.trace.clone();
            finding.preemptions = known.preemptions;
            finding.steps = known.steps;
            finding.seed = known.seed;
        }
        findings.push(finding);
    }
    sort_findings(&mut findings);
    merged.findings = findings;
    merged.lock_edges = collector.lock_graph;
    merged
}

impl ExploreReport {
    pub(crate) fn empty(strategy: &str) -> ExploreReport {
        ExploreReport {
            strategy: strategy.to_string(),
            complete: true,
            executions: 0,
            incomplete_reason: None,
            findings: Vec::new(),
            outcomes: Vec::new(),
            pruned_cycles: 0,
            cached_states: 0,
            sleep_blocked: 0,
            steps_total: 0,
            lock_graph: LockGraph::default(),
            phases: Vec::new(),
            program_seed: 0,
            shard: None,
            subtrees: 0,
            lock_edges: LockGraphBuilder::default(),
            replay_options: String::new(),
        }
    }

    /// The findings of one kind.
    pub fn findings_of(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }
}
