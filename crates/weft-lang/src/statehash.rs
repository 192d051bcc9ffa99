//! A hash of the machine state that matters for the future of an execution: what each thread
//! will do (frames: code, pc, blocks, value stack, locals, cells; what it waits for; the locks it
//! holds), the objects reachable from there and from the modules, virtual time and the program's
//! `random` position. Output, the trace, vector clocks, step and allocation counters, location
//! keys and heap slot numbers are left out: objects are numbered in the order a traversal from
//! the roots meets them, so garbage and slot reuse do not change the hash. A spin loop that goes
//! round without changing anything therefore hashes to the same value each time round: a cycle
//! the explorer can prune or report as a livelock (CHESS's fair stateless model checking,
//! Musuvathi & Qadeer, PLDI 2008).
//!
//! Hashing walks the reachable heap, so the machine offers a hash only after a step in which
//! some thread jumped backwards (a loop went round): every cycle of states contains such a step,
//! at the same place each time round, so a repeated state is still found, one round later at
//! most, without hashing after every step.

use crate::value::*;
use crate::vm::*;
use std::hash::{Hash, Hasher};

/// Canonical numbering of the objects met so far, and the ones still to hash.
struct Canon {
    index: Vec<u32>,
    next: u32,
    queue: std::collections::VecDeque<ObjId>,
}

const UNSEEN: u32 = u32::MAX;

/// Hash again after at least one instruction per this many heap objects: for the small heaps of
/// the programs exhaustive search explores that is almost every loop round (a cycle is found
/// within a round or two).
const HEAP_OBJECTS_PER_INSTRUCTION: u64 = 16;
/// Past this many heap objects the interval grows with the heap's size again (quadratically in
/// all), so that on big heaps (a pool's tens of thousands of futures) hashing's share of the run
/// shrinks instead of dominating it; a cycle is still found, some rounds later.
const BIG_HEAP: u64 = 4_096;

impl Canon {
    fn id<H: Hasher>(&mut self, id: ObjId, h: &mut H) {
        let slot = &mut self.index[id as usize];
        if *slot == UNSEEN {
            *slot = self.next;
            self.next += 1;
            self.queue.push_back(id);
        }
        slot.hash(h);
    }

    fn value<H: Hasher>(&mut self, v: &Value, h: &mut H) {
        std::mem::discriminant(v).hash(h);
        match v {
            Value::Bool(b) => b.hash(h),
            Value::Int(i) => i.hash(h),
            Value::Big(b) => {
                b.sign().hash(h);
                b.iter_u64_digits().for_each(|d| d.hash(h));
            }
            Value::Float(f) => f.to_bits().hash(h),
            Value::Str(s) => s.hash(h),
            Value::Tuple(t) => {
                t.len().hash(h);
                for x in t.iter() {
                    self.value(x, h);
                }
            }
            Value::Type(t) => t.hash(h),
            Value::Builtin(n) => n.hash(h),
            Value::MethodName(n) => n.hash(h),
            Value::Obj(id) => self.id(*id, h),
            Value::Code(c) => std::sync::Arc::as_ptr(c).hash(h),
            Value::None | Value::Ellipsis | Value::NotImplemented | Value::Undef => {}
        }
    }

    fn values<'a, H: Hasher>(&mut self, vs: impl ExactSizeIterator<Item = &'a Value>, h: &mut H) {
        vs.len().hash(h);
        for v in vs {
            self.value(v, h);
        }
    }

    fn attrs<H: Hasher>(&mut self, attrs: &Attrs, h: &mut H) {
        attrs.len().hash(h);
        for (k, v) in attrs {
            k.hash(h);
            self.value(v, h);
        }
    }

    fn dict<H: Hasher>(&mut self, d: &Dict, h: &mut H) {
        d.len().hash(h);
        for (k, v) in d {
            self.value(&k.0, h);
            self.value(v, h);
        }
    }

    fn frame<H: Hasher>(&mut self, f: &Frame, h: &mut H) {
        std::sync::Arc::as_ptr(&f.code).hash(h);
        f.pc.hash(h);
        f.blocks.len().hash(h);
        for b in &f.blocks {
            b.handler.hash(h);
            b.stack_level.hash(h);
        }
        self.values(f.stack.iter(), h);
        self.values(f.locals.iter(), h);
        f.cells.len().hash(h);
        for c in &f.cells {
            self.id(*c, h);
        }
        if let Some(ns) = f.namespace {
            self.id(ns, h);
        }
        self.id(f.globals, h);
        std::mem::discriminant(&f.on_return).hash(h);
        match &f.on_return {
            OnReturn::Init(v) => self.value(v, h),
            OnReturn::ClassBody {
                name,
                bases,
                namespace,
            } => {
                name.hash(h);
                self.values(bases.iter(), h);
                self.id(*namespace, h);
            }
            OnReturn::Generator { gen, for_exit } => {
                self.id(*gen, h);
                for_exit.hash(h);
            }
            OnReturn::GeneratorNext { gen, default } => {
                self.id(*gen, h);
                if let Some(d) = default {
                    self.value(d, h);
                }
            }
            OnReturn::ForNext { exit } => exit.hash(h),
            OnReturn::Push | OnReturn::Discard | OnReturn::Nested | OnReturn::ThreadBottom => {}
        }
    }

    fn object<H: Hasher>(&mut self, o: &Obj, h: &mut H) {
        std::mem::discriminant(o).hash(h);
        match o {
            Obj::List(l) => self.values(l.iter(), h),
            Obj::Dict(d) | Obj::Counter(d) => self.dict(d, h),
            Obj::DefaultDict { factory, dict } => {
                self.value(factory, h);
                self.dict(dict, h);
            }
            Obj::Set(s) | Obj::FrozenSet(s) => {
                s.len().hash(h);
                for k in s {
                    self.value(&k.0, h);
                }
            }
            Obj::Deque { items, maxlen } => {
                maxlen.hash(h);
                self.values(items.iter(), h);
            }
            Obj::Range { start, stop, step } => (start, stop, step).hash(h),
            Obj::Slice(a, b, c) => {
                self.value(a, h);
                self.value(b, h);
                self.value(c, h);
            }
            Obj::Function(f) => {
                std::sync::Arc::as_ptr(&f.code).hash(h);
                self.values(f.defaults.iter(), h);
                for (k, v) in &f.kwdefaults {
                    k.hash(h);
                    self.value(v, h);
                }
                for c in &f.closure {
                    self.id(*c, h);
                }
                self.id(f.globals, h);
                self.attrs(&f.attrs, h);
            }
            Obj::Class(c) => {
                c.qualname.hash(h);
                self.values(c.bases.iter(), h);
                self.attrs(&c.dict, h);
            }
            Obj::Instance(i) => {
                self.value(&i.class, h);
                self.attrs(&i.dict, h);
                if let Some(e) = &i.exc {
                    self.values(e.args.iter(), h);
                    e.traceback.len().hash(h);
                    if let Some(c) = &e.cause {
                        self.value(c, h);
                    }
                    if let Some(c) = &e.context {
                        self.value(c, h);
                    }
                    e.suppress_context.hash(h);
                }
            }
            Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => self.value(v, h),
            Obj::BoundMethod { receiver, func } => {
                self.value(receiver, h);
                self.value(func, h);
            }
            Obj::Module { name, dict } => {
                name.hash(h);
                self.attrs(dict, h);
            }
            Obj::Iter(it) => self.iter(it, h),
            Obj::Generator(g) => {
                g.running.hash(h);
                if let Some(f) = &g.frame {
                    self.frame(f, h);
                }
            }
            Obj::Property { fget, fset } => {
                self.value(fget, h);
                self.value(fset, h);
            }
            Obj::Partial { func, args, kwargs } => {
                self.value(func, h);
                self.values(args.iter(), h);
                for (k, v) in kwargs {
                    k.hash(h);
                    self.value(v, h);
                }
            }
            Obj::Super { class, receiver } => {
                self.value(class, h);
                self.value(receiver, h);
            }
            Obj::Lock(l) => {
                l.state.owner.hash(h);
                l.state.count.hash(h);
            }
            Obj::DictView { source, kind } => {
                self.id(*source, h);
                kind.hash(h);
            }
            Obj::Free => unreachable!("a reachable object is never a freed slot"),
        }
    }

    fn iter<H: Hasher>(&mut self, it: &Iter, h: &mut H) {
        std::mem::discriminant(it).hash(h);
        match it {
            Iter::Seq { seq, index } | Iter::Reversed { seq, index } => {
                self.value(seq, h);
                index.hash(h);
            }
            Iter::Range { next, stop, step } => (next, stop, step).hash(h),
            Iter::Keys {
                source,
                keys,
                index,
                size,
            } => {
                self.id(*source, h);
                self.values(keys.iter(), h);
                (index, size).hash(h);
            }
            Iter::Items {
                source,
                index,
                size,
                kind,
            } => {
                self.id(*source, h);
                (index, size, kind).hash(h);
            }
            Iter::Count { next, step } => {
                self.value(next, h);
                self.value(step, h);
            }
            Iter::Enumerate { inner, index } => {
                self.value(inner, h);
                self.value(index, h);
            }
            Iter::Zip { inners } => self.values(inners.iter(), h),
            Iter::Map { func, inners } => {
                self.value(func, h);
                self.values(inners.iter(), h);
            }
            Iter::Filter { func, inner } => {
                self.value(func, h);
                self.value(inner, h);
            }
            Iter::Done => {}
        }
    }
}

impl Machine {
    /// The state hash the explorer is offered: only after a loop went round, and only once the
    /// work since the last hash is at least proportional to the heap, so that hashing costs a
    /// bounded share of the run (a cycle is still found: a loop repeated forever passes the same
    /// point in the same state again, a few rounds later).
    pub fn offered_state_hash(&mut self) -> Option<u64> {
        if !self.options.hash_states || !self.looped {
            return None;
        }
        let heap = self.heap_objects() as u64;
        let due = heap / HEAP_OBJECTS_PER_INSTRUCTION * (heap / BIG_HEAP).max(1);
        if self.work < due {
            return None;
        }
        self.work = 0;
        Some(self.compute_state_hash())
    }

    /// The canonical hash of the state (see the module documentation).
    pub fn compute_state_hash(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        let mut canon = Canon {
            index: vec![UNSEEN; self.heap.len()],
            next: 0,
            queue: std::collections::VecDeque::new(),
        };
        self.now.hash(&mut h);
        self.rng.get_word_pos().hash(&mut h);
        self.threads.len().hash(&mut h);
        for t in &self.threads {
            t.finished.hash(&mut h);
            hash_pending(&t.pending, &mut canon, &mut h);
            t.frames.len().hash(&mut h);
            for f in &t.frames {
                canon.frame(f, &mut h);
            }
            canon.values(t.handling.iter(), &mut h);
            if let Some(obj) = t.obj {
                canon.id(obj, &mut h);
            }
            t.held_locks.len().hash(&mut h);
            for l in &t.held_locks {
                canon.id(*l, &mut h);
            }
            t.timed_out.hash(&mut h);
            // The work a timed wait has counted brings its wake nearer (`worktime.rs`): a
            // thread spinning while another sleeps is not in a cycle.
            t.timed_wait.as_ref().map(|w| w.others).hash(&mut h);
            t.pending_writes.hash(&mut h);
        }
        canon.id(self.main_module, &mut h);
        for (name, module) in &self.modules {
            name.hash(&mut h);
            canon.value(module, &mut h);
        }
        while let Some(id) = canon.queue.pop_front() {
            canon.object(&self.heap[id as usize].obj, &mut h);
        }
        h.finish()
    }
}

fn hash_pending<H: Hasher>(p: &Pending, canon: &mut Canon, h: &mut H) {
    std::mem::discriminant(p).hash(h);
    match p {
        Pending::Nothing | Pending::Exit(_) => {}
        // The location follows from the frames (it names objects by their keys, left out).
        Pending::Op(op) => (op.access, op.location.is_some()).hash(h),
        Pending::Acquire { lock, deadline, .. } => {
            canon.id(*lock, h);
            deadline.hash(h);
        }
        Pending::Join {
            thread, deadline, ..
        } => {
            thread.hash(h);
            deadline.hash(h);
        }
        Pending::Sleep { until } => until.hash(h),
    }
}
