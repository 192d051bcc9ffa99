//! Synchronisation objects as pure state machines, for any language to embed: who holds a lock,
//! who waits on a condition (in FIFO order of `wait`), a semaphore's count, an event's flag. They
//! carry the vector clock that release->acquire edges pass along. Blocking is not decided here:
//! a thread whose pending operation cannot be performed is simply not enabled.

use crate::{ThreadId, VectorClock};

/// `threading.Lock` (not owned: any thread may release) and `threading.RLock` (owned, counted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LockState {
    pub reentrant: bool,
    pub owner: Option<ThreadId>,
    pub count: u32,
    /// The clock of the last release, joined into the next acquirer.
    pub clock: VectorClock,
}

impl LockState {
    pub fn new(reentrant: bool) -> Self {
        LockState {
            reentrant,
            ..Default::default()
        }
    }
    pub fn is_locked(&self) -> bool {
        self.count > 0
    }
    /// Whether `thread` can take the lock now without blocking.
    pub fn can_acquire(&self, thread: ThreadId) -> bool {
        self.count == 0 || (self.reentrant && self.owner == Some(thread))
    }
    /// Take the lock; the caller checked `can_acquire`.
    pub fn acquire(&mut self, thread: ThreadId) {
        debug_assert!(self.can_acquire(thread));
        self.owner = Some(thread);
        self.count += 1;
    }
    /// Drop one level; returns true when the lock became free.
    pub fn release(&mut self) -> bool {
        debug_assert!(self.count > 0);
        self.count -= 1;
        if self.count == 0 {
            self.owner = None;
            true
        } else {
            false
        }
    }
}
