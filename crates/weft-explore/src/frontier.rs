//! Splitting exhaustive search into subtrees, for `--jobs` and `--shard`, without changing the
//! result. The top of the schedule tree is expanded breadth-first (every enabled thread not in
//! the sleep set is a child, siblings in the order DFS takes them) until there are at least
//! `split_items` subtrees. The split depends only on the program and that number, never on the
//! number of jobs, so every job count explores exactly the same executions; subtrees are
//! explored on `jobs` OS threads that take the next unexplored subtree, and their results are
//! merged in subtree order. Shard I of N explores the subtrees whose index is I modulo N.
//!
//! Budgets stay exact: each subtree is explored with the whole remaining budget, and if the
//! in-order merge runs past it, the subtree at the boundary is explored again with exactly what
//! was left (exploring is deterministic, so that is a prefix of the first run).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use weft_core::observe::{Observe, Program};
use weft_core::{StepMachine, ThreadId};

use crate::collect::Collector;
use crate::config::{Deadline, ExploreConfig};
use crate::finding::with_commas;
use crate::run::{settle, CycleDetector};
use crate::tree::{
    is_preemption, ordered_children, Item, ItemEnd, ItemLimits, TreeExplorer, TreeMode,
    TreeSettings,
};
use crate::wakeup::{dependent, Ev};

/// The deepest level (in choice points) the frontier expands to.
const MAX_SPLIT_DEPTH: usize = 16;

/// What an exhaustive search found.
pub(crate) struct TreeOutcome {
    pub collector: Collector,
    pub complete: bool,
    pub incomplete_reason: Option<String>,
    pub subtrees: usize,
}

fn settings(config: &ExploreConfig, mode: TreeMode) -> TreeSettings {
    TreeSettings {
        mode,
        limits: config.limits,
        program_seed: config.seed,
        state_hashing: config.state_hashing,
        state_caching: config.state_caching,
        snapshot_interval: config.snapshot_interval,
    }
}

/// An item during frontier expansion, with what DFS needs to bound preemptions.
#[derive(Clone)]
struct Node {
    item: Item,
    preemptions: usize,
}

enum Expansion {
    /// The subtree is one execution (it ends before another choice point).
    Leaf,
    /// Every execution of the subtree is sleep-set blocked.
    Blocked,
    Children(Vec<Node>),
}

/// Follows `node`'s prefix, then forced steps (propagating the sleep set, as the explorer does)
/// to the next choice point, and lists the children there.
fn expand<P: Program>(program: &P, settings: &TreeSettings, node: &Node) -> Expansion {
    let dpor = matches!(settings.mode, TreeMode::Dpor { .. });
    let mut machine = program.start(settings.program_seed);
    let mut cycles = CycleDetector::default();
    let mut steps = 0usize;
    let mut last: Option<ThreadId> = None;
    let mut prefix = node.item.prefix.iter().copied();
    let mut remaining = node.item.prefix.len();
    // The sleep set, once past the prefix.
    let mut sleep: Option<Vec<Ev>> = (remaining == 0).then(|| node.item.sleep.clone());
    loop {
        settle(&mut machine);
        if machine.is_finished() || machine.limit_reached().is_some() {
            return Expansion::Leaf;
        }
        let enabled = machine.enabled_threads();
        if enabled.is_empty() {
            return Expansion::Leaf;
        }
        let hash = settings
            .state_hashing
            .then(|| machine.state_hash())
            .flatten();
        if cycles.visit(steps, hash, &enabled).is_some() || steps >= settings.limits.max_steps {
            return Expansion::Leaf;
        }
        let t = match (&mut sleep, enabled.len()) {
            (None, 1) => enabled[0],
            (None, _) => {
                remaining -= 1;
                if remaining == 0 {
                    sleep = Some(node.item.sleep.clone());
                }
                prefix
                    .next()
                    .expect("a choice for every choice point of the prefix")
            }
            (Some(sleep), 1) if dpor => {
                let t = enabled[0];
                if sleep.iter().any(|q| q.thread == t) {
                    return Expansion::Blocked;
                }
                let ev = step(&mut machine, &mut cycles, t);
                sleep.retain(|q| !dependent(q, &ev));
                steps += 1;
                last = Some(t);
                continue;
            }
            (Some(_), 1) => enabled[0],
            (Some(sleep), _) => {
                let children = children(settings, node, &machine, &enabled, last, sleep);
                return if children.is_empty() {
                    Expansion::Blocked
                } else {
                    Expansion::Children(children)
                };
            }
        };
        step(&mut machine, &mut cycles, t);
        steps += 1;
        last = Some(t);
    }
}

fn step<M: StepMachine>(machine: &mut M, cycles: &mut CycleDetector, t: ThreadId) -> Ev {
    let op = machine.pending(t).unwrap_or(weft_core::Operation::LOCAL);
    let before = machine.thread_count();
    machine.step(t);
    cycles.stepped(t);
    Ev {
        thread: t,
        op,
        spawns: machine.thread_count() > before,
        ends: machine.is_finished(),
    }
}

fn children<M: StepMachine + Clone>(
    settings: &TreeSettings,
    node: &Node,
    machine: &M,
    enabled: &[ThreadId],
    last: Option<ThreadId>,
    sleep: &[Ev],
) -> Vec<Node> {
    let mut out = Vec::new();
    let mut done: Vec<Ev> = Vec::new();
    for t in ordered_children(enabled, last) {
        let preempts = is_preemption(enabled, last, t);
        let mut prefix = node.item.prefix.clone();
        prefix.push(t);
        match settings.mode {
            TreeMode::Dfs { preemption_bound } => {
                if preempts && preemption_bound.is_some_and(|b| node.preemptions >= b) {
                    continue;
                }
                out.push(Node {
                    item: Item {
                        prefix,
                        sleep: Vec::new(),
                        blocked: false,
                    },
                    preemptions: node.preemptions + preempts as usize,
                });
            }
            TreeMode::Dpor { .. } => {
                if sleep.iter().any(|q| q.thread == t) {
                    continue;
                }
                let mut probe = machine.clone();
                let ev = step(&mut probe, &mut CycleDetector::default(), t);
                let child_sleep: Vec<Ev> = sleep
                    .iter()
                    .chain(&done)
                    .filter(|q| !dependent(q, &ev))
                    .copied()
                    .collect();
                done.push(ev);
                out.push(Node {
                    item: Item {
                        prefix,
                        sleep: child_sleep,
                        blocked: false,
                    },
                    preemptions: node.preemptions + preempts as usize,
                });
            }
        }
    }
    out
}

/// The subtrees, in DFS order.
pub(crate) fn frontier<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mode: TreeMode,
) -> Vec<Item> {
    let settings = settings(config, mode);
    let mut level: Vec<(Node, bool)> = vec![(
        Node {
            item: Item {
                prefix: Vec::new(),
                sleep: Vec::new(),
                blocked: false,
            },
            preemptions: 0,
        },
        true,
    )];
    for _ in 0..MAX_SPLIT_DEPTH {
        if level.len() >= config.split_items.max(1) || !level.iter().any(|(_, open)| *open) {
            break;
        }
        let mut next = Vec::new();
        for (node, open) in level {
            if !open {
                next.push((node, false));
                continue;
            }
            match expand(program, &settings, &node) {
                Expansion::Leaf => next.push((node, false)),
                Expansion::Blocked => {
                    let mut blocked = node;
                    blocked.item.blocked = true;
                    next.push((blocked, false));
                }
                Expansion::Children(children) => {
                    next.extend(children.into_iter().map(|c| (c, true)))
                }
            }
        }
        level = next;
    }
    level.into_iter().map(|(node, _)| node.item).collect()
}

/// One explored subtree.
struct ItemResult {
    collector: Collector,
    end: ItemEnd,
}

fn explore_one<P: Program>(
    program: &P,
    settings: TreeSettings,
    item: &Item,
    index: usize,
    limits: &ItemLimits<'_>,
) -> ItemResult {
    let mut explorer = TreeExplorer::new(program, settings);
    let mut collector = Collector::default();
    let end = explorer.explore_item(item, index as u64, limits, &mut collector);
    ItemResult { collector, end }
}

/// Exhaustive search of the whole tree (or this shard of it).
pub(crate) fn explore_tree<P: Program>(
    program: &P,
    config: &ExploreConfig,
    mode: TreeMode,
    budget: Option<usize>,
    deadline: &dyn Deadline,
) -> TreeOutcome {
    let settings = settings(config, mode);
    let items = frontier(program, config, mode);
    let subtrees = items.len();
    let mine: Vec<usize> = (0..items.len())
        .filter(|i| config.shard.is_none_or(|(index, count)| i % count == index))
        .collect();
    let limits = ItemLimits {
        budget,
        deadline,
        fail_fast: config.fail_fast,
    };
    let results: Vec<Option<ItemResult>> = if config.jobs <= 1 || mine.len() <= 1 {
        sequential(program, settings, &items, &mine, &limits)
    } else {
        parallel(program, settings, &items, &mine, &limits, config.jobs)
    };
    let mut total = Collector::default();
    let mut complete = true;
    let mut reason = None;
    for (k, result) in results.into_iter().enumerate() {
        let Some(mut result) = result else {
            complete = false;
            break;
        };
        if let Some(b) = budget {
            if total.executions + result.collector.executions > b {
                let left = ItemLimits {
                    budget: Some(b - total.executions),
                    deadline,
                    fail_fast: config.fail_fast,
                };
                result = explore_one(program, settings, &items[mine[k]], mine[k], &left);
            }
        }
        total.merge(result.collector);
        let more = k + 1 < mine.len();
        let stop = match result.end {
            ItemEnd::Complete if config.fail_fast && total.found && more => Some(ItemEnd::FailFast),
            ItemEnd::Complete if budget.is_some_and(|b| total.executions >= b) && more => {
                Some(ItemEnd::Budget)
            }
            ItemEnd::Complete => None,
            other => Some(other),
        };
        if let Some(end) = stop {
            complete = false;
            reason = Some(match end {
                ItemEnd::Budget => format!(
                    "{} executions, the --max-executions budget",
                    with_commas(budget.unwrap_or(0))
                ),
                ItemEnd::Deadline => "the --time-limit budget ran out".to_string(),
                ItemEnd::FailFast => "stopped at the first finding (--fail-fast)".to_string(),
                ItemEnd::Limit(hit) => crate::detect::limit_stop_reason(hit),
                ItemEnd::Unreduced => "partial-order reduction cannot be trusted with this \
                                       program"
                    .to_string(),
                ItemEnd::Complete => unreachable!(),
            });
            break;
        }
    }
    if !complete && reason.is_none() {
        reason = Some("the --time-limit budget ran out".to_string());
    }
    TreeOutcome {
        collector: total,
        complete,
        incomplete_reason: reason,
        subtrees,
    }
}

fn sequential<P: Program>(
    program: &P,
    settings: TreeSettings,
    items: &[Item],
    mine: &[usize],
    limits: &ItemLimits<'_>,
) -> Vec<Option<ItemResult>> {
    let mut results = Vec::new();
    let mut executions = 0;
    let mut found = false;
    for &i in mine {
        let stop = limits.budget.is_some_and(|b| executions >= b)
            || (limits.fail_fast && found)
            || limits.deadline.expired();
        if stop {
            results.push(None);
            continue;
        }
        let item_limits = ItemLimits {
            budget: limits.budget.map(|b| b - executions),
            deadline: limits.deadline,
            fail_fast: limits.fail_fast,
        };
        let result = explore_one(program, settings, &items[i], i, &item_limits);
        executions += result.collector.executions;
        found |= result.collector.found;
        let end = result.end;
        results.push(Some(result));
        if end != ItemEnd::Complete {
            break;
        }
    }
    results.resize_with(mine.len(), || None);
    results
}

fn parallel<P: Program>(
    program: &P,
    settings: TreeSettings,
    items: &[Item],
    mine: &[usize],
    limits: &ItemLimits<'_>,
    jobs: usize,
) -> Vec<Option<ItemResult>> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let results: Mutex<Vec<Option<ItemResult>>> =
        Mutex::new((0..mine.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(mine.len()) {
            crate::spawn_job(scope, || loop {
                if stop.load(Ordering::SeqCst) || limits.deadline.expired() {
                    return;
                }
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= mine.len() {
                    return;
                }
                let result = explore_one(program, settings, &items[mine[k]], mine[k], limits);
                let mut results = results.lock().unwrap();
                results[k] = Some(result);
                // Stop taking subtrees once the in-order prefix settles the outcome.
                let mut executions = 0;
                let mut found = false;
                for r in results.iter() {
                    let Some(r) = r else { break };
                    executions += r.collector.executions;
                    found |= r.collector.found;
                    let done = r.end != ItemEnd::Complete
                        || limits.budget.is_some_and(|b| executions >= b)
                        || (limits.fail_fast && found);
                    if done {
                        stop.store(true, Ordering::SeqCst);
                        break;
                    }
                }
            });
        }
    });
    results.into_inner().unwrap()
}
