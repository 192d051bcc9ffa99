//! Counterexample shrinking: before a finding is reported, look for a schedule with fewer
//! preemptions, then fewer steps, that still shows the same finding (same kind and key), by
//! replaying candidates with replay semantics (past the end of a schedule, the non-preemptive
//! default continues). Candidates truncate the schedule at a preemption, replace a preemptive
//! choice by the default one, or truncate it anywhere; a candidate whose recorded choice is not
//! enabled takes the default there, and the accepted schedule is what the replay actually chose,
//! so it replays exactly. This greedy local search is locally minimal only, so when its result
//! still has preemptions, CHESS's iterative context bounding (Musuvathi and Qadeer, PLDI 2007)
//! settles the count: DFS bounded to 0, 1, ... preemptions (a bounded number of executions each)
//! looks for the same finding, and the first schedule found, shrunk again for steps, is taken.
//! Within those budgets the reported count of preemptions is the fewest that show the finding.
//! The number of replays per finding is bounded.

use weft_core::observe::{Observe, Program, TraceEvent};
use weft_core::{ChoicePoint, Chooser, Limits, Schedule, ThreadId};

use crate::finding::{Finding, FindingKind};
use crate::run::{drive, run_one, single_findings, RunMode, SampleChooser};

/// The most replays spent shrinking one finding.
const MAX_REPLAYS: usize = 64;
/// The most executions of each preemption-bounded search for fewer preemptions.
const BOUNDED_EXECUTIONS: usize = 2_000;

/// Replays a schedule, taking the default wherever the recorded choice cannot be made; records
/// what it chose and which choices were preemptions.
struct LenientChooser {
    wanted: Vec<ThreadId>,
    chosen: Vec<ThreadId>,
    preemptive: Vec<bool>,
}

impl Chooser for LenientChooser {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        let default = point.default_choice();
        let t = match self.wanted.get(point.index) {
            Some(t) if point.enabled.contains(t) => *t,
            _ => default,
        };
        self.chosen.push(t);
        self.preemptive.push(t != default);
        Some(t)
    }
}

impl SampleChooser for LenientChooser {
    fn prunes_unfair_cycle(&self, next_choice: usize) -> bool {
        next_choice >= self.wanted.len()
    }
}

/// A replayed candidate: the schedule it really took and its cost.
struct Trial {
    schedule: Schedule,
    preemptive: Vec<bool>,
    preemptions: usize,
    steps: usize,
}

fn shows(findings: &[Finding], kind: FindingKind, key: &str) -> bool {
    findings.iter().any(|f| f.kind == kind && f.key == key)
}

/// Replays `wanted` leniently; `Some` if the run shows the finding.
fn trial<P: Program>(
    program: &P,
    program_seed: u64,
    limits: Limits,
    kind: FindingKind,
    key: &str,
    wanted: &[ThreadId],
) -> Option<Trial> {
    let mut machine = program.start(program_seed);
    let mut chooser = LenientChooser {
        wanted: wanted.to_vec(),
        chosen: Vec::new(),
        preemptive: Vec::new(),
    };
    let driven = drive(&mut machine, &mut chooser, limits, true, false);
    // Past the end of `wanted` the chooser took the defaults, as a replay of the first
    // `wanted.len()` choices does, and it prunes cycles at the same point: that replay is this run.
    let findings = single_findings(&machine, &driven, None, program_seed, limits);
    if !shows(&findings, kind, key) {
        return None;
    }
    let mut chosen = chooser.chosen;
    chosen.truncate(wanted.len());
    let mut preemptive = chooser.preemptive;
    preemptive.truncate(wanted.len());
    Some(Trial {
        schedule: Schedule::new(chosen),
        preemptive,
        preemptions: driven.record.preemptions,
        steps: driven.steps,
    })
}

/// The shrunk schedule of `finding` (or its own schedule when nothing better reproduces it).
pub(crate) fn shrink<P: Program>(program: &P, finding: &Finding, limits: Limits) -> Schedule {
    let (kind, key) = (finding.kind, finding.key.as_str());
    let seed = finding.program_seed;
    let Some(start) = trial(program, seed, limits, kind, key, &finding.schedule.choices) else {
        return finding.schedule.clone();
    };
    let best = greedy(program, seed, limits, kind, key, start);
    if best.preemptions == 0 || kind == FindingKind::LockOrder {
        return best.schedule;
    }
    for bound in 0..best.preemptions {
        let config = crate::ExploreConfig {
            strategy: crate::Strategy::Dfs,
            seed,
            max_executions: Some(BOUNDED_EXECUTIONS),
            limits,
            preemption_bound: Some(bound),
            minimize: false,
            split_items: 1,
            ..crate::ExploreConfig::default()
        };
        let Ok(report) = crate::explore(program, &config) else {
            break;
        };
        let found = report
            .findings
            .iter()
            .find(|f| f.kind == kind && f.key == key)
            .and_then(|f| trial(program, seed, limits, kind, key, &f.schedule.choices));
        if let Some(fewer) = found.filter(|t| t.preemptions < best.preemptions) {
            return greedy(program, seed, limits, kind, key, fewer).schedule;
        }
    }
    best.schedule
}

/// Greedy local search from `best` for fewer preemptions, then fewer steps.
fn greedy<P: Program>(
    program: &P,
    seed: u64,
    limits: Limits,
    kind: FindingKind,
    key: &str,
    mut best: Trial,
) -> Trial {
    let mut replays = 1;
    let better = |t: &Trial, best: &Trial| {
        (t.preemptions, t.steps, t.schedule.choices.len())
            < (best.preemptions, best.steps, best.schedule.choices.len())
    };
    'improve: loop {
        let choices = best.schedule.choices.clone();
        let mut candidates: Vec<Vec<ThreadId>> = Vec::new();
        for (i, &preemptive) in best.preemptive.iter().enumerate() {
            if preemptive {
                candidates.push(choices[..i].to_vec());
            }
        }
        for (i, &preemptive) in best.preemptive.iter().enumerate() {
            if preemptive {
                let mut c = choices.clone();
                c.remove(i);
                candidates.push(c);
            }
        }
        for len in 0..choices.len() {
            candidates.push(choices[..len].to_vec());
        }
        for candidate in candidates {
            if replays >= MAX_REPLAYS {
                break 'improve;
            }
            replays += 1;
            if let Some(t) = trial(program, seed, limits, kind, key, &candidate) {
                if better(&t, &best) {
                    best = t;
                    continue 'improve;
                }
            }
        }
        break;
    }
    best
}

/// The trace, steps and preemptions of replaying `schedule`, and whether it shows the finding.
pub(crate) fn replay_details<P: Program>(
    program: &P,
    finding: &Finding,
    schedule: &Schedule,
    limits: Limits,
) -> (bool, Vec<TraceEvent>, usize, usize) {
    let run = run_one(
        program,
        &RunMode::Replay {
            schedule: schedule.clone(),
            program_seed: finding.program_seed,
        },
        limits,
        true,
    );
    let shown = shows(&run.findings, finding.kind, &finding.key);
    let steps = run
        .record
        .steps
        .iter()
        .filter(|s| matches!(s, weft_core::StepRecord::Step { .. }))
        .count();
    (
        shown,
        run.machine.trace().to_vec(),
        steps,
        run.record.preemptions,
    )
}
