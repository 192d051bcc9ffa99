//! Which instructions are visible operations (scheduling points), and what they touch.
//!
//! Visible in user code: reads and writes of globals, of closure cells, of attributes of heap
//! objects, of container elements; one call of a container method (one atomic step, as under the
//! GIL); `print`; and every native synchronisation call (lock acquire/release, thread start/join,
//! `time.sleep`). Prelude code (threading, queue, concurrent.futures written in Python on top of
//! native locks) is internal: its memory accesses are protected by its own locks, so only its lock
//! and thread operations are scheduling points, and it is never reported as racing.

use crate::code::{CmpOp, Instr, UnOp};
use crate::ops::int_of;
use crate::threads::{thread_location, STDERR_LOCATION, STDOUT_LOCATION, THREADS_LOCATION};
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use weft_core::{Location, Operation, VirtualTime};

/// How a visible memory access names its location, resolved to text only for reports.
#[derive(Clone, Debug)]
pub enum NameHint {
    Global(Arc<str>),
    Attr(Value, Arc<str>),
    Element(Value, Value),
    Cell(Arc<str>),
    Container(Value),
}

#[derive(Clone, Debug)]
pub struct Access {
    pub location: Location,
    pub write: bool,
    pub hint: NameHint,
    /// A call of a builtin container method or function (atomic under the GIL and in
    /// free-threaded CPython): two such calls never race with each other.
    pub call: bool,
    /// The method called, for traces (`items.append`).
    pub method: Option<Arc<str>>,
    /// A second container the same atomic step reads (`print(lst)`, `a == b`, `a.extend(b)`).
    pub also_reads: Option<(Location, NameHint)>,
    /// What the race detector checks, when it is narrower than `location`.
    pub shape: RaceShape,
}

/// What of a container an access touches as far as data races go, when that is less than the
/// location the scheduler orders it by. The scheduler must order a dict store that adds a key
/// with every access of the dict (the insertion order shows in iteration), and it keeps `len()`
/// a read of the whole container; a data race, though, is two accesses to the same element
/// (DESIGN.md: a container element is a location), and the container's shape (its length, its
/// keys and their order) is one more location, which builtin operations change atomically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RaceShape {
    /// The access's location as it is.
    Location,
    /// Only the container's shape: `len(lst)` and `if lst:` read no element, so a store to an
    /// element does not race with them.
    Size,
    /// A store or deletion of one dict key (the element part given): a write of that element
    /// (atomic when the access is a builtin call: `setdefault`, `pop`), and an atomic change of
    /// the dict's shape. So stores of different keys do not race with each other, while an
    /// iteration of the dict races with both.
    KeyStore(u64),
}

/// The part of a container's location that stands for its shape (see [`RaceShape`]).
pub fn shape_part() -> u64 {
    name_hash("<shape>")
}

impl Access {
    fn memory(location: Location, write: bool, hint: NameHint) -> Access {
        Access {
            location,
            write,
            hint,
            call: false,
            method: None,
            also_reads: None,
            shape: RaceShape::Location,
        }
    }

    /// The operation the scheduler sees for this access.
    fn operation(&self) -> Operation {
        let op = if self.write {
            Operation::write(self.location)
        } else {
            Operation::read(self.location)
        };
        op.reading_also(self.also_reads.as_ref().map(|(l, _)| *l))
    }
}

pub struct Classified {
    pub pending: Pending,
    pub access: Option<Access>,
    pub what: &'static str,
}

/// Calls (and `with` entry and exit, which call): the instructions that may synchronise.
fn is_call(i: &Instr) -> bool {
    matches!(
        i,
        Instr::Call(_)
            | Instr::CallKw(..)
            | Instr::CallMethod(_)
            | Instr::CallEx(_)
            | Instr::WithEnter
            | Instr::WithExit
            | Instr::WithExitExc
    )
}

/// Instructions whose only possible visible operation is a memory access.
pub fn is_memory_access(i: &Instr) -> bool {
    may_be_visible(i) && !is_call(i)
}

/// An access of a global, a module-level name or a closure cell.
pub fn is_name_access(i: &Instr) -> bool {
    matches!(
        i,
        Instr::LoadGlobal(_)
            | Instr::StoreGlobal(_)
            | Instr::DeleteGlobal(_)
            | Instr::LoadName(_)
            | Instr::StoreName(_)
            | Instr::DeleteName(_)
            | Instr::LoadDeref(_)
            | Instr::StoreDeref(_)
    )
}

pub fn may_be_visible(i: &Instr) -> bool {
    is_name_access(i)
        || matches!(
            i,
            Instr::LoadAttr(_)
                | Instr::LoadMethod(_)
                | Instr::StoreAttr(_)
                | Instr::DeleteAttr(_)
                | Instr::Subscr
                | Instr::StoreSubscr
                | Instr::DeleteSubscr
                | Instr::ForIter(_)
                | Instr::Compare(_)
                | Instr::JumpIfFalse(_)
                | Instr::JumpIfTrue(_)
                | Instr::JumpIfFalseOrPop(_)
                | Instr::JumpIfTrueOrPop(_)
                | Instr::Unary(UnOp::Not)
                | Instr::Call(_)
                | Instr::CallKw(..)
                | Instr::CallMethod(_)
                | Instr::CallEx(_)
                | Instr::WithEnter
                | Instr::WithExit
                | Instr::WithExitExc
        )
}

pub fn name_hash(name: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    name.hash(&mut h);
    h.finish()
}

/// Builtin functions that read a container they are given (`len(lst)`): an atomic call.
const BUILTIN_READERS: &[&str] = &[
    "len",
    "sorted",
    "list",
    "tuple",
    "sum",
    "min",
    "max",
    "any",
    "all",
    "repr",
    "str",
    "bool",
    "set",
    "frozenset",
    "dict",
    "deque",
    "Counter",
    "enumerate",
    "zip",
    "reversed",
    "iter",
    "format",
    "hash",
];

const MUTATING_METHODS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "sort",
    "reverse",
    "clear",
    "setdefault",
    "popitem",
    "update",
    "add",
    "discard",
    "appendleft",
    "popleft",
    "extendleft",
    "rotate",
    "intersection_update",
    "difference_update",
];

impl Machine {
    /// The pending operation for `instr` in the current thread, or None when it is invisible.
    pub fn classify(&self, instr: &Instr, internal: bool) -> Option<Pending> {
        self.classify_full(instr, internal).map(|c| c.pending)
    }

    pub fn classify_full(&self, instr: &Instr, internal: bool) -> Option<Classified> {
        let t = self.current;
        let f = self.frame(t);
        let mem = |loc: Location, write: bool, hint: NameHint, what: &'static str| {
            let access = Access::memory(loc, write, hint);
            Some(Classified {
                pending: Pending::Op(access.operation()),
                access: Some(access),
                what,
            })
        };
        if is_call(instr) {
            return self.classify_call(instr, internal);
        }
        if internal {
            return None;
        }
        // A library prelude (dataclasses, functools) touches the user's objects visibly, but its own
        // module's names are nobody else's business.
        let own_names = !self.prog.is_user_code(&f.code);
        match instr {
            _ if own_names && is_name_access(instr) => None,
            Instr::LoadGlobal(n) | Instr::StoreGlobal(n) | Instr::DeleteGlobal(n) => {
                let name = f.code.names[*n as usize].clone();
                if matches!(instr, Instr::LoadGlobal(_)) && !self.prog.global_may_change(&name) {
                    return None;
                }
                let loc = Location::part(self.key_of(f.globals), name_hash(&name));
                let write = !matches!(instr, Instr::LoadGlobal(_));
                mem(
                    loc,
                    write,
                    NameHint::Global(name),
                    if write { "write" } else { "read" },
                )
            }
            Instr::LoadName(n) | Instr::StoreName(n) | Instr::DeleteName(n)
                if f.namespace.is_none() =>
            {
                let name = f.code.names[*n as usize].clone();
                let loc = Location::part(self.key_of(f.globals), name_hash(&name));
                let write = !matches!(instr, Instr::LoadName(_));
                mem(
                    loc,
                    write,
                    NameHint::Global(name),
                    if write { "write" } else { "read" },
                )
            }
            Instr::LoadDeref(i) | Instr::StoreDeref(i) => {
                let cell = *f.cells.get(*i as usize)?;
                let code = &f.code;
                let i = *i as usize;
                let name = if i < code.cellvars.len() {
                    code.cellvars[i].clone()
                } else {
                    code.freevars.get(i - code.cellvars.len())?.clone()
                };
                mem(
                    Location::whole(self.key_of(cell)),
                    matches!(instr, Instr::StoreDeref(_)),
                    NameHint::Cell(name),
                    if matches!(instr, Instr::StoreDeref(_)) {
                        "write"
                    } else {
                        "read"
                    },
                )
            }
            Instr::LoadAttr(n) | Instr::LoadMethod(n) => {
                let obj = f.stack.last()?;
                let name = f.code.names[*n as usize].clone();
                if !self.prog.attr_may_change(&name) {
                    return None;
                }
                let id = self.shared_attr_owner(obj)?;
                mem(
                    Location::part(self.key_of(id), name_hash(&name)),
                    false,
                    NameHint::Attr(obj.clone(), name),
                    "read",
                )
            }
            Instr::StoreAttr(n) | Instr::DeleteAttr(n) => {
                let obj = f.stack.last()?;
                let id = self.shared_attr_owner(obj)?;
                let name = f.code.names[*n as usize].clone();
                mem(
                    Location::part(self.key_of(id), name_hash(&name)),
                    true,
                    NameHint::Attr(obj.clone(), name),
                    "write",
                )
            }
            Instr::Subscr | Instr::StoreSubscr | Instr::DeleteSubscr => {
                let s = &f.stack;
                let key = s.last()?;
                let container = s.get(s.len().checked_sub(2)?)?;
                let id = self.container_id(container)?;
                // A store that adds a key, and any deletion, changes the container's structure
                // (its order, its indices): that is a write of the whole container.
                let part = match instr {
                    Instr::Subscr => self.element_part(id, key),
                    Instr::StoreSubscr if self.adds_key(id, key) => None,
                    Instr::StoreSubscr => self.element_part(id, key),
                    _ => None,
                };
                let loc = match part {
                    Some(p) => Location::part(self.key_of(id), p),
                    None => Location::whole(self.key_of(id)),
                };
                let write = !matches!(instr, Instr::Subscr);
                let mut access = Access::memory(
                    loc,
                    write,
                    NameHint::Element(container.clone(), key.clone()),
                );
                if write && part.is_none() && self.is_dict(id) {
                    if let Some(p) = self.element_part(id, key) {
                        access.shape = RaceShape::KeyStore(p);
                    }
                }
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: if write { "write" } else { "read" },
                })
            }
            Instr::ForIter(_) => {
                let it = f.stack.last()?;
                let Value::Obj(iid) = it else { return None };
                let source = match self.obj(*iid) {
                    Obj::Iter(state) => match &**state {
                        Iter::Seq {
                            seq: Value::Obj(s), ..
                        } => Some(*s),
                        Iter::Keys { source, .. } | Iter::Items { source, .. } => Some(*source),
                        _ => None,
                    },
                    _ => None,
                }?;
                self.container_id(&Value::Obj(source))?;
                mem(
                    Location::whole(self.key_of(source)),
                    false,
                    NameHint::Container(Value::Obj(source)),
                    "iterate",
                )
            }
            Instr::Compare(CmpOp::In | CmpOp::NotIn) => {
                let container = f.stack.last()?;
                let id = self.container_id(container)?;
                let key = f.stack.get(f.stack.len().checked_sub(2)?)?;
                // `k in d` reads one key of a dict; anything else reads the whole container.
                let part = if self.is_dict(id) {
                    self.element_part(id, key)
                } else {
                    None
                };
                match part {
                    Some(p) => mem(
                        Location::part(self.key_of(id), p),
                        false,
                        NameHint::Element(container.clone(), key.clone()),
                        "read",
                    ),
                    None => mem(
                        Location::whole(self.key_of(id)),
                        false,
                        NameHint::Container(container.clone()),
                        "read",
                    ),
                }
            }
            Instr::Compare(_) => {
                // Comparing containers reads them (both, atomically).
                let n = f.stack.len();
                let (a, b) = (f.stack.get(n.checked_sub(2)?)?, &f.stack[n - 1]);
                let (first, second) = match (self.container_id(a), self.container_id(b)) {
                    (Some(x), y) => ((x, a), y.map(|y| (y, b))),
                    (None, Some(y)) => ((y, b), None),
                    (None, None) => return None,
                };
                let mut access = Access::memory(
                    Location::whole(self.key_of(first.0)),
                    false,
                    NameHint::Container(first.1.clone()),
                );
                access.also_reads = second.filter(|(y, _)| *y != first.0).map(|(y, v)| {
                    (
                        Location::whole(self.key_of(y)),
                        NameHint::Container(v.clone()),
                    )
                });
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: "read",
                })
            }
            Instr::JumpIfFalse(_)
            | Instr::JumpIfTrue(_)
            | Instr::JumpIfFalseOrPop(_)
            | Instr::JumpIfTrueOrPop(_)
            | Instr::Unary(UnOp::Not) => {
                // The truth value of a container is its length.
                let v = f.stack.last()?;
                let id = self.container_id(v)?;
                let mut access = Access::memory(
                    Location::whole(self.key_of(id)),
                    false,
                    NameHint::Container(v.clone()),
                );
                access.shape = RaceShape::Size;
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: "read",
                })
            }
            _ => None,
        }
    }

    /// Heap objects whose attributes are shared state (instances, classes, functions).
    fn shared_attr_owner(&self, v: &Value) -> Option<ObjId> {
        let Value::Obj(id) = v else { return None };
        match self.obj(*id) {
            // A `threading.local`'s attributes are each thread's own.
            Obj::Instance(i) if self.is_thread_local_class(&i.class) => None,
            Obj::Instance(_) | Obj::Class(_) | Obj::Function(_) => Some(*id),
            _ => None,
        }
    }

    /// Whether `class` is `threading.local` or a subclass of it.
    fn is_thread_local_class(&self, class: &Value) -> bool {
        let Value::Obj(cid) = class else { return false };
        let Obj::Class(c) = self.obj(*cid) else {
            return false;
        };
        c.mro.iter().any(|k| match k {
            Value::Obj(k) => matches!(self.obj(*k), Obj::Class(k)
                if &*k.name == "local" && &*k.module == "threading"),
            _ => false,
        })
    }

    fn container_id(&self, v: &Value) -> Option<ObjId> {
        let Value::Obj(id) = v else { return None };
        match self.obj(*id) {
            Obj::List(_)
            | Obj::Dict(_)
            | Obj::DefaultDict { .. }
            | Obj::Counter(_)
            | Obj::Set(_)
            | Obj::Deque { .. } => Some(*id),
            // A view reads its dict.
            Obj::DictView { source, .. } => Some(*source),
            _ => None,
        }
    }

    fn is_dict(&self, id: ObjId) -> bool {
        matches!(
            self.obj(id),
            Obj::Dict(_) | Obj::DefaultDict { .. } | Obj::Counter(_)
        )
    }

    fn element_part(&self, container: ObjId, key: &Value) -> Option<u64> {
        match self.obj(container) {
            // A negative index names an element by the list's length, which other threads change
            // (`lst[-1]` before and after an append): it accesses the whole list. (The scheduler
            // needs a thread's next operation not to depend on what other threads do.)
            Obj::List(_) => {
                let i = int_of(key)?;
                (i >= 0).then_some(i as u64)
            }
            Obj::Deque { .. } => None,
            Obj::Dict(_) | Obj::DefaultDict { .. } | Obj::Counter(_) => {
                if let Value::Obj(k) = key {
                    if matches!(self.obj(*k), Obj::Slice(..)) {
                        return None;
                    }
                }
                Some(self.location_hash(key) as u64)
            }
            _ => None,
        }
    }

    fn classify_call(&self, instr: &Instr, internal: bool) -> Option<Classified> {
        let f = self.frame(self.current);
        let s = &f.stack;
        let n = s.len();
        let (callee, receiver, args): (Value, Option<Value>, Vec<Value>) = match instr {
            Instr::Call(argc) => {
                let a = *argc as usize;
                (s[n - 1 - a].clone(), None, s[n - a..].to_vec())
            }
            Instr::CallKw(argc, _) => {
                let a = *argc as usize;
                (s[n - 1 - a].clone(), None, s[n - a..].to_vec())
            }
            Instr::CallMethod(argc) => {
                let a = *argc as usize;
                let method = s[n - 2 - a].clone();
                let recv = s[n - 1 - a].clone();
                match method {
                    Value::Undef => (recv, None, s[n - a..].to_vec()),
                    m => (m, Some(recv), s[n - a..].to_vec()),
                }
            }
            Instr::CallEx(has_kw) => {
                let d = if *has_kw { 2 } else { 1 };
                let args = match &s[n - d] {
                    Value::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                };
                (s[n - 1 - d].clone(), None, args)
            }
            Instr::WithEnter => {
                let ctx = s.last()?;
                return self.classify_lock_call(ctx, "acquire", &[], internal);
            }
            Instr::WithExit => {
                let ctx = s.last()?;
                return self.classify_lock_call(ctx, "release", &[], internal);
            }
            Instr::WithExitExc => {
                let ctx = s.get(n - 2)?;
                return self.classify_lock_call(ctx, "release", &[], internal);
            }
            _ => return None,
        };
        // Resolve bound builtin methods.
        let (method_name, receiver): (Option<Arc<str>>, Option<Value>) = match (&callee, receiver) {
            (Value::MethodName(id), Some(r)) => (Some(f.code.names[*id as usize].clone()), Some(r)),
            (Value::Obj(id), None) => match self.obj(*id) {
                Obj::BoundMethod {
                    receiver,
                    func: Value::Str(name),
                } => (Some(name.clone()), Some(receiver.clone())),
                _ => (None, None),
            },
            _ => (None, None),
        };
        if let (Some(name), Some(recv)) = (&method_name, &receiver) {
            if let Value::Obj(rid) = recv {
                if matches!(self.obj(*rid), Obj::Lock(_)) {
                    // Keyword arguments (`acquire(timeout=1)`) count as much as positional ones.
                    let mut positional = args;
                    let mut kwargs: Vec<(Arc<str>, Value)> = Vec::new();
                    match instr {
                        Instr::CallKw(_, names) => {
                            if let Value::Tuple(kw) = &f.code.consts[*names as usize] {
                                let split = positional.len().saturating_sub(kw.len());
                                let values = positional.split_off(split);
                                for (k, v) in kw.iter().zip(values) {
                                    if let Value::Str(k) = k {
                                        kwargs.push((k.clone(), v));
                                    }
                                }
                            }
                        }
                        Instr::CallEx(true) => {
                            if let Value::Obj(d) = &s[n - 1] {
                                if let Obj::Dict(d) = self.obj(*d) {
                                    for (k, v) in d.iter() {
                                        if let Value::Str(k) = &k.0 {
                                            kwargs.push((k.clone(), v.clone()));
                                        }
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                    return self.classify_lock_call_kw(recv, name, &positional, &kwargs, internal);
                }
                if !internal {
                    if let Some(id) = self.container_id(recv) {
                        let access = self.container_call(id, recv, name, &args);
                        return Some(Classified {
                            pending: Pending::Op(access.operation()),
                            access: Some(access),
                            what: "call",
                        });
                    }
                }
            }
            return None;
        }
        let name = match callee {
            Value::Builtin(name) => name,
            // Constructors that copy a container read it: `list(d)`, `dict(d)`, `set(lst)`.
            Value::Type(ty) if !internal => match ty {
                Ty::List
                | Ty::Tuple
                | Ty::Dict
                | Ty::Set
                | Ty::FrozenSet
                | Ty::Deque
                | Ty::Counter
                | Ty::Str
                | Ty::Bool => ty.name(),
                _ => return None,
            },
            _ => return None,
        };
        let now = self.now;
        match name {
            "print" => {
                let to_err = match instr {
                    Instr::CallKw(argc, names) => {
                        let Value::Tuple(kw) = &f.code.consts[*names as usize] else {
                            return None;
                        };
                        let a = *argc as usize;
                        let values = &s[n - a..];
                        let nk = kw.len();
                        kw.iter().enumerate().any(|(i, k)| {
                            matches!(k, Value::Str(k) if &**k == "file")
                                && self.is_stderr(&values[a - nk + i])
                        })
                    }
                    _ => false,
                };
                let loc = Location::whole(if to_err {
                    STDERR_LOCATION
                } else {
                    STDOUT_LOCATION
                });
                // Printing a container reads it in the same step (the first one printed).
                let access = (!internal)
                    .then(|| {
                        args.iter().find_map(|a| {
                            let id = self.container_id(a)?;
                            let mut access = Access::memory(
                                Location::whole(self.key_of(id)),
                                false,
                                NameHint::Container(a.clone()),
                            );
                            access.call = true;
                            Some(access)
                        })
                    })
                    .flatten();
                let op = Operation::write(loc).reading_also(access.as_ref().map(|a| a.location));
                Some(Classified {
                    pending: Pending::Op(op),
                    access,
                    what: "print",
                })
            }
            "sys.stdout.write" | "sys.stderr.write" => {
                // The same visible operation as `print` to that stream.
                let loc = Location::whole(if name == "sys.stderr.write" {
                    STDERR_LOCATION
                } else {
                    STDOUT_LOCATION
                });
                Some(Classified {
                    pending: Pending::Op(Operation::write(loc)),
                    access: None,
                    what: "print",
                })
            }
            "time.sleep" => {
                let secs = args
                    .first()
                    .and_then(crate::num::int_to_f64_checked)
                    .unwrap_or(0.0);
                if secs.is_nan() || secs < 0.0 {
                    return Some(Classified {
                        pending: Pending::Op(Operation::LOCAL),
                        access: None,
                        what: "sleep",
                    });
                }
                Some(Classified {
                    pending: Pending::Sleep {
                        until: now.after_seconds(secs),
                    },
                    access: None,
                    what: "sleep",
                })
            }
            "_weft.start" => {
                let loc = thread_location(self.threads.len());
                Some(Classified {
                    pending: Pending::Op(Operation::write(loc)),
                    access: None,
                    what: "start",
                })
            }
            "_weft.join" => {
                let target = self.thread_index_of(args.first()?)?;
                if target == self.current {
                    return None;
                }
                let deadline =
                    match args.get(1) {
                        None | Some(Value::None) => None,
                        Some(v) => Some(now.after_seconds(
                            crate::num::int_to_f64_checked(v).unwrap_or(0.0).max(0.0),
                        )),
                    };
                let op = Operation::read(thread_location(target));
                Some(Classified {
                    pending: Pending::Join {
                        thread: target,
                        deadline,
                        op,
                    },
                    access: None,
                    what: "join",
                })
            }
            "_weft.is_alive" => {
                let target = self.thread_index_of(args.first()?)?;
                Some(Classified {
                    pending: Pending::Op(Operation::read(thread_location(target))),
                    access: None,
                    what: "is_alive",
                })
            }
            // Starting and ending threads change the set `threading.enumerate()` reads. They
            // commute with each other (the set is the same in either order), so they are
            // *reads* of it, and the rare observer is the *write*: DPOR then orders each start
            // and end with the observers only, not with each other.
            "_weft.threads_changed" | "_weft.observe_threads" => {
                let loc = Location::whole(THREADS_LOCATION);
                Some(Classified {
                    pending: Pending::Op(if name == "_weft.observe_threads" {
                        Operation::write(loc)
                    } else {
                        Operation::read(loc)
                    }),
                    access: None,
                    what: "sync",
                })
            }
            "_weft.hb_acquire" | "_weft.hb_release" => {
                let Value::Obj(id) = args.first()? else {
                    return None;
                };
                let loc = Location::part(self.key_of(*id), name_hash("<sync>"));
                let op = if name == "_weft.hb_release" {
                    Operation::write(loc)
                } else {
                    Operation::read(loc)
                };
                Some(Classified {
                    pending: Pending::Op(op),
                    access: None,
                    what: "sync",
                })
            }
            // `getattr(obj, "x")` and friends access the attribute as `obj.x` does.
            "getattr" | "hasattr" | "setattr" | "delattr" if !internal => {
                let obj = args.first()?;
                let Some(Value::Str(attr)) = args.get(1) else {
                    return None;
                };
                let write = matches!(name, "setattr" | "delattr");
                if !write && !self.prog.attr_may_change(attr) {
                    return None;
                }
                let id = self.shared_attr_owner(obj)?;
                let access = Access::memory(
                    Location::part(self.key_of(id), name_hash(attr)),
                    write,
                    NameHint::Attr(obj.clone(), attr.clone()),
                );
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: if write { "write" } else { "read" },
                })
            }
            _ if BUILTIN_READERS.contains(&name) && !internal => {
                let id = self.container_id(args.first()?)?;
                let mut access = Access::memory(
                    Location::whole(self.key_of(id)),
                    false,
                    NameHint::Container(args[0].clone()),
                );
                access.call = true;
                access.method = Some(Arc::from(name));
                if matches!(name, "len" | "bool") {
                    access.shape = RaceShape::Size;
                }
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: "call",
                })
            }
            _ => None,
        }
    }

    /// A builtin method call on a container: one atomic step that reads or writes it, and also
    /// reads a second container it takes (`a.extend(b)`, `d.update(e)`). A dict's `get` reads
    /// one key, present or not; `setdefault` of a present key touches that key only; a
    /// `setdefault` that may add its key, and a `pop`, change the dict's keys, so the scheduler
    /// orders them with every access of the dict, while as data races they touch that key and
    /// the dict's shape (`RaceShape::KeyStore`).
    fn container_call(&self, id: ObjId, recv: &Value, name: &Arc<str>, args: &[Value]) -> Access {
        let write = MUTATING_METHODS.contains(&&**name);
        let keyed = self.is_dict(id) && matches!(&**name, "get" | "setdefault" | "pop");
        let key = args.first().filter(|_| keyed);
        let part = key.and_then(|k| self.element_part(id, k));
        let (location, shape) = match (part, key) {
            (Some(p), Some(k))
                if &**name == "get" || (&**name == "setdefault" && !self.adds_key(id, k)) =>
            {
                (Location::part(self.key_of(id), p), RaceShape::Location)
            }
            (Some(p), _) => (Location::whole(self.key_of(id)), RaceShape::KeyStore(p)),
            _ => (Location::whole(self.key_of(id)), RaceShape::Location),
        };
        let hint = match key {
            Some(k) if part.is_some() => NameHint::Element(recv.clone(), k.clone()),
            _ => NameHint::Container(recv.clone()),
        };
        let also_reads = args
            .first()
            .and_then(|a| Some((self.container_id(a)?, a)))
            .filter(|(other, _)| *other != id && !keyed)
            .map(|(other, a)| {
                (
                    Location::whole(self.key_of(other)),
                    NameHint::Container(a.clone()),
                )
            });
        Access {
            location,
            write,
            hint,
            call: true,
            method: Some(name.clone()),
            also_reads,
            shape,
        }
    }

    /// Whether storing `key` into container `id` adds a key (a dict without it, or a key whose
    /// equality needs the machine: then it is treated as new, the sound choice).
    fn adds_key(&self, id: ObjId, key: &Value) -> bool {
        let d = match self.obj(id) {
            Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => d,
            _ => return false,
        };
        if !is_plain_key(key) {
            return true;
        }
        !d.contains_key(&Key::with_hash(key.clone(), crate::value::key_hash(key)))
    }

    fn classify_lock_call(
        &self,
        lock: &Value,
        method: &str,
        args: &[Value],
        internal: bool,
    ) -> Option<Classified> {
        self.classify_lock_call_kw(lock, method, args, &[], internal)
    }

    /// `acquire(blocking, timeout)` arguments as the scheduler sees them: whether and until when the
    /// call may wait. Arguments the native acquire rejects (a `None` or negative timeout, a timeout
    /// with `blocking=False`) never wait, so the error is raised at once.
    fn acquire_deadline(
        &self,
        args: &[Value],
        kwargs: &[(Arc<str>, Value)],
    ) -> Option<VirtualTime> {
        let mut blocking = args.first();
        let mut timeout = args.get(1);
        for (k, v) in kwargs {
            match &**k {
                "blocking" => blocking = Some(v),
                "timeout" => timeout = Some(v),
                _ => return Some(self.now),
            }
        }
        let blocking = match blocking {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(Value::Int(i)) => *i != 0,
            Some(Value::Float(f)) => *f != 0.0,
            Some(Value::None) => false,
            Some(_) => true,
        };
        let timeout = match timeout {
            None => -1.0,
            Some(v) => match crate::num::int_to_f64_checked(v) {
                Some(t) if !t.is_nan() => t,
                _ => return Some(self.now),
            },
        };
        if !blocking || (timeout < 0.0 && timeout != -1.0) {
            Some(self.now)
        } else if timeout >= 0.0 {
            Some(self.now.after_seconds(timeout))
        } else {
            None
        }
    }

    fn classify_lock_call_kw(
        &self,
        lock: &Value,
        method: &str,
        args: &[Value],
        kwargs: &[(Arc<str>, Value)],
        _internal: bool,
    ) -> Option<Classified> {
        let Value::Obj(id) = lock else { return None };
        if !matches!(self.obj(*id), Obj::Lock(_)) {
            return None;
        }
        let loc = Location::whole(self.key_of(*id));
        let op = Operation::write(loc);
        match method {
            "acquire" | "acquire_lock" | "__enter__" | "_acquire_restore" => {
                let deadline = if method == "_acquire_restore" {
                    None
                } else {
                    self.acquire_deadline(args, kwargs)
                };
                Some(Classified {
                    pending: Pending::Acquire {
                        lock: *id,
                        deadline,
                        op,
                    },
                    access: None,
                    what: "acquire",
                })
            }
            "locked" | "locked_lock" | "_is_owned" | "_recursion_count" => Some(Classified {
                pending: Pending::Op(Operation::read(loc)),
                access: None,
                what: "inspect",
            }),
            _ => Some(Classified {
                pending: Pending::Op(op),
                access: None,
                what: "release",
            }),
        }
    }

    /// A lock operation as the trace shows it, naming the lock (`acquire forks[0]`, as the
    /// lock-order graph names it) so that a reader, and the HTML timeline's hold bars, can pair
    /// each acquire with its release; other operations (and the prelude's internal locks) keep
    /// their bare name.
    fn traced_lock_operation(&self, instr: &Instr, what: &str) -> String {
        if !matches!(what, "acquire" | "release") {
            return what.to_string();
        }
        match self.called_lock(instr) {
            Some(id) if !self.is_internal_lock(id) => format!("{what} {}", self.lock_name(id)),
            _ => what.to_string(),
        }
    }

    /// The lock whose method `instr` (a call, or a `with` entry or exit) is about to call, read
    /// off the stack as `classify_call` reads it.
    fn called_lock(&self, instr: &Instr) -> Option<ObjId> {
        let s = &self.frame(self.current).stack;
        let n = s.len();
        let target = match instr {
            Instr::WithEnter | Instr::WithExit => s.last()?.clone(),
            Instr::WithExitExc => s.get(n.checked_sub(2)?)?.clone(),
            Instr::CallMethod(argc) => {
                let a = *argc as usize;
                match s.get(n.checked_sub(2 + a)?)? {
                    Value::Undef => s.get(n - 1 - a)?.clone(),
                    _ => return self.lock_of(s.get(n - 1 - a)?),
                }
            }
            Instr::Call(argc) | Instr::CallKw(argc, _) => {
                s.get(n.checked_sub(1 + *argc as usize)?)?.clone()
            }
            Instr::CallEx(has_kw) => s.get(n.checked_sub(if *has_kw { 3 } else { 2 })?)?.clone(),
            _ => return None,
        };
        match &target {
            Value::Obj(id) => match self.obj(*id) {
                Obj::BoundMethod { receiver, .. } => self.lock_of(receiver),
                Obj::Lock(_) => Some(*id),
                _ => None,
            },
            _ => None,
        }
    }

    fn lock_of(&self, v: &Value) -> Option<ObjId> {
        match v {
            Value::Obj(id) if matches!(self.obj(*id), Obj::Lock(_)) => Some(*id),
            _ => None,
        }
    }

    /// A synchronisation step inside the prelude, shown at the user's call site with the
    /// primitive's method: `Thread.start: start`, `Condition.wait: acquire`.
    fn trace_internal(&mut self, t: usize, instr: &Instr) {
        let Some(c) = self.classify_full(instr, true) else {
            return;
        };
        // Named by the API the user called (`Condition.wait`), not by the helper it runs in.
        let qualname = self.threads[t]
            .frames
            .iter()
            .rev()
            .take_while(|f| f.code.internal)
            .last()
            .map(|f| f.code.qualname.clone())
            .unwrap_or_else(|| self.frame(t).code.qualname.clone());
        let Some((code, line)) = self.user_site(t) else {
            return;
        };
        let what = self.traced_lock_operation(instr, c.what);
        let operation = if &*qualname == "<module>" {
            what
        } else {
            format!("{qualname}: {what}")
        };
        let event = weft_core::TraceEvent {
            step: self.steps,
            thread: weft_core::ThreadId(t as u32),
            thread_name: self.thread_display_name(t),
            site: self.site(&code, line),
            operation,
            effect: String::new(),
            time: self.now,
        };
        self.obs.trace.push(event);
    }

    pub fn is_stderr(&self, v: &Value) -> bool {
        if let Value::Obj(id) = v {
            if let Obj::Instance(i) = self.obj(*id) {
                return matches!(i.dict.get("_weft_stream"), Some(Value::Int(2)));
            }
        }
        false
    }

    /// Where thread `t` is, for a trace line or a race report: its innermost user frame (a
    /// dataclass's generated method stands for the line that called it), else its innermost.
    fn step_site(&self, t: usize) -> (Arc<crate::code::Code>, u32) {
        match self.user_site(t) {
            Some(site) => site,
            None => (
                self.frame(t).code.clone(),
                self.frame(t).code.line_of(self.frame(t).pc),
            ),
        }
    }

    /// The trace line of a `print` piece written as a step of its own (its effect is filled in
    /// by the write).
    pub fn trace_print_piece(&mut self, t: usize) {
        let (code, line) = self.step_site(t);
        let event = weft_core::TraceEvent {
            step: self.steps,
            thread: weft_core::ThreadId(t as u32),
            thread_name: self.thread_display_name(t),
            site: self.site(&code, line),
            operation: "print".to_string(),
            effect: String::new(),
            time: self.now,
        };
        self.obs.trace.push(event);
    }

    /// A shared-memory access performed inside a step that did not announce it (see
    /// `Observe::footprint_exceeded`): remembered, with the user's site, for the explorer.
    pub fn note_unannounced_access(&mut self, internal: bool, c: &Classified) {
        if internal || c.access.is_none() || self.obs.footprint_exceeded.is_some() {
            return;
        }
        let t = self.current;
        if let Some((code, line)) = self.user_site(t) {
            self.obs.footprint_exceeded = Some(self.site(&code, line));
        }
    }

    /// A granted (or atomic) visible operation is being performed: feed the detectors.
    /// Records a visible operation the current thread performs now (`c` classifies `instr`):
    /// its trace line, and its memory access for the race detector.
    pub fn observe_access(&mut self, instr: &Instr, internal: bool, c: Classified) {
        let t = self.current;
        if internal {
            if self.options.record_trace {
                self.trace_internal(t, instr);
            }
            return;
        }
        let (site_code, site_line) = self.step_site(t);
        if self.options.record_trace && self.obs.may_trace_access() {
            let operation = match &c.access {
                Some(a) => match (&a.method, &a.hint) {
                    (Some(m), NameHint::Container(v) | NameHint::Element(v, _))
                        if c.what == "call" =>
                    {
                        let target = self.describe_hint_pub(&NameHint::Container(v.clone()));
                        if BUILTIN_READERS.contains(&&**m) {
                            format!("call {m}({target})")
                        } else {
                            format!("call {target}.{m}()")
                        }
                    }
                    _ => format!("{} {}", c.what, self.describe_hint_pub(&a.hint)),
                },
                None => self.traced_lock_operation(instr, c.what),
            };
            let event = weft_core::TraceEvent {
                step: self.steps,
                thread: weft_core::ThreadId(t as u32),
                thread_name: self.thread_display_name(t),
                site: self.site(&site_code, site_line),
                operation,
                effect: String::new(),
                time: self.now,
            };
            self.obs.trace.push(event);
        }
        if let Some(mut a) = c.access {
            if self.options.detect_races {
                if let Some((location, hint)) = a.also_reads.take() {
                    let mut second = Access::memory(location, false, hint);
                    second.call = a.call;
                    self.check_race(t, second, site_line);
                }
                self.check_race(t, a, site_line);
            }
        }
    }

    pub fn deadline_passed(&self, d: Option<VirtualTime>) -> bool {
        matches!(d, Some(d) if self.now >= d)
    }
}

/// A key whose hash and equality need no machine (strings, numbers, None, tuples of them).
fn is_plain_key(v: &Value) -> bool {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Big(_) | Value::Float(_) => true,
        Value::Str(_) => true,
        Value::Tuple(items) => items.iter().all(is_plain_key),
        _ => false,
    }
}
