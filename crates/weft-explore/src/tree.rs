//! Exhaustive search of one subtree of the schedule tree: plain depth-first enumeration (`dfs`,
//! optionally preemption-bounded) and dynamic partial-order reduction (`dpor`, `source-dpor`).
//!
//! # DFS
//! Every enabled thread is a child of every choice point, the non-preemptive default first.
//! With a preemption bound K (CHESS: Musuvathi and Qadeer, "Iterative context bounding for
//! systematic testing of multithreaded programs", PLDI 2007), a child that would be the K+1-th
//! preemption is skipped. Guarantee: every execution (with at most K preemptions) is explored,
//! up to the step limit and the pruning of unfair cycles (see `run`).
//!
//! # Optimal DPOR
//! Abdulla, Aronis, Jonsson, Sagonas, "Optimal Dynamic Partial Order Reduction" (POPL 2014) and
//! "Source Sets: A Foundation for Optimal Dynamic Partial Order Reduction" (JACM 64(4), 2017),
//! algorithm Optimal-DPOR: sleep sets plus wakeup trees (`wakeup`). At the end of each execution
//! E, every race e ⋖ e' among the events the execution added is reversed by inserting
//! `v = notdep(e, E).e'` into the wakeup tree of the state before e, unless a thread in that
//! state's sleep set (or already explored from it) is a weak initial of v. Guarantee: one
//! complete execution per Mazurkiewicz trace under the dependency below (never two equivalent
//! ones, never fewer), so never more executions than DFS and the same set of final states.
//!
//! Dependency: `Operation::conflicts_with` (same location, one a write), plus: two steps that
//! create threads (creation order numbers threads), and the step that ends the program with
//! everything (it cuts daemon threads). Happens-before, for race detection, is program order,
//! dependency, "the step that created a thread happens before all of that thread's steps", and
//! each virtual-clock advance as a fence: everything before it happens before everything after.
//!
//! Source-DPOR (the same papers, algorithm Source-DPOR) inserts only one initial of v into a
//! backtrack set instead of all of v into a wakeup tree; it is sound but may explore
//! sleep-set-blocked executions. It is kept to compare against.
//!
//! # Blocking
//! A thread whose pending operation cannot be performed (a held lock, a join of a running thread,
//! an `await`) is not enabled. The papers assume every next event is enabled; Nidhugg handles
//! mutexes by racing a lock acquire with the *previous acquire* of the same mutex instead of the
//! release between them ("LOCK_SUC" races), and a blocked acquire at the end of an execution with
//! the acquire that holds the lock ("LOCK_FAIL", `TSOTraceBuilder::mutex_lock_fail`). We do the
//! same without knowing what a lock is, from one assumption the language must honour:
//!
//! (A) whether a pending operation on location L can be performed depends only on L's state
//!     (and its own thread's), which only writes to L change.
//!
//! A race e ⋖ e' is reversible only if e' is enabled in the state before e. Scanning the events
//! that e' depends on from the latest back, a partner before which e' would be disabled (a
//! release before the next acquire) is looked through, so the scan reaches the event that made
//! e' wait (the previous acquire) and races e' with it. Enabledness comes from what the execution
//! observed (e''s thread was waiting to perform e' in that state, and no write to L between the
//! two was left out of v); when it was not observed, a probe executes v from a snapshot before
//! inserting it. Threads that are still blocked, or still enabled, when an execution ends (a
//! deadlock, a hang, the step limit, daemon threads cut by the program's end) contribute their
//! pending operation as a final event that races like the others, so that the orders in which
//! they would have run are explored too. A thread woken by a clock advance depends on that
//! advance; a thread that waited across an advance for a lock does not, so its acquire still
//! races with acquires before the advance.
//!
//! Not guaranteed: optimality and completeness rest on (A) and on the machine being
//! deterministic; with state-repeat pruning (spin loops) DPOR is a heuristic (a cut execution
//! hides the events after the cut), and the step limit cuts executions that DFS would cut too.
//!
//! # Subtrees
//! `explore_item` explores the subtree below a prefix of choices. The states of the prefix are
//! frozen: the frontier (`frontier`) expanded them fully, every enabled thread not in the sleep
//! set being a child, so races whose reversal belongs there are already covered by the sibling
//! subtrees explored before (sleep sets make full expansion sound: Godefroid, "Partial-Order
//! Methods for the Verification of Concurrent Systems", LNCS 1032, 1996).

use indexmap::IndexMap;
use weft_core::observe::{Observe, Program};
use weft_core::{
    Access, Limits, Location, Operation, Schedule, StepMachine, ThreadId, ThreadStatus,
};

use crate::collect::{Collector, ExecutionSummary};
use crate::config::Deadline;
use crate::finding::Origin;
use crate::run::{settle, CycleDetector, RunEnd};
use crate::wakeup::{dependent, initials, weak_initial_rest, Ev, WakeupTree};

/// Which exhaustive search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TreeMode {
    Dfs { preemption_bound: Option<usize> },
    Dpor { optimal: bool },
}

impl TreeMode {
    fn is_dpor(self) -> bool {
        matches!(self, TreeMode::Dpor { .. })
    }
}

/// A subtree of the schedule tree: the choices that lead to it, and the sleep set at the state
/// right after the last of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub prefix: Vec<ThreadId>,
    pub sleep: Vec<Ev>,
    /// Every execution of the subtree would be sleep-set blocked: it is recorded as one.
    pub blocked: bool,
}

/// How the exploration of a subtree stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemEnd {
    Complete,
    Budget,
    Deadline,
    FailFast,
    /// An execution stopped at one of the machine's limits (`RunEnd::Limit`): the rest of the
    /// search would meet it again.
    Limit(weft_core::LimitHit),
    /// DPOR met an execution it cannot be trusted with (`collect::Unreduced`): the explorer
    /// searches every interleaving instead, so going on would waste the budget.
    Unreduced,
}

/// How exploring a subtree is limited.
pub(crate) struct ItemLimits<'a> {
    pub budget: Option<usize>,
    pub deadline: &'a dyn Deadline,
    pub fail_fast: bool,
}

/// Settings of the search that do not change between subtrees.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TreeSettings {
    pub mode: TreeMode,
    pub limits: Limits,
    pub program_seed: u64,
    pub state_hashing: bool,
    /// End an execution at a state an earlier execution of this subtree reached (DFS only).
    pub state_caching: bool,
    pub snapshot_interval: usize,
}

struct StateNode {
    enabled: Vec<ThreadId>,
    /// The pending operation of each enabled thread.
    ops: Vec<Operation>,
    last: Option<ThreadId>,
    preemptions: usize,
    /// A clock advance happened on the way into this state (index into `fences`).
    fence: Option<usize>,
    terminal: Option<RunEnd>,
    sleep: Vec<Sleeping>,
    done: Vec<Ev>,
    /// DPOR: the wakeup tree (pending branches); DFS: the pending children, as leaves.
    pending: WakeupTree,
    dfs_initialized: bool,
    frozen: bool,
}

/// A sleep-set entry. Entries inherited from the frozen prefix (the sleep set of the subtree's
/// root, and what it propagates to) only keep their thread from running: an execution that would
/// need it is owned by an earlier subtree and ends sleep-blocked. They do not stop race
/// reversals, because the subtree's root receives no wakeup tree from the prefix (see the module
/// documentation).
#[derive(Clone, Copy, Debug)]
struct Sleeping {
    ev: Ev,
    inherited: bool,
}

/// What DPOR keeps about each executed event.
struct EventInfo {
    /// Its index among its thread's events, from 1.
    local: u32,
    /// Its happens-before clock (events per thread that happen before it, itself included).
    clock: Vec<u32>,
    /// The clock of its structural predecessors (program order, thread creation, a waking clock
    /// advance): the races it can take part in start outside this.
    base: Vec<u32>,
    /// The state from which its thread was waiting to perform it.
    pending_since: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct ThreadInfo {
    last_event: Option<usize>,
    spawn_event: Option<usize>,
    local: u32,
    pending_since: usize,
    woken_fence: Option<usize>,
}

/// A sequence to insert into the wakeup tree of state `at`.
struct Insertion {
    at: usize,
    v: Vec<Ev>,
    needs_probe: bool,
}

/// Counters of the DPOR machinery, for tests and statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DporStats {
    pub probes: usize,
    pub failed_probes: usize,
    /// Wakeup-tree branches whose next event did not match the machine (should stay 0 for a
    /// deterministic machine that honours assumption (A)).
    pub divergences: usize,
}

pub(crate) struct TreeExplorer<'p, P: Program> {
    program: &'p P,
    settings: TreeSettings,
    machine: P::Machine,
    snapshots: Vec<(usize, P::Machine)>,
    states: Vec<StateNode>,
    steps: Vec<Ev>,
    /// The number of threads after each step.
    threads_after: Vec<u32>,
    initial_threads: u32,
    events: Vec<EventInfo>,
    threads: Vec<ThreadInfo>,
    /// Fence clocks, and the state each fence entered.
    fences: Vec<(usize, Vec<u32>)>,
    location_events: IndexMap<u64, Vec<u32>, rustc_hash::FxBuildHasher>,
    /// The events of `location_events` that write the object: all a read can conflict with
    /// (scanning only these keeps a long run of reads of one container linear).
    location_writes: IndexMap<u64, Vec<u32>, rustc_hash::FxBuildHasher>,
    spawn_events: Vec<u32>,
    cycles: CycleDetector,
    /// `state_caching`: the (state, output) hashes reached so far in this subtree.
    visited: std::collections::BTreeSet<u64>,
    cycle_threads: Vec<ThreadId>,
    root: usize,
    /// The first event of the current execution that the previous one did not have.
    divergence: usize,
    pub stats: DporStats,
}

fn clock_get(clock: &[u32], t: ThreadId) -> u32 {
    clock.get(t.index()).copied().unwrap_or(0)
}

fn clock_join(into: &mut Vec<u32>, other: &[u32]) {
    if into.len() < other.len() {
        into.resize(other.len(), 0);
    }
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).max(*b);
    }
}

fn clock_set(clock: &mut Vec<u32>, t: ThreadId, value: u32) {
    if clock.len() <= t.index() {
        clock.resize(t.index() + 1, 0);
    }
    clock[t.index()] = value;
}

/// `earlier` writes a location that every access conflicting with an access of `later` to `at`
/// and preceding `earlier` must happen before (it overlaps all of them).
fn covers(earlier: &Operation, at: &Location) -> bool {
    let Some(e) = earlier.location else {
        return false;
    };
    earlier.access == Access::Write
        && e.object == at.object
        && (e.part.is_none() || (at.part.is_some() && e.part == at.part))
}

/// Whether `earlier` conflicts with `access` of location `at` (one of `later`'s accesses).
fn conflicts_at(earlier: &Operation, at: &Location, access: Access) -> bool {
    earlier
        .accesses()
        .any(|(l, a)| l.overlaps(at) && (a == Access::Write || access == Access::Write))
}

/// Whether any access of `op` writes `object`.
fn writes_object(op: &Operation, object: u64) -> bool {
    op.accesses()
        .any(|(l, a)| l.object == object && a == Access::Write)
}

/// The distinct objects an operation touches (an object read twice is scanned once).
fn objects_of(op: &Operation) -> impl Iterator<Item = (Location, Access)> + '_ {
    op.accesses()
        .enumerate()
        .filter(move |(i, (l, _))| !op.accesses().take(*i).any(|(e, _)| e.object == l.object))
        .map(|(_, x)| x)
}

/// The non-preemptive default first, then the other enabled threads in id order.
pub(crate) fn ordered_children(enabled: &[ThreadId], last: Option<ThreadId>) -> Vec<ThreadId> {
    let default = match last {
        Some(l) if enabled.contains(&l) => l,
        _ => enabled[0],
    };
    let mut out = vec![default];
    out.extend(enabled.iter().copied().filter(|&t| t != default));
    out
}

/// Whether choosing `thread` in a state with `enabled` after `last` is a preemption.
pub(crate) fn is_preemption(
    enabled: &[ThreadId],
    last: Option<ThreadId>,
    thread: ThreadId,
) -> bool {
    matches!(last, Some(l) if l != thread && enabled.contains(&l))
}

impl<'p, P: Program> TreeExplorer<'p, P> {
    pub fn new(program: &'p P, settings: TreeSettings) -> Self {
        let machine = program.start(settings.program_seed);
        TreeExplorer {
            program,
            settings,
            machine,
            snapshots: Vec::new(),
            states: Vec::new(),
            steps: Vec::new(),
            threads_after: Vec::new(),
            initial_threads: 0,
            events: Vec::new(),
            threads: Vec::new(),
            fences: Vec::new(),
            location_events: IndexMap::default(),
            location_writes: IndexMap::default(),
            spawn_events: Vec::new(),
            cycles: CycleDetector::default(),
            visited: std::collections::BTreeSet::new(),
            cycle_threads: Vec::new(),
            root: 0,
            divergence: 0,
            stats: DporStats::default(),
        }
    }

    fn reset(&mut self) {
        self.machine = self.program.start(self.settings.program_seed);
        self.snapshots.clear();
        self.states.clear();
        self.steps.clear();
        self.threads_after.clear();
        self.events.clear();
        self.fences.clear();
        self.location_events.clear();
        self.location_writes.clear();
        self.spawn_events.clear();
        self.cycles = CycleDetector::default();
        self.cycle_threads.clear();
        self.initial_threads = self.machine.thread_count() as u32;
        self.threads = vec![ThreadInfo::default(); self.initial_threads as usize];
        self.enter_state(None, 0, Vec::new(), WakeupTree::default());
    }

    /// Explores the subtree of `item`, recording every execution in `collector`.
    pub fn explore_item(
        &mut self,
        item: &Item,
        item_index: u64,
        limits: &ItemLimits<'_>,
        collector: &mut Collector,
    ) -> ItemEnd {
        if item.blocked {
            collector.sleep_blocked += 1;
            return ItemEnd::Complete;
        }
        self.reset();
        for &choice in &item.prefix {
            loop {
                let s = self.states.len() - 1;
                assert!(
                    self.states[s].terminal.is_none(),
                    "a subtree prefix runs past the end of its execution"
                );
                let forced = self.states[s].enabled.len() == 1;
                let thread = if forced {
                    self.states[s].enabled[0]
                } else {
                    choice
                };
                self.take_step(s, thread, WakeupTree::default());
                if !forced {
                    break;
                }
            }
        }
        self.root = self.states.len() - 1;
        for state in &mut self.states[..self.root] {
            state.frozen = true;
        }
        self.states[self.root].sleep = item
            .sleep
            .iter()
            .map(|&ev| Sleeping {
                ev,
                inherited: true,
            })
            .collect();
        self.divergence = self.root;
        let mut executed: u64 = 0;
        loop {
            let end = self.run_forward();
            let origin = Origin {
                item: item_index,
                execution: executed,
            };
            executed += 1;
            self.finish_execution(&end, origin, collector);
            limits.deadline.executed(collector.findings.len());
            if let Some(hit) = collector.limit {
                return ItemEnd::Limit(hit);
            }
            if limits.fail_fast && collector.found {
                return ItemEnd::FailFast;
            }
            if self.settings.mode.is_dpor() && collector.unreduced.is_some() {
                return ItemEnd::Unreduced;
            }
            if !self.has_pending() {
                return ItemEnd::Complete;
            }
            if limits.budget.is_some_and(|b| collector.executions >= b) {
                return ItemEnd::Budget;
            }
            if limits.deadline.expired() {
                return ItemEnd::Deadline;
            }
            self.backtrack();
        }
    }

    /// Runs from the current state to the end of the execution.
    fn run_forward(&mut self) -> RunEnd {
        loop {
            let s = self.states.len() - 1;
            if let Some(end) = &self.states[s].terminal {
                return end.clone();
            }
            let Some((thread, below)) = self.pick(s) else {
                return RunEnd::SleepBlocked;
            };
            self.take_step(s, thread, below);
        }
    }

    /// The thread to run in state `s`, and the wakeup tree to pass below it.
    fn pick(&mut self, s: usize) -> Option<(ThreadId, WakeupTree)> {
        let mode = self.settings.mode;
        let node = &mut self.states[s];
        match mode {
            TreeMode::Dfs { preemption_bound } => {
                if node.enabled.len() == 1 {
                    return Some((node.enabled[0], WakeupTree::default()));
                }
                if !node.dfs_initialized {
                    node.dfs_initialized = true;
                    for t in ordered_children(&node.enabled, node.last) {
                        let preempts = is_preemption(&node.enabled, node.last, t);
                        if preempts && preemption_bound.is_some_and(|b| node.preemptions >= b) {
                            continue;
                        }
                        node.pending.push_leaf(Ev {
                            thread: t,
                            op: Operation::LOCAL,
                            spawns: false,
                            ends: false,
                        });
                    }
                }
                node.pending
                    .take_first()
                    .map(|(ev, _)| (ev.thread, WakeupTree::default()))
            }
            TreeMode::Dpor { .. } => {
                let fresh = node.done.is_empty();
                if self.viable_pending(s) {
                    let (ev, below) = self.states[s].pending.take_first().unwrap();
                    return Some((ev.thread, below));
                }
                let node = &self.states[s];
                if !fresh {
                    return None;
                }
                ordered_children(&node.enabled, node.last)
                    .into_iter()
                    .find(|t| !node.sleep.iter().any(|q| q.ev.thread == *t))
                    .map(|t| (t, WakeupTree::default()))
            }
        }
    }

    /// Performs one step of `thread` from state `s` and enters the next state.
    fn take_step(&mut self, s: usize, thread: ThreadId, below: WakeupTree) {
        let op = self.machine.pending(thread).unwrap_or(Operation::LOCAL);
        let before = self.machine.thread_count();
        self.machine.step(thread);
        let after = self.machine.thread_count();
        let ev = Ev {
            thread,
            op,
            spawns: after > before,
            ends: self.machine.is_finished(),
        };
        let dpor = self.settings.mode.is_dpor();
        let node = &mut self.states[s];
        let child_sleep: Vec<Sleeping> = if dpor {
            let done = node.done.iter().map(|&ev| Sleeping {
                ev,
                inherited: false,
            });
            let mut sleep: Vec<Sleeping> = Vec::new();
            for q in node.sleep.iter().copied().chain(done) {
                if q.ev.thread != thread
                    && !dependent(&q.ev, &ev)
                    && !sleep.iter().any(|x| x.ev.thread == q.ev.thread)
                {
                    sleep.push(q);
                }
            }
            sleep
        } else {
            Vec::new()
        };
        node.done.push(ev);
        let preemptions =
            node.preemptions + is_preemption(&node.enabled, node.last, thread) as usize;
        let j = self.steps.len();
        self.steps.push(ev);
        self.threads_after.push(after as u32);
        self.cycles.stepped(thread);
        if dpor {
            self.record_event(j, ev);
        }
        for id in before..after {
            self.threads.push(ThreadInfo {
                spawn_event: Some(j),
                pending_since: j + 1,
                ..ThreadInfo::default()
            });
            debug_assert_eq!(self.threads.len(), id + 1);
        }
        self.enter_state(Some(thread), preemptions, child_sleep, below);
    }

    /// DPOR bookkeeping for event `j`: its clocks, and the per-location history.
    fn record_event(&mut self, j: usize, ev: Ev) {
        let info = self.threads[ev.thread.index()];
        let mut base = match (info.last_event, info.spawn_event) {
            (Some(e), _) | (None, Some(e)) => self.events[e].clock.clone(),
            (None, None) => Vec::new(),
        };
        if let Some(f) = info.woken_fence {
            clock_join(&mut base, &self.fences[f].1);
        }
        let local = info.local + 1;
        let mut clock = base.clone();
        if let Some((_, fence)) = self.fences.last() {
            clock_join(&mut clock, fence);
        }
        for (loc, access) in objects_of(&ev.op) {
            if let Some(history) = self.conflict_candidates(loc.object, access) {
                for &d in history.iter().rev() {
                    let earlier = &self.steps[d as usize];
                    if !conflicts_at(&earlier.op, &loc, access) {
                        continue;
                    }
                    clock_join(&mut clock, &self.events[d as usize].clock);
                    if covers(&earlier.op, &loc) {
                        break;
                    }
                }
            }
            self.location_events
                .entry(loc.object)
                .or_default()
                .push(j as u32);
            if writes_object(&ev.op, loc.object) {
                self.location_writes
                    .entry(loc.object)
                    .or_default()
                    .push(j as u32);
            }
        }
        if ev.spawns {
            if let Some(&d) = self.spawn_events.last() {
                clock_join(&mut clock, &self.events[d as usize].clock);
            }
            self.spawn_events.push(j as u32);
        }
        if ev.ends {
            for t in &self.threads {
                if let Some(e) = t.last_event {
                    clock_join(&mut clock, &self.events[e].clock);
                }
            }
        }
        clock_set(&mut clock, ev.thread, local);
        self.events.push(EventInfo {
            local,
            clock,
            base,
            pending_since: info.pending_since,
        });
        let t = &mut self.threads[ev.thread.index()];
        t.last_event = Some(j);
        t.local = local;
        t.pending_since = j + 1;
        t.woken_fence = None;
    }

    /// Settles the machine (clock advances) and pushes the state it is in.
    fn enter_state(
        &mut self,
        last: Option<ThreadId>,
        preemptions: usize,
        sleep: Vec<Sleeping>,
        pending: WakeupTree,
    ) {
        let advances = settle(&mut self.machine);
        let s = self.states.len();
        let finished = self.machine.is_finished();
        let enabled = if finished {
            Vec::new()
        } else {
            self.machine.enabled_threads()
        };
        let ops = if self.settings.mode.is_dpor() {
            enabled
                .iter()
                .map(|&t| self.machine.pending(t).unwrap_or(Operation::LOCAL))
                .collect()
        } else {
            Vec::new()
        };
        let fence = (advances > 0 && self.settings.mode.is_dpor()).then(|| {
            let mut clock = self.fences.last().map(|f| f.1.clone()).unwrap_or_default();
            for t in &self.threads {
                if let Some(e) = t.last_event {
                    clock_join(&mut clock, &self.events[e].clock);
                }
            }
            self.fences.push((s, clock));
            let f = self.fences.len() - 1;
            for t in &enabled {
                self.threads[t.index()].woken_fence = Some(f);
            }
            f
        });
        let terminal = if let Some(hit) = self.machine.limit_reached() {
            Some(RunEnd::Limit(hit))
        } else if finished {
            Some(RunEnd::Finished)
        } else if enabled.is_empty() {
            Some(RunEnd::Stuck)
        } else {
            let hash = if self.settings.state_hashing {
                self.machine.state_hash()
            } else {
                None
            };
            let full = if self.settings.state_caching && s > 0 {
                self.machine.full_state_hash()
            } else {
                None
            };
            let seen = match full {
                // The output so far is part of the state here: an outcome is the whole output.
                Some(h) => {
                    let mut hasher = rustc_hash::FxHasher::default();
                    std::hash::Hash::hash(&h, &mut hasher);
                    std::hash::Hash::hash(self.machine.stdout(), &mut hasher);
                    !self.visited.insert(std::hash::Hasher::finish(&hasher))
                }
                _ => false,
            };
            match self.cycles.visit(s, hash, &enabled) {
                _ if seen => Some(RunEnd::VisitedState { at: s }),
                Some(c) if c.fair => {
                    self.cycle_threads = self.cycles.cycle_threads(c.from, c.to);
                    Some(RunEnd::FairCycle {
                        from: c.from,
                        to: c.to,
                    })
                }
                Some(c) => Some(RunEnd::PrunedCycle {
                    from: c.from,
                    to: c.to,
                }),
                None if s >= self.settings.limits.max_steps => Some(match self.starved(s, last) {
                    Some((thread, steps)) => RunEnd::Starved { thread, steps },
                    None => RunEnd::StepLimit,
                }),
                None => None,
            }
        };
        let snapshot_due = s == 0
            || (terminal.is_none()
                && enabled.len() > 1
                && self.snapshots.last().is_none_or(|(k, _)| {
                    s - k >= snapshot_gap(self.settings.snapshot_interval, s)
                }));
        if snapshot_due {
            self.snapshots.push((s, self.machine.clone()));
        }
        self.states.push(StateNode {
            enabled,
            ops,
            last,
            preemptions,
            fence,
            terminal,
            sleep,
            done: Vec::new(),
            pending,
            dfs_initialized: false,
            frozen: false,
        });
    }

    /// Drops the pending branches of state `s` that cannot be taken: a thread in the sleep set
    /// (its traces are covered elsewhere: it counts as explored), or an event the state does not
    /// offer (a divergence). Returns whether a branch is left.
    fn viable_pending(&mut self, s: usize) -> bool {
        let node = &mut self.states[s];
        if !self.settings.mode.is_dpor() {
            return !node.pending.is_empty();
        }
        loop {
            let first = node.pending.first_events().next().copied();
            let Some(ev) = first else { break };
            let offered = node
                .enabled
                .iter()
                .zip(&node.ops)
                .any(|(&t, &op)| t == ev.thread && op == ev.op);
            let asleep = node.sleep.iter().any(|q| q.ev.thread == ev.thread);
            if offered && !asleep {
                return true;
            }
            node.pending.take_first();
            if asleep {
                node.done.push(ev);
            } else {
                self.stats.divergences += 1;
            }
        }
        false
    }

    fn has_pending(&mut self) -> bool {
        (self.root..self.states.len()).any(|s| !self.states[s].frozen && self.viable_pending(s))
    }

    /// Returns to the deepest state with a pending branch.
    fn backtrack(&mut self) {
        let s = (self.root..self.states.len())
            .rev()
            .find(|&s| self.viable_pending(s))
            .expect("backtrack is called only when a branch is pending");
        for j in (s..self.steps.len()).rev() {
            let ev = self.steps[j];
            if self.settings.mode.is_dpor() {
                for (loc, _) in objects_of(&ev.op) {
                    let history = self.location_events.get_mut(&loc.object).unwrap();
                    debug_assert_eq!(history.last(), Some(&(j as u32)));
                    history.pop();
                    if writes_object(&ev.op, loc.object) {
                        let writes = self.location_writes.get_mut(&loc.object).unwrap();
                        debug_assert_eq!(writes.last(), Some(&(j as u32)));
                        writes.pop();
                    }
                }
            }
            if ev.spawns && self.settings.mode.is_dpor() {
                self.spawn_events.pop();
            }
        }
        self.steps.truncate(s);
        self.threads_after.truncate(s);
        self.events.truncate(s.min(self.events.len()));
        self.states.truncate(s + 1);
        self.fences.retain(|(state, _)| *state <= s);
        self.cycles.truncate(s);
        self.machine = self.machine_at(s);
        self.snapshots.retain(|(k, _)| *k <= s);
        self.rebuild_threads(s);
        self.divergence = s;
    }

    /// A machine in state `s` of the current path (the nearest snapshot, replayed forward).
    fn machine_at(&self, s: usize) -> P::Machine {
        let (k, snapshot) = self
            .snapshots
            .iter()
            .rev()
            .find(|(k, _)| *k <= s)
            .expect("state 0 always has a snapshot");
        let mut machine = snapshot.clone();
        for ev in &self.steps[*k..s] {
            machine.step(ev.thread);
            settle(&mut machine);
        }
        machine
    }

    /// Recomputes the per-thread bookkeeping for the path up to state `s`.
    fn rebuild_threads(&mut self, s: usize) {
        let dpor = self.settings.mode.is_dpor();
        let mut threads = vec![ThreadInfo::default(); self.initial_threads as usize];
        for i in 0..=s {
            if let Some(f) = self.states[i].fence {
                for t in &self.states[i].enabled {
                    threads[t.index()].woken_fence = Some(f);
                }
            }
            if i == s {
                break;
            }
            if dpor {
                let t = &mut threads[self.steps[i].thread.index()];
                t.last_event = Some(i);
                t.local = self.events[i].local;
                t.pending_since = i + 1;
                t.woken_fence = None;
            }
            while threads.len() < self.threads_after[i] as usize {
                threads.push(ThreadInfo {
                    spawn_event: Some(i),
                    pending_since: i + 1,
                    ..ThreadInfo::default()
                });
            }
        }
        self.threads = threads;
    }

    /// The schedule of the current path: the thread chosen at each choice point.
    fn schedule(states: &[StateNode], steps: &[Ev]) -> Schedule {
        Schedule::new(
            steps
                .iter()
                .zip(states)
                .filter(|(_, s)| s.enabled.len() > 1)
                .map(|(e, _)| e.thread)
                .collect(),
        )
    }

    fn finish_execution(&mut self, end: &RunEnd, origin: Origin, collector: &mut Collector) {
        let summary = ExecutionSummary {
            end,
            steps: self.steps.len(),
            cycle_threads: &self.cycle_threads,
            seed: None,
            program_seed: self.settings.program_seed,
            origin,
            limits: self.settings.limits,
        };
        let (states, steps) = (&self.states, &self.steps);
        collector.record(&self.machine, &summary, &mut || {
            Self::schedule(states, steps)
        });
        if let TreeMode::Dpor { optimal } = self.settings.mode {
            let insertions = self.races(end);
            for insertion in insertions {
                self.insert(insertion, optimal);
            }
        }
    }

    /// The reversible races of the current execution whose later event is new in it.
    fn races(&self, end: &RunEnd) -> Vec<Insertion> {
        let mut out = Vec::new();
        let n = self.steps.len();
        for j in self.divergence.max(self.root)..n {
            let e = &self.events[j];
            self.races_of(&self.steps[j], j, &e.base, e.pending_since, &mut out);
        }
        if *end == RunEnd::SleepBlocked {
            return out;
        }
        for t in 0..self.machine.thread_count() {
            let t = ThreadId(t as u32);
            let status = self.machine.status(t);
            if matches!(
                status,
                ThreadStatus::Finished | ThreadStatus::Sleeping { .. }
            ) {
                continue;
            }
            let Some(op) = self.machine.pending(t) else {
                continue;
            };
            let info = self.threads[t.index()];
            let mut base = match (info.last_event, info.spawn_event) {
                (Some(e), _) | (None, Some(e)) => self.events[e].clock.clone(),
                (None, None) => Vec::new(),
            };
            if let Some(f) = info.woken_fence {
                clock_join(&mut base, &self.fences[f].1);
            }
            let ev = Ev {
                thread: t,
                op,
                spawns: false,
                ends: false,
            };
            self.races_of(&ev, n, &base, info.pending_since, &mut out);
            // Daemon threads cut by the program's end race with the step that ended it.
            if *end == RunEnd::Finished && n > 0 {
                let last = n - 1;
                if last >= info.pending_since && self.states[last].enabled.contains(&t) {
                    out.push(Insertion {
                        at: last,
                        v: vec![ev],
                        needs_probe: false,
                    });
                }
            }
        }
        out
    }

    /// Races of event `e` (step `upto`, or a pending final event when `upto` is the number of
    /// steps) with the earlier events it depends on.
    /// The earlier events on `object` an access can conflict with: every one for a write, the
    /// writes for a read.
    fn conflict_candidates(&self, object: u64, access: Access) -> Option<&Vec<u32>> {
        if access == Access::Write {
            self.location_events.get(&object)
        } else {
            self.location_writes.get(&object)
        }
    }

    fn races_of(
        &self,
        e: &Ev,
        upto: usize,
        base: &[u32],
        pending_since: usize,
        out: &mut Vec<Insertion>,
    ) {
        let mut covered = base.to_vec();
        for (loc, access) in objects_of(&e.op) {
            let mut later_writes: Vec<usize> = Vec::new();
            let history = self.conflict_candidates(loc.object, access);
            for &d in history.into_iter().flatten().rev() {
                let d = d as usize;
                if d >= upto {
                    continue;
                }
                let earlier = &self.steps[d];
                if !conflicts_at(&earlier.op, &loc, access) {
                    continue;
                }
                let covering = covers(&earlier.op, &loc);
                let info = &self.events[d];
                if earlier.thread == e.thread || clock_get(&covered, earlier.thread) >= info.local {
                    if covering {
                        break;
                    }
                    continue;
                }
                match self.enabled_before(e, pending_since, d, &later_writes) {
                    Some(true) => {
                        out.push(self.reversal(d, e, false));
                        clock_join(&mut covered, &info.clock);
                        if covering {
                            break;
                        }
                    }
                    Some(false) => {}
                    None => out.push(self.reversal(d, e, true)),
                }
                if earlier.op.access == Access::Write {
                    later_writes.push(d);
                }
            }
        }
        let mut others: Vec<usize> = Vec::new();
        if e.spawns {
            others.extend(
                self.spawn_events
                    .iter()
                    .rev()
                    .map(|&d| d as usize)
                    .find(|&d| d < upto),
            );
        }
        if e.ends {
            // The end of the program depends on every thread's last step before it.
            for t in 0..self.threads.len() {
                let t = ThreadId(t as u32);
                others.extend((0..upto).rev().find(|&d| self.steps[d].thread == t));
            }
            others.sort_unstable_by(|a, b| b.cmp(a));
        }
        for d in others {
            let earlier = &self.steps[d];
            if earlier.thread == e.thread
                || clock_get(&covered, earlier.thread) >= self.events[d].local
            {
                continue;
            }
            match self.enabled_before(e, pending_since, d, &[]) {
                Some(true) => {
                    out.push(self.reversal(d, e, false));
                    clock_join(&mut covered, &self.events[d].clock);
                }
                Some(false) => {}
                None => out.push(self.reversal(d, e, true)),
            }
        }
    }

    /// At the step limit (state `s`, entered by `last`'s step): the longest stretch of this
    /// execution in which a thread was ready to run and not run, when that is
    /// `run::STARVATION_STEPS` steps or more.
    fn starved(&self, s: usize, last: Option<ThreadId>) -> Option<(ThreadId, usize)> {
        let mut readiness = crate::run::Readiness::default();
        for i in 0..s {
            let chosen = if i + 1 == s {
                last
            } else {
                self.states[i + 1].last
            };
            readiness.note(&self.states[i].enabled, chosen, i);
        }
        readiness.starved()
    }

    /// Whether `e` could be performed in the state before event `d`: `Some` when the execution
    /// observed it (`e`'s thread was already waiting to perform it there, and every write to its
    /// location between `d` and `e` happens after `d`), `None` when a probe must tell.
    fn enabled_before(
        &self,
        e: &Ev,
        pending_since: usize,
        d: usize,
        later_writes: &[usize],
    ) -> Option<bool> {
        if d < pending_since {
            return None;
        }
        let (dt, dl) = (self.steps[d].thread, self.events[d].local);
        if later_writes
            .iter()
            .any(|&w| clock_get(&self.events[w].clock, dt) < dl)
        {
            return None;
        }
        Some(self.states[d].enabled.contains(&e.thread))
    }

    /// `notdep(d, E).e`: the events after `d` that do not happen after it, then `e`.
    fn reversal(&self, d: usize, e: &Ev, needs_probe: bool) -> Insertion {
        let (dt, dl) = (self.steps[d].thread, self.events[d].local);
        let mut v: Vec<Ev> = (d + 1..self.steps.len())
            .filter(|&x| clock_get(&self.events[x].clock, dt) < dl)
            .map(|x| self.steps[x])
            .collect();
        v.push(*e);
        Insertion {
            at: d,
            v,
            needs_probe,
        }
    }

    fn insert(&mut self, insertion: Insertion, optimal: bool) {
        let Insertion { at, v, needs_probe } = insertion;
        let node = &self.states[at];
        if node.frozen {
            return;
        }
        let mut local_sleep = node
            .sleep
            .iter()
            .filter(|q| !q.inherited)
            .map(|q| &q.ev)
            .chain(&node.done);
        let mut source_initial = None;
        if optimal {
            if local_sleep.any(|q| weak_initial_rest(q, &v).is_some())
                || !node.pending.would_insert(&v)
            {
                return;
            }
        } else {
            // Source-DPOR: one initial of v, unless one is already explored or scheduled.
            let first = initials(&v);
            if local_sleep
                .chain(node.pending.first_events())
                .any(|q| first.contains(&q.thread))
            {
                return;
            }
            let asleep = |t: &ThreadId| node.sleep.iter().any(|q| q.ev.thread == *t);
            let Some(&t) = first.iter().find(|t| !asleep(t)) else {
                return;
            };
            source_initial = v.iter().find(|e| e.thread == t).copied();
        }
        if needs_probe && !self.probe(at, &v) {
            return;
        }
        let node = &mut self.states[at];
        match source_initial {
            Some(ev) => node.pending.push_leaf(ev),
            None => {
                node.pending.insert(&v);
            }
        }
    }

    /// Executes `v` from state `at`: whether every event of it can be performed in turn.
    fn probe(&mut self, at: usize, v: &[Ev]) -> bool {
        self.stats.probes += 1;
        let mut machine = self.machine_at(at);
        for (i, ev) in v.iter().enumerate() {
            let ok = !machine.is_finished()
                && machine.status(ev.thread) == ThreadStatus::Enabled
                && machine.pending(ev.thread) == Some(ev.op);
            if !ok {
                self.stats.failed_probes += 1;
                return false;
            }
            if i + 1 < v.len() {
                machine.step(ev.thread);
                settle(&mut machine);
            }
        }
        true
    }
}

/// The fewest steps between two snapshots of a path at depth `s`: the configured interval, or an
/// eighth of the depth on long paths, so that a path holds O(log depth) snapshots (each is a
/// copy of the whole machine) while a backtrack replays at most an eighth of its depth.
fn snapshot_gap(interval: usize, s: usize) -> usize {
    interval.max(1).max(s / 8)
}
