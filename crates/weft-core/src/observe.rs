//! What a language machine tells the explorer about an execution, beyond its steps: the trace of
//! visible operations, the program's output, exceptions that escaped threads, data races and
//! lock-order edges it detected, and why it is stuck when nobody can run. These are plain values
//! (findings are values, never panics); the explorer aggregates them over executions.

use crate::{StepMachine, ThreadId, VirtualTime};

/// A place in the program's source.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct SourceSite {
    pub file: String,
    pub line: u32,
    /// The source line's text, trimmed (empty when unknown).
    pub text: String,
}

impl std::fmt::Display for SourceSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One executed visible operation, for the trace.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TraceEvent {
    /// The step number in the execution, from 1.
    pub step: usize,
    pub thread: ThreadId,
    /// The thread's name as CPython names it (`MainThread`, `Thread-1 (worker)`, ...).
    pub thread_name: String,
    pub site: SourceSite,
    /// What was done, e.g. `read counter`, `acquire lock1`, `start Thread-2 (worker)`.
    pub operation: String,
    /// Its effect, e.g. `-> 3`, `acquired`, `blocked`, `prints "hi\n"` (may be empty).
    pub effect: String,
    pub time: VirtualTime,
}

/// An exception that escaped a thread (the main thread included).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    pub thread: ThreadId,
    pub thread_name: String,
    /// The exception's type as the traceback prints it (`AssertionError`, `queue.Full`, ...).
    pub exception_type: String,
    pub message: String,
    pub is_assertion: bool,
    /// The site where it was raised (innermost user frame).
    pub site: SourceSite,
    /// The full traceback text as printed to stderr.
    pub traceback: String,
}

/// One access to a shared location, for a race report.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct AccessSite {
    pub thread: ThreadId,
    pub thread_name: String,
    pub is_write: bool,
    pub site: SourceSite,
}

/// Two accesses to one location from different threads, at least one a write, not ordered by
/// happens-before.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Race {
    /// The location as the user wrote it: `counter`, `acct.balance`, `cache[7]`.
    pub location: String,
    pub first: AccessSite,
    pub second: AccessSite,
}

/// A lock taken while holding another: an edge of the lock-order graph.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct LockEdge {
    /// Stable identity of the locks within the program (creation site and ordinal), and their names.
    pub held: LockId,
    pub acquired: LockId,
    pub thread: ThreadId,
    pub thread_name: String,
    pub held_site: SourceSite,
    pub acquired_site: SourceSite,
    /// Other locks held at the same time (a common one across a cycle's edges is a gate lock).
    pub also_held: Vec<LockId>,
}

#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct LockId {
    /// How the program refers to the lock (`lock1`, `forks[2]`, `self.mutex`), best effort.
    pub name: String,
    /// Where it was created; with `ordinal` this identifies the lock across executions.
    pub created: SourceSite,
    pub ordinal: u32,
}

/// What a blocked thread waits for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WaitTarget {
    /// A lock (or RLock, or the lock under a Condition) held by `owner` (None: held by nobody that
    /// can release it, e.g. a Lock held by a finished thread).
    Lock {
        lock: LockId,
        owner: Option<ThreadId>,
        /// Where the owner took it, when known.
        taken_at: Option<SourceSite>,
    },
    /// The end of another thread.
    Join { thread: ThreadId },
    /// Anything else: a condition's notify, an event, a queue item, a barrier, a semaphore permit.
    /// `object` names it; `explanation` says why nobody can provide it.
    Other { object: String, explanation: String },
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BlockedThread {
    pub thread: ThreadId,
    pub thread_name: String,
    pub waits_for: WaitTarget,
    /// Where it waits (the line of the blocking call).
    pub site: SourceSite,
    /// Locks it holds, with the line where it took each.
    pub holding: Vec<(LockId, SourceSite)>,
}

/// A run's observable results, implemented by the language machine.
pub trait Observe {
    fn trace(&self) -> &[TraceEvent];
    fn stdout(&self) -> &str;
    fn stderr(&self) -> &str;
    fn thread_name(&self, thread: ThreadId) -> String;
    fn failures(&self) -> &[Failure];
    fn races(&self) -> &[Race];
    fn lock_edges(&self) -> &[LockEdge];
    /// The blocked threads, when no thread can run (empty otherwise).
    fn blocked_threads(&self) -> Vec<BlockedThread>;
    /// Where a thread that has not finished stands in the program's own code (for messages).
    fn thread_site(&self, thread: ThreadId) -> Option<SourceSite>;
    /// The function of the program's own code a thread that has not finished is in, as
    /// `file:qualname:first line` (what identifies a loop whatever point of it the thread is at).
    fn thread_function(&self, thread: ThreadId) -> Option<String>;
    /// A hash of the whole machine state (heap, threads, clocks excluded), when the machine can
    /// compute one: a repeat within one execution is a cycle a fair scheduler would leave.
    /// A hash of the whole machine state now, always (`state_hash` offers one only where a
    /// cycle can close); None when the machine cannot hash its state. For state caching.
    fn full_state_hash(&mut self) -> Option<u64> {
        None
    }
    /// The first step that accessed shared memory beyond the operation it announced before it
    /// ran (user code a builtin runs atomically, such as a `__repr__` that `print` calls; steps
    /// merged under `--switch-points=gil`). Partial-order reduction judges independence by the
    /// announced operations, so the explorer does not trust its pruning of such an execution.
    fn footprint_exceeded(&self) -> Option<SourceSite> {
        None
    }
    /// A timed wait (a sleep, a wait with a timeout) that the other threads' steps ended, or
    /// could have ended in another order of the same steps, in `--time=strict`, where every step
    /// takes virtual time: where such a wake falls depends on how many steps of every thread
    /// precede it, which no operation announces, so the explorer does not trust partial-order
    /// reduction for the program.
    fn clock_moved_by_work(&self) -> Option<SourceSite> {
        None
    }
    fn state_hash(&mut self) -> Option<u64> {
        None
    }
    /// Program exit status as python3 would give it (0, 1 for an uncaught exception in main,
    /// or the `sys.exit` code).
    fn exit_status(&self) -> i32;
}

/// A compiled program that can start fresh executions. `seed` seeds the program's own `random`.
pub trait Program: Send + Sync {
    type Machine: StepMachine + Observe + Clone;
    fn start(&self, seed: u64) -> Self::Machine;
    /// A fresh execution that records its trace (exploration leaves tracing off, and replays a
    /// finding's schedule this way to show it).
    fn start_traced(&self, seed: u64) -> Self::Machine {
        self.start(seed)
    }
}
