//! weft-core: the language-independent machine of one execution.
//!
//! A program under weft is a set of threads, each a step machine that runs invisible work freely
//! and stops in front of its next *visible operation* ([`Operation`]). The [`StepMachine`] trait is
//! what a language (weft-lang) implements; [`driver::run_execution`] drives any step machine with a
//! [`Chooser`] (the one choice interface: "which enabled thread runs next?"), which exhaustive
//! search, random sampling, PCT and replay all implement. Nothing here knows Python, does I/O,
//! reads a clock or the environment.

pub mod driver;
pub mod observe;
pub mod operation;
pub mod schedule;
pub mod sync;
pub mod time;
pub mod vclock;

pub use driver::{
    run_execution, ChoicePoint, Chooser, ExecutionEnd, ExecutionRecord, LimitHit, Limits,
    ReplayChooser, StepRecord,
};
pub use observe::{
    AccessSite, BlockedThread, Failure, LockEdge, LockId, Observe, Program, Race, SourceSite,
    TraceEvent, WaitTarget,
};
pub use operation::{Access, Location, Operation};
pub use schedule::{Schedule, ScheduleParseError};
pub use time::VirtualTime;
pub use vclock::VectorClock;

/// A thread of the program. `ThreadId(0)` is the main thread; ids are given in creation order.
#[derive(
    Clone,
    Copy,
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
pub struct ThreadId(pub u32);

impl ThreadId {
    pub const MAIN: ThreadId = ThreadId(0);
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for ThreadId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Whether a thread can perform its pending operation now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// It has a pending visible operation that can be performed now.
    Enabled,
    /// It waits for something another thread must do (a lock, a notify, a join, ...), possibly with
    /// a deadline in virtual time after which it becomes enabled by itself (a timeout).
    Blocked { deadline: Option<VirtualTime> },
    /// It sleeps until the given virtual time (`time.sleep`).
    Sleeping { until: VirtualTime },
    /// It has run to its end.
    Finished,
}

/// What a language implements so that weft can schedule it.
///
/// Contract:
/// - `thread_count` only grows; a thread exists from the step that created it (its steps happen
///   after that step).
/// - a thread's last visible operation (its exit) writes its own thread location, and a join of it
///   reads that location, so join and exit conflict; starting a thread writes that location too.
/// - a thread whose status is `Enabled` has a pending operation, and `step` performs exactly that
///   operation, then runs the thread's invisible work up to its next visible operation (or its end).
/// - `advance_clock` is called only when no thread is enabled; it moves virtual time to the earliest
///   deadline, making the threads due at that time enabled, and returns false when there is none.
/// - everything is a pure function of the steps taken: no clock, no randomness but what the machine
///   was constructed with.
pub trait StepMachine {
    fn thread_count(&self) -> usize;
    fn status(&self, thread: ThreadId) -> ThreadStatus;
    /// The visible operation the thread performs when it is next stepped.
    fn pending(&self, thread: ThreadId) -> Option<Operation>;
    fn step(&mut self, thread: ThreadId);
    fn advance_clock(&mut self) -> bool;
    /// The program has ended (its main thread finished its exit sequence).
    fn is_finished(&self) -> bool;
    fn now(&self) -> VirtualTime;
    /// A limit the machine ran into inside its last step (or its start), after which it cannot
    /// go on: the execution ends there. Machines without limits of their own keep the default.
    fn limit_reached(&self) -> Option<LimitHit> {
        None
    }

    fn enabled_threads(&self) -> Vec<ThreadId> {
        (0..self.thread_count() as u32)
            .map(ThreadId)
            .filter(|&t| self.status(t) == ThreadStatus::Enabled)
            .collect()
    }
}
