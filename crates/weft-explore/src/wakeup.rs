//! Wakeup trees (Abdulla, Aronis, Jonsson, Sagonas, "Optimal Dynamic Partial Order Reduction",
//! POPL 2014, section 4; "Source Sets", JACM 2017, section 6): the ordered tree of event sequences
//! still to explore from one state. Inserting a sequence `v` descends through the first child
//! whose event is a *weak initial* of what is left of `v` (it can be moved to the front of `v`
//! without changing the trace, or commutes with all of it); reaching a leaf means the tree
//! already covers `v`; otherwise `v`'s remainder becomes a new rightmost branch. Insertion is
//! the same as Concuerror's (`insert_wakeup`).

use weft_core::{Operation, ThreadId};

/// An event as partial-order reduction sees it: the thread, its visible operation, and two facts
/// only known once it ran: whether it created threads (thread creation orders thread ids, so all
/// spawning steps are dependent) and whether it ended the program (which cuts every other
/// thread, so it is dependent with everything).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ev {
    pub thread: ThreadId,
    pub op: Operation,
    pub spawns: bool,
    pub ends: bool,
}

/// The dependency of the reduction: same thread, conflicting operations
/// (`Operation::conflicts_with`), two thread creations, or a program end.
pub(crate) fn dependent(a: &Ev, b: &Ev) -> bool {
    a.thread == b.thread || a.ends || b.ends || (a.spawns && b.spawns) || a.op.conflicts_with(&b.op)
}

/// If `p`'s event is a weak initial of `v`, what is left of `v` once it is taken out (all of `v`
/// when `p` does not occur in it but commutes with every event of it).
pub(crate) fn weak_initial_rest(p: &Ev, v: &[Ev]) -> Option<Vec<Ev>> {
    for (i, x) in v.iter().enumerate() {
        if x.thread == p.thread {
            let mut rest = Vec::with_capacity(v.len() - 1);
            rest.extend_from_slice(&v[..i]);
            rest.extend_from_slice(&v[i + 1..]);
            return Some(rest);
        }
        if dependent(x, p) {
            return None;
        }
    }
    Some(v.to_vec())
}

/// The initials of `v`: threads whose first event in `v` has no dependent event before it.
pub(crate) fn initials(v: &[Ev]) -> Vec<ThreadId> {
    let mut out = Vec::new();
    for (i, x) in v.iter().enumerate() {
        if !out.contains(&x.thread)
            && v[..i]
                .iter()
                .all(|y| y.thread != x.thread && !dependent(y, x))
        {
            out.push(x.thread);
        }
    }
    out
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WakeupTree {
    children: Vec<(Ev, WakeupTree)>,
}

impl WakeupTree {
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// Removes the leftmost branch: its first event and the subtree below it.
    pub fn take_first(&mut self) -> Option<(Ev, WakeupTree)> {
        (!self.children.is_empty()).then(|| self.children.remove(0))
    }

    /// The first event of each branch.
    pub fn first_events(&self) -> impl Iterator<Item = &Ev> {
        self.children.iter().map(|(e, _)| e)
    }

    /// Appends a branch consisting of one event.
    pub fn push_leaf(&mut self, ev: Ev) {
        self.children.push((ev, WakeupTree::default()));
    }

    /// Whether inserting `v` would add a branch (the tree does not already cover it).
    pub fn would_insert(&self, v: &[Ev]) -> bool {
        for (ev, below) in &self.children {
            if let Some(rest) = weak_initial_rest(ev, v) {
                return !below.is_empty() && below.would_insert(&rest);
            }
        }
        !v.is_empty()
    }

    /// Inserts `v`; returns whether the tree changed.
    pub fn insert(&mut self, v: &[Ev]) -> bool {
        for (ev, below) in &mut self.children {
            if let Some(rest) = weak_initial_rest(ev, v) {
                return !below.is_empty() && below.insert(&rest);
            }
        }
        if v.is_empty() {
            return false;
        }
        let mut branch = WakeupTree::default();
        for ev in v.iter().rev() {
            branch = WakeupTree {
                children: vec![(*ev, branch)],
            };
        }
        self.children.extend(branch.children);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use weft_core::Location;

    fn ev(thread: u32, object: u64, write: bool) -> Ev {
        let loc = Location::whole(object);
        Ev {
            thread: ThreadId(thread),
            op: if write {
                Operation::write(loc)
            } else {
                Operation::read(loc)
            },
            spawns: false,
            ends: false,
        }
    }

    #[test]
    fn a_sequence_covered_by_a_leaf_is_not_inserted_again() {
        let mut tree = WakeupTree::default();
        let v = [ev(1, 1, false), ev(2, 1, true)];
        assert!(tree.insert(&v));
        assert!(!tree.would_insert(&v));
        // Thread 3's independent read then the same pair: the leaf branch 1.2 covers it, since
        // 3's read commutes with both.
        let w = [ev(3, 9, false), ev(1, 1, false), ev(2, 1, true)];
        assert!(!tree.insert(&w));
        assert_eq!(tree.children.len(), 1);
        // A sequence starting with a conflicting write of thread 2 is a new branch.
        let u = [ev(2, 1, true)];
        assert!(tree.insert(&u));
        assert_eq!(tree.children.len(), 2);
    }

    #[test]
    fn initials_skip_events_behind_dependent_ones() {
        let v = [ev(1, 1, true), ev(2, 1, false), ev(3, 2, false)];
        assert_eq!(initials(&v), vec![ThreadId(1), ThreadId(3)]);
    }
}
