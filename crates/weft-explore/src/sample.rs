//! Sampling strategies: seeded uniform random choice, and PCT (Burckhardt, Kothari, Musuvathi,
//! Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS
//! 2010).
//!
//! Execution `i` of a sampling run uses the seed `execution_seed(master, i)` (ChaCha8 stream `i`
//! of the master seed) for its choices and for the program's own `random`, so executions do not
//! depend on each other, on `--jobs` or on `--shard`; a finding reports its execution's seed.
//!
//! PCT with depth d gives every thread a random priority of at least d when it first appears,
//! picks d - 1 random change points among the first k choice points, and always runs the enabled
//! thread of highest priority; at the i-th change point the thread about to run drops to
//! priority d - i. Guarantee (the paper's Theorem 6): for a program with at most n threads and k
//! choice points, one execution finds a bug of depth d with probability at least
//! 1 / (n · k^(d-1)). n and k are estimated once, from a random calibration run (seeded with the
//! master seed); executions longer than the estimate get no change points past it, which only
//! weakens the bound for bugs that need late change points. Random and PCT never prove the space
//! covered: their reports are always incomplete.
//!
//! On an unfair cycle (a spin loop starving a thread, see `run`), PCT demotes the spinning
//! threads below every other priority, as a fair scheduler would let the others run; random
//! choice leaves such cycles by itself.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weft_core::observe::Program;
use weft_core::{ChoicePoint, Chooser, StepMachine, ThreadId};

use crate::collect::{Collector, ExecutionSummary};
use crate::config::{Deadline, ExploreConfig};
use crate::finding::{with_commas, Origin};
use crate::run::{drive, execution_seed, RandomChooser, SampleChooser};

/// Which sampling strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SampleMode {
    Random,
    Pct { depth: usize },
}

/// PCT's estimates of the program's size, from the calibration run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PctEstimate {
    pub threads: usize,
    pub choice_points: usize,
}

pub(crate) struct PctChooser {
    rng: ChaCha8Rng,
    depth: usize,
    priorities: Vec<Option<i64>>,
    /// (choice index, priority to drop to).
    change_points: Vec<(usize, i64)>,
    demoted: i64,
}

impl PctChooser {
    pub fn new(seed: u64, depth: usize, estimate: PctEstimate) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let k = estimate.choice_points.max(1);
        let mut change_points: Vec<(usize, i64)> = Vec::new();
        for i in 1..depth {
            if change_points.len() >= k {
                break;
            }
            let at = loop {
                let at = rng.gen_range(0..k);
                if !change_points.iter().any(|&(c, _)| c == at) {
                    break at;
                }
            };
            change_points.push((at, (depth - i) as i64));
        }
        PctChooser {
            rng,
            depth,
            priorities: Vec::new(),
            change_points,
            demoted: 0,
        }
    }

    fn priority(&mut self, t: ThreadId) -> i64 {
        if self.priorities.len() <= t.index() {
            self.priorities.resize(t.index() + 1, None);
        }
        if self.priorities[t.index()].is_none() {
            let p = self.depth as i64 + self.rng.gen::<u32>() as i64;
            self.priorities[t.index()] = Some(p);
        }
        self.priorities[t.index()].unwrap()
    }

    fn highest(&mut self, enabled: &[ThreadId]) -> ThreadId {
        let mut best = enabled[0];
        let mut best_priority = self.priority(best);
        for &t in &enabled[1..] {
            let p = self.priority(t);
            if p > best_priority {
                best = t;
                best_priority = p;
            }
        }
        best
    }
}

impl Chooser for PctChooser {
    fn choose(&mut self, point: &ChoicePoint<'_>) -> Option<ThreadId> {
        let t = self.highest(point.enabled);
        if let Some(&(_, p)) = self.change_points.iter().find(|(c, _)| *c == point.index) {
            self.priorities[t.index()] = Some(p);
            return Some(self.highest(point.enabled));
        }
        Some(t)
    }
}

impl SampleChooser for PctChooser {
    fn unfair_cycle(&mut self, threads: &[ThreadId]) {
        for &t in threads {
            self.demoted -= 1;
            if self.priorities.len() <= t.index() {
                self.priorities.resize(t.index() + 1, None);
            }
            self.priorities[t.index()] = Some(self.demoted);
        }
    }
}

/// Estimates n and k from one random run seeded with the master seed.
pub(crate) fn calibrate<P: Program>(program: &P, config: &ExploreConfig) -> PctEstimate {
    let mut machine = program.start(config.seed);
    let mut chooser = RandomChooser::new(config.seed);
    let driven = drive(&mut machine, &mut chooser, config.limits, true, false);
    PctEstimate {
        threads: machine.thread_count(),
        choice_points: driven.record.schedule.choices.len().max(1),
    }
}

/// What a sampling run found.
pub(crate) struct SampleOutcome {
    pub collector: Collector,
    pub incomplete_reason: String,
}

/// Executions are handed to jobs in chunks of this many.
const CHUNK: usize = 64;

fn run_execution_at<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mode: SampleMode,
    estimate: Option<PctEstimate>,
    index: usize,
    origin_item: u64,
    collector: &mut Collector,
) {
    let seed = execution_seed(config.seed, index as u64);
    let mut machine = program.start(seed);
    let driven = match mode {
        SampleMode::Random => {
            let mut chooser = RandomChooser::new(seed);
            drive(
                &mut machine,
                &mut chooser,
                config.limits,
                config.state_hashing,
                false,
            )
        }
        SampleMode::Pct { depth } => {
            let mut chooser = PctChooser::new(seed, depth, estimate.expect("calibrated"));
            drive(
                &mut machine,
                &mut chooser,
                config.limits,
                config.state_hashing,
                false,
            )
        }
    };
    let summary = ExecutionSummary {
        end: &driven.end,
        steps: driven.steps,
        cycle_threads: &driven.cycle_threads,
        seed: Some(seed),
        program_seed: seed,
        origin: Origin {
            item: origin_item,
            execution: index as u64,
        },
        limits: config.limits,
    };
    let schedule = driven.record.schedule.clone();
    collector.record(&machine, &summary, &mut || schedule.clone());
}

/// Runs `budget` sampled executions (those of this shard), numbered from `first_index`.
pub(crate) fn explore_sampling<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mode: SampleMode,
    budget: usize,
    deadline: &dyn Deadline,
    origin_item: u64,
) -> SampleOutcome {
    let estimate = match mode {
        SampleMode::Pct { .. } => Some(calibrate(program, config)),
        SampleMode::Random => None,
    };
    let indices: Vec<usize> = (0..budget)
        .filter(|i| config.shard.is_none_or(|(index, count)| i % count == index))
        .collect();
    let chunks: Vec<&[usize]> = indices.chunks(CHUNK).collect();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let results: Mutex<Vec<Option<(Collector, bool)>>> =
        Mutex::new((0..chunks.len()).map(|_| None).collect());
    let work = || loop {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let c = next.fetch_add(1, Ordering::SeqCst);
        if c >= chunks.len() {
            return;
        }
        let mut collector = Collector::default();
        let mut cut = false;
        for &i in chunks[c] {
            if deadline.expired() {
                cut = true;
                stop.store(true, Ordering::SeqCst);
                break;
            }
            run_execution_at(
                program,
                config,
                mode,
                estimate,
                i,
                origin_item,
                &mut collector,
            );
            deadline.executed(collector.findings.len());
            if (config.fail_fast && collector.found) || collector.limit.is_some() {
                cut = true;
                stop.store(true, Ordering::SeqCst);
                break;
            }
        }
        results.lock().unwrap()[c] = Some((collector, cut));
    };
    if config.jobs <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..config.jobs.min(chunks.len()) {
                crate::spawn_job(scope, work);
            }
        });
    }
    let mut total = Collector::default();
    let mut stopped_early = false;
    for result in results.into_inner().unwrap() {
        let Some((collector, cut)) = result else {
            stopped_early = true;
            break;
        };
        total.merge(collector);
        if cut {
            stopped_early = true;
            break;
        }
    }
    let what = match mode {
        SampleMode::Random => "random sampling",
        SampleMode::Pct { .. } => "PCT sampling",
    };
    let incomplete_reason = if let Some(hit) = total.limit {
        crate::detect::limit_stop_reason(hit)
    } else if config.fail_fast && total.found {
        "stopped at the first finding (--fail-fast)".to_string()
    } else if stopped_early {
        "the --time-limit budget ran out".to_string()
    } else {
        format!(
            "{} executions, the --max-executions budget ({} never proves the space covered)",
            with_commas(budget),
            what
        )
    };
    SampleOutcome {
        collector: total,
        incomplete_reason,
    }
}
