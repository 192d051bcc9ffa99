//! The entry point: run the configured strategy (for `auto`, optimal DPOR and then PCT for what
//! is left of the budget), then turn what was collected into a report: lock-order findings from
//! the graph over all executions, and each finding's schedule shrunk and replayed for its trace.

use weft_core::observe::Program;

use crate::collect::Collector;
use crate::config::{
    ConfigError, Deadline, ExploreConfig, NoDeadline, Strategy, DEFAULT_MAX_EXECUTIONS,
};
use crate::finding::{Finding, FindingKind};
use crate::frontier::explore_tree;
use crate::minimize::{replay_details, shrink};
use crate::report::{outcomes_of, sort_findings, ExploreReport, Phase};
use crate::sample::{explore_sampling, SampleMode};
use crate::tree::TreeMode;

/// Where sampling executions of `auto` sit in the exploration order (after every DPOR subtree).
const SAMPLING_ORIGIN: u64 = 1 << 48;

/// Explores `program` as `config` says, with no time limit.
pub fn explore<P: Program>(
    program: &P,
    config: &ExploreConfig,
) -> Result<ExploreReport, ConfigError> {
    explore_until(program, config, &NoDeadline)
}

/// Explores `program` until done, a budget is spent, or `deadline` expires.
pub fn explore_until<P: Program>(
    program: &P,
    config: &ExploreConfig,
    deadline: &dyn Deadline,
) -> Result<ExploreReport, ConfigError> {
    config.validate()?;
    let mut report = ExploreReport::empty(config.strategy.name());
    report.program_seed = config.seed;
    report.shard = config.shard;
    let mut collector = Collector::default();
    let bounded_dfs = TreeMode::Dfs {
        preemption_bound: config.preemption_bound,
    };
    match config.strategy {
        Strategy::Dfs => tree_phase(
            program,
            config,
            bounded_dfs,
            config.max_executions,
            deadline,
            &mut report,
            &mut collector,
        ),
        Strategy::Dpor => tree_phase(
            program,
            config,
            TreeMode::Dpor { optimal: true },
            config.max_executions,
            deadline,
            &mut report,
            &mut collector,
        ),
        Strategy::SourceDpor => tree_phase(
            program,
            config,
            TreeMode::Dpor { optimal: false },
            config.max_executions,
            deadline,
            &mut report,
            &mut collector,
        ),
        Strategy::Random => sample_phase(
            program,
            config,
            SampleMode::Random,
            sampling_budget(config),
            deadline,
            0,
            &mut report,
            &mut collector,
        ),
        Strategy::Pct { depth } => sample_phase(
            program,
            config,
            SampleMode::Pct { depth },
            sampling_budget(config),
            deadline,
            0,
            &mut report,
            &mut collector,
        ),
        Strategy::Auto => auto(program, config, deadline, &mut report, &mut collector),
    }
    finish(program, config, deadline, collector, &mut report);
    Ok(report)
}

fn sampling_budget(config: &ExploreConfig) -> usize {
    config.max_executions.unwrap_or(DEFAULT_MAX_EXECUTIONS)
}

fn tree_phase<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mut mode: TreeMode,
    budget: Option<usize>,
    deadline: &dyn Deadline,
    report: &mut ExploreReport,
    collector: &mut Collector,
) {
    let mut outcome = explore_tree(program, config, mode, budget, deadline);
    if let (TreeMode::Dpor { optimal }, Some(unreduced)) =
        (mode, outcome.collector.unreduced.clone())
    {
        // DPOR pruned by operations that some step exceeded, or by an independence that the
        // clock does not have: its coverage is not trustworthy. Search every interleaving
        // instead (the same budget, from the start).
        report.phases.push(Phase {
            strategy: if optimal { "dpor" } else { "source-dpor" }.to_string(),
            executions: outcome.collector.executions,
            complete: false,
            stopped: Some(unreduced.explain()),
        });
        outcome = explore_tree(
            program,
            config,
            TreeMode::Dfs {
                preemption_bound: None,
            },
            budget,
            deadline,
        );
        mode = TreeMode::Dfs {
            preemption_bound: None,
        };
    }
    let name = match mode {
        TreeMode::Dfs { .. } => "dfs",
        TreeMode::Dpor { optimal: true } => "dpor",
        TreeMode::Dpor { optimal: false } => "source-dpor",
    };
    report.phases.push(Phase {
        strategy: name.to_string(),
        executions: outcome.collector.executions,
        complete: outcome.complete,
        stopped: outcome.incomplete_reason.clone(),
    });
    report.complete = outcome.complete;
    report.incomplete_reason = outcome.incomplete_reason;
    report.subtrees = outcome.subtrees;
    collector.merge(outcome.collector);
}

fn sample_phase<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mode: SampleMode,
    budget: usize,
    deadline: &dyn Deadline,
    origin_item: u64,
    report: &mut ExploreReport,
    collector: &mut Collector,
) {
    let outcome = explore_sampling(program, config, mode, budget, deadline, origin_item);
    let name = match mode {
        SampleMode::Random => "random",
        SampleMode::Pct { .. } => "pct",
    };
    report.phases.push(Phase {
        strategy: name.to_string(),
        executions: outcome.collector.executions,
        complete: false,
        stopped: Some(outcome.incomplete_reason.clone()),
    });
    report.complete = false;
    report.incomplete_reason = Some(outcome.incomplete_reason);
    collector.merge(outcome.collector);
}

/// The part of the deadline `auto` gives its first phase.
struct ShareOf<'a> {
    deadline: &'a dyn Deadline,
    share: f64,
}

impl Deadline for ShareOf<'_> {
    fn expired(&self) -> bool {
        self.deadline.expired()
            || self
                .deadline
                .fraction_spent()
                .is_some_and(|spent| spent >= self.share)
    }
    fn executed(&self, findings: usize) {
        self.deadline.executed(findings);
    }
}

fn auto<P: Program>(
    program: &P,
    config: &ExploreConfig,
    deadline: &dyn Deadline,
    report: &mut ExploreReport,
    collector: &mut Collector,
) {
    let mode = match config.preemption_bound {
        Some(_) => TreeMode::Dfs {
            preemption_bound: config.preemption_bound,
        },
        None => TreeMode::Dpor { optimal: true },
    };
    let first_budget = config
        .max_executions
        .map(|b| ((b as f64 * config.auto_dpor_share).ceil() as usize).max(1));
    let share = ShareOf {
        deadline,
        share: config.auto_dpor_share,
    };
    tree_phase(
        program,
        config,
        mode,
        first_budget,
        &share,
        report,
        collector,
    );
    if report.complete
        || (config.fail_fast && collector.found)
        || collector.limit.is_some()
        || deadline.expired()
    {
        return;
    }
    let Some(total) = config.max_executions else {
        return;
    };
    let left = total.saturating_sub(collector.executions);
    if left == 0 {
        return;
    }
    let tree_phases = report.phases.clone();
    sample_phase(
        program,
        config,
        SampleMode::Pct {
            depth: crate::config::DEFAULT_PCT_DEPTH,
        },
        left,
        deadline,
        SAMPLING_ORIGIN,
        report,
        collector,
    );
    let pct = report.phases.last().unwrap().clone();
    let searched: Vec<String> = tree_phases
        .iter()
        .map(|phase| {
            format!(
                "{} explored {} without covering the space ({})",
                phase.strategy,
                executions(phase.executions),
                phase.stopped.clone().unwrap_or_default()
            )
        })
        .collect();
    report.incomplete_reason = Some(format!(
        "{}, then PCT sampled {} ({})",
        searched.join(", then "),
        executions(pct.executions),
        pct.stopped.unwrap_or_default()
    ));
}

/// "1 execution", "2,000 executions".
fn executions(n: usize) -> String {
    match n {
        1 => "1 execution".to_string(),
        n => format!("{} executions", crate::finding::with_commas(n)),
    }
}

/// Fills the report from the collected executions.
fn finish<P: Program>(
    program: &P,
    config: &ExploreConfig,
    deadline: &dyn Deadline,
    collector: Collector,
    report: &mut ExploreReport,
) {
    report.executions = collector.executions;
    report.pruned_cycles = collector.pruned_cycles;
    report.cached_states = collector.cached_states;
    report.sleep_blocked = collector.sleep_blocked;
    report.steps_total = collector.steps_total;
    report.outcomes = outcomes_of(&collector);
    report.lock_graph = collector.lock_graph.build();
    let mut findings: Vec<Finding> = collector.findings.into_values().collect();
    findings.extend(report.lock_graph.order_findings(None));
    for finding in &mut findings {
        if finding.kind == FindingKind::LockOrder {
            finding.seed = None;
        }
        // A limit is not shrunk: every replay of it runs to the limit again.
        let schedule =
            if config.minimize && !deadline.expired() && finding.kind != FindingKind::Limit {
                shrink(program, finding, config.limits)
            } else {
                finding.schedule.clone()
            };
        let (shown, trace, steps, preemptions) =
            replay_details(program, finding, &schedule, config.limits);
        if shown || schedule == finding.schedule {
            finding.schedule = schedule;
            finding.trace = trace;
            finding.steps = steps;
            finding.preemptions = preemptions;
        }
    }
    sort_findings(&mut findings);
    report.findings = findings;
    report.lock_edges = collector.lock_graph;
}
