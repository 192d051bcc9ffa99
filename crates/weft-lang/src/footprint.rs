//! The paired footprint assertion: every container a visible instruction of user code touches
//! (through the heap accessors `Machine::obj` and `Machine::obj_mut`, natives included) must be
//! one its announced operation names, or one it created itself. Partial-order reduction prunes
//! by announced operations, so a step that touches more than it announced would let DPOR call an
//! exploration complete that missed schedules (TigerBeetle's paired assertions: the
//! classification in `visible.rs` states the footprint, this module checks it where the work
//! happens).
//!
//! With `RunOptions::check_footprints` (on in debug builds and in the tests) an overrun panics,
//! naming the instruction, the object and the site: a bug in a native's declared effect or in
//! the classifier. Without it (release builds) an overrun is recorded as the run's
//! `footprint_exceeded`, and the explorer redoes its search as plain DFS, which needs no
//! footprints; lone threads' steps (`Machine::runs_solo`), which race with nothing, are not
//! recorded there. Type checks (`isinstance(lst, list)`, the kind
//! of iterator `iter(x)` makes) use `Machine::obj_kind`, which is not a touch.

use crate::value::{Obj, ObjId};
use crate::vm::Machine;
use std::cell::{Cell, RefCell};

/// The recording state of the instruction being checked.
#[derive(Clone, Debug, Default)]
pub struct Footprint {
    recording: Cell<bool>,
    /// Heap keys of the containers touched since the window opened.
    touched: RefCell<Vec<u64>>,
}

/// One instruction's window: what it announced, and what was allocated before it.
pub struct Window {
    announced: Vec<u64>,
    thread: usize,
    allocations_before: u64,
    outer_recording: bool,
    outer_touched: Vec<u64>,
}

impl Footprint {
    /// Notes that the container at heap key `key` was touched (when a window is open).
    #[inline]
    pub fn touch(&self, key: u64, obj: &Obj) {
        if self.recording.get() && obj.is_container() {
            self.touched.borrow_mut().push(key);
        }
    }

    /// Pauses the open window (the classifier and the detectors look at containers too).
    pub fn pause(&self) -> bool {
        self.recording.replace(false)
    }

    pub fn resume(&self, recording: bool) {
        self.recording.set(recording);
    }
}

impl Machine {
    /// The heap keys of the objects an operation names.
    pub fn announced_objects(&self, pending: &crate::vm::Pending) -> Vec<u64> {
        match pending {
            crate::vm::Pending::Op(op) => op.accesses().map(|(l, _)| l.object).collect(),
            crate::vm::Pending::Acquire { lock, op, .. } => std::iter::once(self.key_of(*lock))
                .chain(op.accesses().map(|(l, _)| l.object))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Opens the window of an instruction whose operation announced the objects `announced`
    /// (heap keys); the enclosing window, if any (a native running user code), is set aside.
    pub fn open_footprint(&self, announced: Vec<u64>) -> Window {
        let t = self.current;
        let outer_recording = self.footprint.pause();
        let outer_touched = std::mem::take(&mut *self.footprint.touched.borrow_mut());
        self.footprint.resume(true);
        Window {
            announced,
            thread: t,
            allocations_before: self.threads.get(t).map_or(0, |th| th.allocations),
            outer_recording,
            outer_touched,
        }
    }

    /// Closes `window`: every container touched was announced or created inside it. An overrun
    /// is returned, described (the caller panics under `check_footprints`, and otherwise
    /// reports it to the explorer as `footprint_exceeded`).
    pub fn close_footprint(&self, window: Window, raised: bool) -> Option<String> {
        self.footprint.pause();
        let touched = std::mem::replace(
            &mut *self.footprint.touched.borrow_mut(),
            window.outer_touched,
        );
        self.footprint.resume(window.outer_recording);
        if raised {
            return None;
        }
        let fresh = |key: u64| {
            (key >> 40) as usize == window.thread
                && (key & ((1 << 40) - 1)) > window.allocations_before
        };
        let key = touched
            .iter()
            .find(|k| !window.announced.contains(k) && !fresh(**k))?;
        let object = self
            .heap
            .iter()
            .find(|h| h.key == *key)
            .map(|h| format!("{:.120?}", h.obj))
            .unwrap_or_default();
        Some(format!(
            "touched the container with heap key {key:#x} ({object}), which its operation did \
             not announce (announced: {:x?})",
            window.announced
        ))
    }

    /// The object at `id`, for a look at what kind of object it is (not a touch of its contents).
    pub fn obj_kind(&self, id: ObjId) -> &Obj {
        &self.heap[id as usize].obj
    }
}

#[cfg(test)]
mod tests {
    use crate::value::Value;
    use crate::{compile_program, RunOptions};

    #[test]
    fn a_touch_outside_the_announced_objects_is_an_overrun() {
        let program = compile_program("t.py", "x = 1\n", RunOptions::default()).unwrap();
        let mut m = program.start_machine(0);
        let Value::Obj(shared) = m.new_list(vec![Value::Int(1)]) else {
            unreachable!("a list is a heap object")
        };
        // Not announced: an overrun, described with the object.
        let w = m.open_footprint(Vec::new());
        let _ = m.obj(shared);
        let overrun = m.close_footprint(w, false);
        assert!(
            overrun.as_deref().is_some_and(|o| o.contains("List")),
            "{overrun:?}"
        );
        // Announced: covered.
        let w = m.open_footprint(vec![m.key_of(shared)]);
        let _ = m.obj(shared);
        assert_eq!(m.close_footprint(w, false), None);
        // Created inside the window: the step's own.
        let w = m.open_footprint(Vec::new());
        let Value::Obj(fresh) = m.new_list(Vec::new()) else {
            unreachable!("a list is a heap object")
        };
        let _ = m.obj(fresh);
        assert_eq!(m.close_footprint(w, false), None);
        // An instruction that raised is not held to its footprint.
        let w = m.open_footprint(Vec::new());
        let _ = m.obj(shared);
        assert_eq!(m.close_footprint(w, true), None);
        // A type check is not a touch.
        let w = m.open_footprint(Vec::new());
        let _ = m.obj_kind(shared);
        assert_eq!(m.close_footprint(w, false), None);
    }
}
