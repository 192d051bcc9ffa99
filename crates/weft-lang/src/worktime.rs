//! Work takes time (`--time=strict`): a thread in a timed wait (`time.sleep`, `acquire(timeout=)`,
//! `join(timeout)`, the waits built on them) wakes once the other threads have done its duration's
//! worth of steps, even when they never block.
//!
//! The model: every visible step of another thread costs `STEP_COST` of the waiting thread's
//! time. A timed wait of `d` seconds ends at its deadline when the clock gets there (the clock
//! still jumps to the earliest deadline when no thread can run), or once the other threads have
//! taken `d / STEP_COST` steps since the wait began; the clock then moves to the wait's deadline,
//! so the woken thread reads at least `d` more on `time.monotonic()`, as under CPython. All of it
//! is a function of the schedule: the same schedule wakes the same thread after the same step.
//!
//! Partial-order reduction does not follow this: where a wake falls depends on how many steps of
//! every other thread precede it, which no operation announces. So the machine tells the
//! explorer (`Observe::clock_moved_by_work`) whenever an execution contains a timed wait that the
//! work of some order of the same steps could have ended, and the explorer then searches every
//! interleaving instead, as it does for a footprint overrun. The test is conservative: a wait is
//! reported when the steps taken between the last clock advance before it began and its end
//! (every step that partial-order reduction could move into the wait) cover its duration. An
//! advance is a fence for the reduction (everything before it happens before everything after),
//! so no step before it can move into the wait, and a step after the wait's end in every
//! equivalent order is after the wake in all of them.

use weft_core::{SourceSite, VirtualTime};

use crate::vm::{Machine, Pending};

use weft_core::time::STEP_COST;

/// A thread's timed wait in progress (its deadline is its pending operation's).
#[derive(Clone, Debug)]
pub struct TimedWait {
    /// Its length, from the clock when it began.
    pub duration: VirtualTime,
    /// The machine's step count at the last clock advance before the wait began.
    pub window_from: usize,
    /// Steps other threads took since the wait began (stops counting once it covers the wait).
    pub others: u64,
    /// Where the program waits (for the explorer's message).
    pub site: Option<SourceSite>,
}

impl TimedWait {
    fn steps_needed(&self) -> u64 {
        self.duration.0.div_ceil(STEP_COST.0).max(1)
    }
    /// Whether `steps` steps could have ended this wait.
    fn covered_by(&self, steps: usize) -> bool {
        steps as u64 >= self.steps_needed()
    }
}

/// The deadline of a pending operation, when it is a timed wait.
fn pending_deadline(pending: &Pending) -> Option<VirtualTime> {
    match pending {
        Pending::Sleep { until } => Some(*until),
        Pending::Acquire { deadline, .. } | Pending::Join { deadline, .. } => *deadline,
        Pending::Nothing | Pending::Op(_) | Pending::Exit(_) => None,
    }
}

impl Machine {
    /// Thread `t` has just reached its pending operation: when it is a wait with a deadline
    /// still ahead, the wait's work count starts.
    pub(crate) fn begin_timed_wait(&mut self, t: usize) {
        if self.options.free_time {
            return;
        }
        let Some(deadline) = pending_deadline(&self.threads[t].pending) else {
            return;
        };
        if deadline <= self.now {
            return;
        }
        let site = self.user_site(t).map(|(code, line)| self.site(&code, line));
        self.threads[t].timed_wait = Some(TimedWait {
            duration: VirtualTime(deadline.0 - self.now.0),
            window_from: self.last_advance_step,
            others: 0,
            site,
        });
        self.timed_waits = true;
    }

    /// Thread `t`'s pending operation is being performed: its timed wait (if any) is over.
    pub(crate) fn end_timed_wait(&mut self, t: usize) {
        if let Some(wait) = self.threads[t].timed_wait.take() {
            self.note_wait_window(&wait);
        }
    }

    /// The clock jumped (no thread could run): later waits cannot count the steps before.
    pub(crate) fn clock_advanced(&mut self) {
        self.last_advance_step = self.steps;
    }

    /// After a step of thread `t`: every other thread's timed wait counts it, and a wait whose
    /// count covers its duration ends, moving the clock to its deadline.
    pub(crate) fn count_work(&mut self, t: usize) {
        if !self.timed_waits {
            return;
        }
        let mut any = false;
        let mut reached: Option<VirtualTime> = None;
        for (u, th) in self.threads.iter_mut().enumerate() {
            let Some(wait) = th.timed_wait.as_mut() else {
                continue;
            };
            any = true;
            if u == t || th.finished || wait.others >= wait.steps_needed() {
                continue;
            }
            wait.others += 1;
            if wait.others >= wait.steps_needed() {
                if let Some(deadline) = pending_deadline(&th.pending) {
                    reached = Some(reached.map_or(deadline, |r: VirtualTime| r.max(deadline)));
                }
            }
        }
        self.timed_waits = any;
        if let Some(deadline) = reached {
            if deadline > self.now {
                self.now = deadline;
                self.last_advance_step = self.steps;
            }
        }
    }

    fn note_wait_window(&mut self, wait: &TimedWait) {
        if self.obs.clock_moved_by_work.is_none() && wait.covered_by(self.steps - wait.window_from)
        {
            self.obs.clock_moved_by_work = Some(wait.site.clone().unwrap_or_default());
        }
    }

    /// See `Observe::clock_moved_by_work`: the first timed wait of this execution that the other
    /// threads' steps could have ended, counting the waits still in progress.
    pub fn clock_moved_by_work(&self) -> Option<SourceSite> {
        if let Some(site) = &self.obs.clock_moved_by_work {
            return Some(site.clone());
        }
        self.threads
            .iter()
            .filter_map(|th| th.timed_wait.as_ref())
            .find(|wait| wait.covered_by(self.steps - wait.window_from))
            .map(|wait| wait.site.clone().unwrap_or_default())
    }
}
