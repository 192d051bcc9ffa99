//! Vector clocks for happens-before (Lamport 1978; Mattern 1989), as sync objects carry them in
//! miri's data-race detector: a release copies the thread's clock into the object, an acquire joins it.

use crate::ThreadId;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VectorClock {
    entries: Vec<u32>,
}

impl VectorClock {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn get(&self, thread: ThreadId) -> u32 {
        self.entries.get(thread.index()).copied().unwrap_or(0)
    }
    pub fn set(&mut self, thread: ThreadId, value: u32) {
        if self.entries.len() <= thread.index() {
            self.entries.resize(thread.index() + 1, 0);
        }
        self.entries[thread.index()] = value;
    }
    pub fn tick(&mut self, thread: ThreadId) -> u32 {
        let v = self.get(thread) + 1;
        self.set(thread, v);
        v
    }
    pub fn join(&mut self, other: &VectorClock) {
        if self.entries.len() < other.entries.len() {
            self.entries.resize(other.entries.len(), 0);
        }
        for (mine, theirs) in self.entries.iter_mut().zip(&other.entries) {
            *mine = (*mine).max(*theirs);
        }
    }
    /// `self <= other` pointwise: everything `self` saw, `other` saw too.
    pub fn le(&self, other: &VectorClock) -> bool {
        self.entries
            .iter()
            .enumerate()
            .all(|(i, v)| *v <= other.get(ThreadId(i as u32)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_takes_the_pointwise_maximum() {
        let mut a = VectorClock::new();
        a.set(ThreadId(0), 3);
        let mut b = VectorClock::new();
        b.set(ThreadId(1), 2);
        assert!(!a.le(&b));
        b.join(&a);
        assert!(a.le(&b));
        assert_eq!(b.get(ThreadId(0)), 3);
        assert_eq!(b.get(ThreadId(1)), 2);
    }
}
