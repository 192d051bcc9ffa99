//! A hash of the machine state that matters for the future of an execution: the heap, each
//! thread's frames (code, pc, value stack, locals, blocks), what each thread waits for, and
//! virtual time. Output, the trace, vector clocks and step counters are left out, so a spin loop
//! that goes round without changing anything hashes to the same value each time round: a cycle
//! the explorer can prune (CHESS's fair stateless model checking, Musuvathi & Qadeer, PLDI 2008)
//! or report as a livelock.

use crate::value::*;
use crate::vm::*;
use std::hash::{Hash, Hasher};

impl Machine {
    pub fn compute_state_hash(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        self.now.hash(&mut h);
        self.heap.len().hash(&mut h);
        for obj in &self.heap {
            obj.key.hash(&mut h);
            hash_obj(&obj.obj, &mut h);
        }
        for t in &self.threads {
            t.finished.hash(&mut h);
            hash_pending(&t.pending, &mut h);
            t.frames.len().hash(&mut h);
            for f in &t.frames {
                std::sync::Arc::as_ptr(&f.code).hash(&mut h);
                f.pc.hash(&mut h);
                f.blocks.len().hash(&mut h);
                for v in f.stack.iter().chain(&f.locals) {
                    hash_value(v, &mut h);
                }
                f.cells.hash(&mut h);
            }
            t.handling.len().hash(&mut h);
            t.held_locks.hash(&mut h);
        }
        h.finish()
    }
}

fn hash_pending<H: Hasher>(p: &Pending, h: &mut H) {
    match p {
        Pending::Nothing => 0u8.hash(h),
        Pending::Op(op) => {
            1u8.hash(h);
            op.hash(h);
        }
        Pending::Acquire { lock, deadline, .. } => {
            2u8.hash(h);
            lock.hash(h);
            deadline.hash(h);
        }
        Pending::Join {
            thread, deadline, ..
        } => {
            3u8.hash(h);
            thread.hash(h);
            deadline.hash(h);
        }
        Pending::Sleep { until } => {
            4u8.hash(h);
            until.hash(h);
        }
        Pending::Exit(_) => 5u8.hash(h),
    }
}

pub fn hash_value<H: Hasher>(v: &Value, h: &mut H) {
    std::mem::discriminant(v).hash(h);
    match v {
        Value::Bool(b) => b.hash(h),
        Value::Int(i) => i.hash(h),
        Value::Big(b) => b.to_string().hash(h),
        Value::Float(f) => f.to_bits().hash(h),
        Value::Str(s) => s.hash(h),
        Value::Tuple(t) => {
            for x in t.iter() {
                hash_value(x, h);
            }
        }
        Value::Type(t) => t.hash(h),
        Value::Builtin(n) => n.hash(h),
        Value::MethodName(n) => n.hash(h),
        Value::Obj(id) => id.hash(h),
        Value::Code(c) => std::sync::Arc::as_ptr(c).hash(h),
        _ => {}
    }
}

fn hash_obj<H: Hasher>(o: &Obj, h: &mut H) {
    std::mem::discriminant(o).hash(h);
    match o {
        Obj::List(l) => {
            for v in l {
                hash_value(v, h);
            }
        }
        Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => {
            for (k, v) in d {
                hash_value(&k.0, h);
                hash_value(v, h);
            }
        }
        Obj::Set(s) | Obj::FrozenSet(s) => {
            for k in s {
                hash_value(&k.0, h);
            }
        }
        Obj::Deque { items, .. } => {
            for v in items {
                hash_value(v, h);
            }
        }
        Obj::Instance(i) => {
            hash_value(&i.class, h);
            for (k, v) in &i.dict {
                k.hash(h);
                hash_value(v, h);
            }
        }
        Obj::Class(c) => {
            for (k, v) in &c.dict {
                k.hash(h);
                hash_value(v, h);
            }
        }
        Obj::Cell(v) => hash_value(v, h),
        Obj::DictView { source, kind } => {
            source.hash(h);
            kind.hash(h);
        }
        Obj::Module { dict, .. } => {
            for (k, v) in dict {
                k.hash(h);
                hash_value(v, h);
            }
        }
        Obj::Lock(l) => {
            l.state.owner.hash(h);
            l.state.count.hash(h);
        }
        Obj::Iter(it) => match &**it {
            Iter::Seq { index, .. }
            | Iter::Keys { index, .. }
            | Iter::Items { index, .. }
            | Iter::Reversed { index, .. } => index.hash(h),
            Iter::Range { next, .. } => next.hash(h),
            Iter::Count { next, .. } => hash_value(next, h),
            _ => {}
        },
        Obj::Generator(g) => {
            g.running.hash(h);
            if let Some(f) = &g.frame {
                f.pc.hash(h);
                for v in f.stack.iter().chain(&f.locals) {
                    hash_value(v, h);
                }
            }
        }
        _ => {}
    }
}
