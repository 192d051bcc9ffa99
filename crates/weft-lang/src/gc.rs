//! Garbage collection of the machine's heap: a mark-and-sweep collector over the arena.
//!
//! The heap is an arena of slots addressed by [`ObjId`]; without collection a loop that makes a
//! temporary list or bound method per round would grow it without end. The collector marks every
//! object reachable from the roots (each thread's frames, pending lock, handled and uncaught
//! exceptions, its `Thread` object and held locks; the main module and the imported modules),
//! frees the rest, and keeps the freed slots on a free list that `alloc` reuses, lowest slot
//! last-freed first, so a collection is as deterministic as the program: it runs after a fixed
//! number of allocations, never by the host's clock or memory.
//!
//! It runs only at safe points: between two instructions of a thread that the scheduler runs (no
//! Rust frame of weft holds a `Value` there). Atomic nested calls (a builtin calling back into
//! Python) and thread start (the child runs inside the parent's `start()` call) raise a barrier
//! instead. Objects keep their location key (`HeapObj::key`) for life, so a reused slot never
//! makes two objects one location for the race detector or partial-order reduction; side tables
//! keyed by slot (`sync_clocks`) drop the entries of freed objects.
//!
//! The live size after a collection is also what the untrusted program's memory limit checks:
//! more than `RunOptions::max_objects` live objects raise MemoryError in the allocating thread.

use crate::value::*;
use crate::vm::*;

/// Collect after at least this many allocations, or twice the live heap, whichever is more.
const MIN_GC_INTERVAL: usize = 64 * 1024;

/// The collector's state, part of the machine (so it clones with snapshots).
#[derive(Clone, Debug, Default)]
pub struct GcState {
    /// Freed slots, reused by `alloc` (last in, first out).
    pub free: Vec<ObjId>,
    /// Allocations since the last collection.
    pub allocations: usize,
    /// Collect once `allocations` reaches this.
    pub threshold: usize,
    /// Live objects after the last collection.
    pub live: usize,
    /// Collections run so far.
    pub collections: usize,
    /// Above zero, collection waits: a Rust frame of weft holds values the roots do not see.
    pub barrier: u32,
}

impl GcState {
    pub fn new() -> GcState {
        GcState {
            threshold: MIN_GC_INTERVAL,
            ..GcState::default()
        }
    }
}

impl Machine {
    /// Collects when enough was allocated since the last collection and this is a safe point.
    #[inline]
    pub fn collect_garbage_if_due(&mut self) {
        if self.gc.allocations >= self.gc.threshold
            && self.gc.barrier == 0
            && self.threads[self.current].nested == 0
        {
            self.collect_garbage();
        }
    }

    /// Frees every object not reachable from the roots; returns how many were freed.
    pub fn collect_garbage(&mut self) -> usize {
        // The collector's walk is not the program's access (`footprint.rs`).
        let recording = self.footprint.pause();
        let freed = self.collect_garbage_now();
        self.footprint.resume(recording);
        freed
    }

    fn collect_garbage_now(&mut self) -> usize {
        let marked = self.mark_reachable();
        let mut freed_keys = Vec::new();
        let mut live = 0;
        for (slot, is_live) in marked.iter().enumerate() {
            if *is_live {
                live += 1;
                continue;
            }
            let entry = &mut self.heap[slot];
            if matches!(entry.obj, Obj::Free) {
                continue;
            }
            entry.obj = Obj::Free;
            freed_keys.push(std::mem::take(&mut entry.key));
        }
        let freed = freed_keys.len();
        // The race detector's history of a freed object can never matter again.
        freed_keys.sort_unstable();
        self.obs.forget_objects(&freed_keys);
        // The free list hands out the lowest slots first.
        self.gc.free = (0..marked.len() as ObjId)
            .rev()
            .filter(|&s| !marked[s as usize])
            .collect();
        let heap = &self.heap;
        self.sync_clocks
            .retain(|(id, _)| !matches!(heap[*id as usize].obj, Obj::Free));
        self.gc.allocations = 0;
        self.gc.live = live;
        self.gc.threshold = MIN_GC_INTERVAL.max(live * 2);
        self.gc.collections += 1;
        freed
    }

    /// Live objects as of the last collection plus everything allocated since.
    pub fn heap_objects(&self) -> usize {
        self.gc.live + self.gc.allocations
    }

    /// Marks the objects reachable from the roots.
    fn mark_reachable(&self) -> Vec<bool> {
        let mut marked = vec![false; self.heap.len()];
        let mut stack: Vec<ObjId> = Vec::new();
        self.for_each_root(&mut |v| push_value(v, &mut stack));
        while let Some(id) = stack.pop() {
            let seen = &mut marked[id as usize];
            if *seen {
                continue;
            }
            *seen = true;
            for_each_child(&self.heap[id as usize].obj, &mut |v| {
                push_value(v, &mut stack)
            });
        }
        marked
    }

    /// Every value the machine holds outside the heap, in a fixed order (threads first).
    pub fn for_each_root(&self, f: &mut dyn FnMut(&Value)) {
        for th in &self.threads {
            for frame in &th.frames {
                frame_values(frame, f);
            }
            if let Pending::Acquire { lock, .. } = &th.pending {
                f(&Value::Obj(*lock));
            }
            if let Some(obj) = th.obj {
                f(&Value::Obj(obj));
            }
            th.handling.iter().for_each(&mut *f);
            for lock in &th.held_locks {
                f(&Value::Obj(*lock));
            }
            if let Some(exc) = &th.uncaught {
                f(exc);
            }
        }
        f(&Value::Obj(self.main_module));
        for (_, module) in &self.modules {
            f(module);
        }
    }
}

fn push_value(v: &Value, stack: &mut Vec<ObjId>) {
    match v {
        Value::Obj(id) => stack.push(*id),
        Value::Tuple(items) => items.iter().for_each(|x| push_value(x, stack)),
        _ => {}
    }
}

/// The values a frame holds: its value stack, locals, cells, namespaces and return handling.
pub fn frame_values(frame: &Frame, f: &mut dyn FnMut(&Value)) {
    frame.stack.iter().for_each(&mut *f);
    frame.locals.iter().for_each(&mut *f);
    for cell in &frame.cells {
        f(&Value::Obj(*cell));
    }
    if let Some(ns) = frame.namespace {
        f(&Value::Obj(ns));
    }
    f(&Value::Obj(frame.globals));
    match &frame.on_return {
        OnReturn::Init(v) => f(v),
        OnReturn::ClassBody {
            bases, namespace, ..
        } => {
            bases.iter().for_each(&mut *f);
            f(&Value::Obj(*namespace));
        }
        OnReturn::Generator { gen, .. } => f(&Value::Obj(*gen)),
        OnReturn::GeneratorNext { gen, default } => {
            f(&Value::Obj(*gen));
            if let Some(d) = default {
                f(d);
            }
        }
        OnReturn::Push
        | OnReturn::Discard
        | OnReturn::Nested
        | OnReturn::ForNext { .. }
        | OnReturn::ThreadBottom => {}
    }
}

fn exc_values(exc: &ExcData, f: &mut dyn FnMut(&Value)) {
    exc.args.iter().for_each(&mut *f);
    if let Some(c) = &exc.cause {
        f(c);
    }
    if let Some(c) = &exc.context {
        f(c);
    }
}

/// The values an object refers to (its children in the object graph).
pub fn for_each_child(obj: &Obj, f: &mut dyn FnMut(&Value)) {
    match obj {
        Obj::List(items) => items.iter().for_each(f),
        Obj::Dict(d) | Obj::Counter(d) => {
            for (k, v) in d {
                f(&k.0);
                f(v);
            }
        }
        Obj::DefaultDict { factory, dict } => {
            f(factory);
            for (k, v) in dict {
                f(&k.0);
                f(v);
            }
        }
        Obj::Set(s) | Obj::FrozenSet(s) => s.iter().for_each(|k| f(&k.0)),
        Obj::Deque { items, .. } => items.iter().for_each(f),
        Obj::Range { .. } | Obj::Lock(_) | Obj::Free => {}
        Obj::Slice(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        Obj::Function(func) => {
            func.defaults.iter().for_each(&mut *f);
            func.kwdefaults.iter().for_each(|(_, v)| f(v));
            for cell in &func.closure {
                f(&Value::Obj(*cell));
            }
            f(&Value::Obj(func.globals));
            func.attrs.values().for_each(f);
        }
        Obj::Class(class) => {
            class.bases.iter().for_each(&mut *f);
            class.mro.iter().for_each(&mut *f);
            class.dict.values().for_each(f);
        }
        Obj::Instance(inst) => {
            f(&inst.class);
            inst.dict.values().for_each(&mut *f);
            if let Some(exc) = &inst.exc {
                exc_values(exc, f);
            }
        }
        Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => f(v),
        Obj::BoundMethod { receiver, func } => {
            f(receiver);
            f(func);
        }
        Obj::Module { dict, .. } => dict.values().for_each(f),
        Obj::Iter(it) => iter_values(it, f),
        Obj::Generator(g) => {
            if let Some(frame) = &g.frame {
                frame_values(frame, f);
            }
        }
        Obj::Property { fget, fset } => {
            f(fget);
            f(fset);
        }
        Obj::Partial { func, args, kwargs } => {
            f(func);
            args.iter().for_each(&mut *f);
            kwargs.iter().for_each(|(_, v)| f(v));
        }
        Obj::Super { class, receiver } => {
            f(class);
            f(receiver);
        }
        Obj::DictView { source, .. } => f(&Value::Obj(*source)),
    }
}

fn iter_values(it: &Iter, f: &mut dyn FnMut(&Value)) {
    match it {
        Iter::Seq { seq, .. } | Iter::Reversed { seq, .. } => f(seq),
        Iter::Keys { source, keys, .. } => {
            f(&Value::Obj(*source));
            keys.iter().for_each(f);
        }
        Iter::Items { source, .. } => f(&Value::Obj(*source)),
        Iter::Count { next, step } => {
            f(next);
            f(step);
        }
        Iter::Enumerate { inner, index } => {
            f(inner);
            f(index);
        }
        Iter::Zip { inners } => inners.iter().for_each(f),
        Iter::Map { func, inners } => {
            f(func);
            inners.iter().for_each(f);
        }
        Iter::Filter { func, inner } => {
            f(func);
            f(inner);
        }
        Iter::Range { .. } | Iter::Done => {}
    }
}
