//! Which instructions are visible operations (scheduling points), and what they touch.
//!
//! Visible in user code: reads and writes of globals, of closure cells, of attributes of heap
//! objects, of container elements; one call of a container method (one atomic step, as under the
//! GIL); `print`; and every native synchronisation call (lock acquire/release, thread start/join,
//! `time.sleep`). Prelude code (threading, queue, concurrent.futures written in Python on top of
//! native locks) is internal: its memory accesses are protected by its own locks, so only its lock
//! and thread operations are scheduling points, and it is never reported as racing.

use crate::code::{CmpOp, Instr, UnOp};
use crate::natives::{self, Effect, Stream};
use crate::ops::int_of;
use crate::threads::{
    thread_location, SEQUENCE_LOCATION, STDERR_LOCATION, STDOUT_LOCATION, THREADS_LOCATION,
};
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
    /// The method or function called, for traces (`items.append`, `len(items)`).
    pub method: Option<Arc<str>>,
    /// `method` is a function the container was passed to (`len(items)`), not its method.
    pub function: bool,
    /// Further containers the same atomic step reads (`print(lst)`, `a == b`, `a.extend(b)`,
    /// the lists inside a dict that `str(d)` formats).
    pub also_reads: Vec<(Location, NameHint)>,
    /// The step reads more containers than one operation can announce: the explorer is told
    /// (`Observe::footprint_exceeded`) and falls back to a search that needs no footprints.
    pub overflow: bool,
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
            function: false,
            also_reads: Vec::new(),
            overflow: false,
            shape: RaceShape::Location,
        }
    }

    /// A read of `containers` (the first is the access's location, the others further reads)
    /// in one atomic step; `overflow` says the walk found more than one operation can hold.
    fn reading(containers: Vec<(Location, NameHint)>, overflow: bool) -> Option<Access> {
        let mut rest = containers.into_iter();
        let (location, hint) = rest.next()?;
        let mut access = Access::memory(location, false, hint);
        access.call = true;
        access.also_reads = rest.collect();
        access.overflow = overflow || access.also_reads.len() > Operation::MAX_ALSO_READS;
        access.also_reads.truncate(Operation::MAX_ALSO_READS);
        Some(access)
    }

    /// The operation the scheduler sees for this access.
    fn operation(&self) -> Operation {
        let op = if self.write {
            Operation::write(self.location)
        } else {
            Operation::read(self.location)
        };
        op.reading_all(self.also_reads.iter().map(|(l, _)| *l))
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
                | Instr::Binary(_)
                | Instr::Inplace(_)
                | Instr::ListExtend(_)
                | Instr::SetUpdate(_)
                | Instr::DictUpdate(_)
                | Instr::Unpack(_)
                | Instr::UnpackEx(..)
                | Instr::FormatValue(..)
                | Instr::GetIter
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

impl Machine {
    /// The pending operation for `instr` in the current thread, or None when it is invisible.
    pub fn classify(&self, instr: &Instr, internal: bool) -> Option<Pending> {
        self.classify_full(instr, internal).map(|c| c.pending)
    }

    pub fn classify_full(&self, instr: &Instr, internal: bool) -> Option<Classified> {
        let mut c = self.classify_now(instr, internal)?;
        if internal {
            // A step of the prelude also reads the set of live threads, so that a thread it
            // starts (`ex.submit` starting a worker) can join its section (`in_section`).
            let threads = Location::whole(THREADS_LOCATION);
            if let Pending::Op(op) | Pending::Acquire { op, .. } | Pending::Join { op, .. } =
                &mut c.pending
            {
                let free = op.also_reads.iter().any(Option::is_none);
                if free && !op.accesses().any(|(l, _)| l == threads) {
                    *op = op.reading_also(Some(threads));
                }
            }
        }
        Some(c)
    }

    fn classify_now(&self, instr: &Instr, internal: bool) -> Option<Classified> {
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
                if matches!(instr, Instr::LoadGlobal(_))
                    && (!self.prog.global_may_change(&name)
                        || (t == 0
                            && f.globals == self.main_module
                            && !self.prog.global_written_by_functions(&name)))
                {
                    // A global nobody writes, or one only the main module's body writes, read
                    // by the main thread: it races with nothing.
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
                if matches!(instr, Instr::LoadName(_))
                    && t == 0
                    && f.globals == self.main_module
                    && !self.prog.global_written_by_functions(&name)
                {
                    // The main module's body reading a global that only it writes.
                    return None;
                }
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
                // `a[i:j] = b` reads `b` in the same step.
                let slice =
                    matches!(key, Value::Obj(k) if matches!(self.obj_kind(*k), Obj::Slice(..)));
                if matches!(instr, Instr::StoreSubscr) && slice {
                    let value = s.get(s.len().checked_sub(3)?)?;
                    let (mut reads, overflow) =
                        self.containers_read(std::slice::from_ref(value), false);
                    reads.retain(|(l, _)| l.object != access.location.object);
                    access.overflow = overflow || reads.len() > Operation::MAX_ALSO_READS;
                    reads.truncate(Operation::MAX_ALSO_READS);
                    access.also_reads = reads;
                }
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: if write { "write" } else { "read" },
                })
            }
            Instr::ForIter(_) => {
                // An iterator reads what it iterates, through map, zip, enumerate and filter.
                let it = f.stack.last()?;
                if !matches!(it, Value::Obj(_)) {
                    return None;
                }
                let (containers, overflow) = self.containers_read(std::slice::from_ref(it), false);
                self.reading_step(containers, overflow, "iterate")
            }
            // Iterating a dict or a set starts from a snapshot of its keys.
            Instr::GetIter => {
                let v = f.stack.last()?;
                let id = self.container_id(v)?;
                if !matches!(
                    self.obj(id),
                    Obj::Dict(_)
                        | Obj::DefaultDict { .. }
                        | Obj::Counter(_)
                        | Obj::Set(_)
                        | Obj::DictView { .. }
                ) {
                    return None;
                }
                let (containers, overflow) = self.containers_read(std::slice::from_ref(v), false);
                self.reading_step(containers, overflow, "iterate")
            }
            Instr::Binary(op) | Instr::Inplace(op) => {
                let n = f.stack.len();
                let (a, b) = (f.stack.get(n.checked_sub(2)?)?, &f.stack[n - 1]);
                // `'%s' % (lst,)` formats: it reads every container it is given.
                if *op == crate::code::BinOp::Mod && matches!(a, Value::Str(_)) {
                    let (containers, overflow) =
                        self.containers_read(std::slice::from_ref(b), true);
                    return self.reading_step(containers, overflow, "read");
                }
                let (containers, overflow) = self.containers_read(&[a.clone(), b.clone()], false);
                let in_place = matches!(instr, Instr::Inplace(_)) && self.container_id(a).is_some();
                if !in_place {
                    return self.reading_step(containers, overflow, "read");
                }
                // `lst += other` changes `lst` and reads `other`, in one step.
                let mut access = Access::reading(containers, overflow)?;
                access.write = true;
                access.call = false;
                Some(Classified {
                    pending: Pending::Op(access.operation()),
                    access: Some(access),
                    what: "write",
                })
            }
            // Unpacking and `*lst`/`**d` in displays and calls read what they unpack.
            Instr::ListExtend(_)
            | Instr::SetUpdate(_)
            | Instr::DictUpdate(_)
            | Instr::Unpack(_)
            | Instr::UnpackEx(..) => {
                let v = f.stack.last()?;
                let (containers, overflow) = self.containers_read(std::slice::from_ref(v), false);
                self.reading_step(containers, overflow, "read")
            }
            // `f"{lst}"` formats its value, and every container inside it.
            Instr::FormatValue(_, has_spec) => {
                let n = f.stack.len();
                let v = f.stack.get(n.checked_sub(if *has_spec { 2 } else { 1 })?)?;
                let (containers, overflow) = self.containers_read(std::slice::from_ref(v), true);
                self.reading_step(containers, overflow, "read")
            }
            Instr::Compare(CmpOp::In | CmpOp::NotIn) => {
                let container = f.stack.last()?;
                let id = self.container_id(container)?;
                let key = f.stack.get(f.stack.len().checked_sub(2)?)?;
                // `k in d` reads one key of a dict; anything else reads the whole container, and
                // when the key holds containers, the containers inside the elements it meets.
                if !self.is_dict(id) {
                    let (inner, _) = self.containers_read(std::slice::from_ref(key), true);
                    if !inner.is_empty() {
                        let (containers, overflow) =
                            self.containers_read(&[container.clone(), key.clone()], true);
                        return self.reading_step(containers, overflow, "read");
                    }
                }
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
                // Comparing containers reads them (both, atomically), and when both sides are
                // compound, the containers inside them too (`[a] == [b]` compares `a` with `b`).
                let n = f.stack.len();
                let (a, b) = (f.stack.get(n.checked_sub(2)?)?, &f.stack[n - 1]);
                let compound =
                    |v: &Value| matches!(v, Value::Tuple(_)) || self.container_id(v).is_some();
                let deep = compound(a) && compound(b);
                let (containers, overflow) = self.containers_read(&[a.clone(), b.clone()], deep);
                self.reading_step(containers, overflow, "read")
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

    /// A step that reads `containers` (none: not a visible operation).
    fn reading_step(
        &self,
        containers: Vec<(Location, NameHint)>,
        overflow: bool,
        what: &'static str,
    ) -> Option<Classified> {
        let mut access = Access::reading(containers, overflow)?;
        access.call = false;
        Some(Classified {
            pending: Pending::Op(access.operation()),
            access: Some(access),
            what,
        })
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
            o if o.is_container() => Some(*id),
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
                // The positional arguments, as `f(*xs)` built them (a tuple or a list).
                let args = match &s[n - d] {
                    Value::Tuple(t) => t.to_vec(),
                    Value::Obj(id) => match self.obj_kind(*id) {
                        Obj::List(items) => items.clone(),
                        _ => Vec::new(),
                    },
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
            if self.lock_of(recv).is_some() {
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
            if internal {
                return None;
            }
            // An unbound method called through its type (`list.append(lst, x)`) has its
            // receiver as the first argument.
            let (native, recv, args) = match recv {
                Value::Type(t) => (natives::method(t.name(), name)?, args.first()?, &args[1..]),
                _ => (
                    natives::method_owner(self, recv).and_then(|o| natives::method(o, name))?,
                    recv,
                    &args[..],
                ),
            };
            let access = self.method_access(native, recv, name, args)?;
            return Some(Classified {
                pending: Pending::Op(access.operation()),
                access: Some(access),
                what: "call",
            });
        }
        let native = match callee {
            Value::Builtin(name) => natives::lookup(name)?,
            Value::Type(ty) if !internal => natives::constructor(ty)?,
            _ => return None,
        };
        let name = native.name;
        let now = self.now;
        match native.effect {
            Effect::Print(stream) => {
                let to_err = match stream {
                    Stream::Out => false,
                    Stream::Err => true,
                    Stream::FileKeyword => match instr {
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
                    },
                };
                let loc = Location::whole(if to_err {
                    STDERR_LOCATION
                } else {
                    STDOUT_LOCATION
                });
                // Printing a container reads it, and the containers it holds, in the same step.
                let access = if internal {
                    None
                } else {
                    let (containers, overflow) = self.containers_read(&args, true);
                    Access::reading(containers, overflow)
                };
                let mut op = Operation::write(loc);
                if let Some(a) = &access {
                    op = op.reading_all(
                        std::iter::once(a.location)
                            .chain(a.also_reads.iter().map(|(l, _)| *l))
                            .take(Operation::MAX_ALSO_READS),
                    );
                }
                let access = access.map(|mut a| {
                    // One more read than a print can announce beside its stream.
                    if a.also_reads.len() == Operation::MAX_ALSO_READS {
                        a.overflow = true;
                    }
                    a
                });
                Some(Classified {
                    pending: Pending::Op(op),
                    access,
                    what: "print",
                })
            }
            Effect::Sleep => self.classify_sleep(&args, now),
            Effect::Sync => self.classify_sync(name, &args, now),
            Effect::RandomInPlace => {
                let (containers, _) = self.containers_read(&args, false);
                let mut access = Access::reading(containers, true);
                if let Some(a) = access.as_mut() {
                    a.write = true;
                    a.method = Some(Arc::from(name));
                    a.function = true;
                }
                Some(Classified {
                    pending: Pending::Op(Operation::write(Location::whole(SEQUENCE_LOCATION))),
                    access,
                    what: "draw",
                })
            }
            // A draw orders with every other draw; `choice` and `sample` also read their
            // population in the same step.
            Effect::Random => {
                let (containers, overflow) = if internal {
                    (Vec::new(), false)
                } else {
                    self.containers_read(&args, false)
                };
                let mut access = Access::reading(containers, overflow);
                let mut op = Operation::write(Location::whole(SEQUENCE_LOCATION));
                if let Some(a) = access.as_mut() {
                    a.method = Some(Arc::from(name));
                    a.function = true;
                    op = op.reading_all(
                        std::iter::once(a.location)
                            .chain(a.also_reads.iter().map(|(l, _)| *l))
                            .take(Operation::MAX_ALSO_READS),
                    );
                    a.overflow |= a.also_reads.len() == Operation::MAX_ALSO_READS;
                }
                Some(Classified {
                    pending: Pending::Op(op),
                    access,
                    what: "draw",
                })
            }
            // `getattr(obj, "x")` and friends access the attribute as `obj.x` does.
            Effect::Attribute { write } if !internal => {
                let obj = args.first()?;
                let Some(Value::Str(attr)) = args.get(1) else {
                    return None;
                };
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
            Effect::ReadsSize if !internal => {
                let id = self.container_id(args.first()?)?;
                let mut access = Access::memory(
                    Location::whole(self.key_of(id)),
                    false,
                    NameHint::Container(args[0].clone()),
                );
                access.call = true;
                access.shape = RaceShape::Size;
                Some(function_call(access, name))
            }
            Effect::Reads | Effect::ReadsDeep if !internal => {
                let (containers, overflow) =
                    self.containers_read(&args, native.effect == Effect::ReadsDeep);
                Some(function_call(Access::reading(containers, overflow)?, name))
            }
            // A lazy iterator over a dict or a set starts from a snapshot of its keys (over a
            // dict view, from its size): that is read when it is made.
            Effect::Lazy if !internal => {
                let snapshots: Vec<Value> = args
                    .iter()
                    .filter(|a| {
                        matches!(a, Value::Obj(id) if matches!(
                            self.obj_kind(*id),
                            Obj::Dict(_)
                                | Obj::DefaultDict { .. }
                                | Obj::Counter(_)
                                | Obj::Set(_)
                                | Obj::DictView { .. }
                        ))
                    })
                    .cloned()
                    .collect();
                let (containers, overflow) = self.containers_read(&snapshots, false);
                Some(function_call(Access::reading(containers, overflow)?, name))
            }
            _ => None,
        }
    }

    /// `time.sleep(secs)`: the thread sleeps until the virtual clock reaches its deadline (an
    /// invalid length raises at once, touching nothing).
    fn classify_sleep(&self, args: &[Value], now: VirtualTime) -> Option<Classified> {
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

    /// The thread and happens-before operations of `_weft` that the preludes call.
    fn classify_sync(&self, name: &str, args: &[Value], now: VirtualTime) -> Option<Classified> {
        match name {
            "_weft.start" => {
                let loc = thread_location(self.threads.len());
                Some(Classified {
                    // The new thread joins the set `threading.enumerate()` reads.
                    pending: Pending::Op(
                        Operation::write(loc).reading_also(Some(Location::whole(THREADS_LOCATION))),
                    ),
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
                // On a lock of the prelude's, the location its operations announce, so that the
                // edge is part of the step that holds the lock (`in_section`).
                let is_lock = matches!(self.obj_kind(*id), Obj::Lock(_));
                let loc = if is_lock {
                    self.lock_location(*id)
                } else {
                    Location::part(self.key_of(*id), name_hash("<sync>"))
                };
                let op = if name == "_weft.hb_release" {
                    Operation::write(loc)
                } else {
                    Operation::read(loc)
                };
                if is_lock && name == "_weft.hb_acquire" {
                    // A query that reads what the lock guards (`q.qsize()`): it waits while
                    // another thread holds the lock (the program may hold `q.mutex`), as the
                    // query that takes the lock does, but only reads.
                    return Some(Classified {
                        pending: Pending::Acquire {
                            lock: *id,
                            deadline: None,
                            op,
                        },
                        access: None,
                        what: "sync",
                    });
                }
                Some(Classified {
                    pending: Pending::Op(op),
                    access: None,
                    what: "sync",
                })
            }
            _ => None,
        }
    }

    /// A builtin method call as one atomic step: on a container, it reads or writes it (as its
    /// effect says); on an iterator or a tuple, it reads what they hold; and it reads the
    /// containers among its arguments (`a.extend(b)`, `'{}'.format(lst)`).
    fn method_access(
        &self,
        native: &natives::Native,
        recv: &Value,
        name: &Arc<str>,
        args: &[Value],
    ) -> Option<Access> {
        let mut access = match (native.effect, self.container_id(recv)) {
            (
                Effect::ReadsReceiver
                | Effect::WritesReceiver
                | Effect::Keyed { .. }
                | Effect::SearchesReceiver { .. },
                Some(id),
            ) => self.container_call(id, recv, name, args, native.effect),
            (Effect::ReadsReceiver | Effect::SearchesReceiver { .. }, None) => {
                let deep = self.compares_containers(native.effect, args);
                let (containers, overflow) = self.containers_read(std::slice::from_ref(recv), deep);
                let (more, more_overflow) = self.containers_read(args, deep);
                Access::reading(
                    containers.into_iter().chain(more).collect(),
                    overflow || more_overflow,
                )?
            }
            (Effect::Reads | Effect::ReadsDeep, _) => {
                let (containers, overflow) =
                    self.containers_read(args, native.effect == Effect::ReadsDeep);
                Access::reading(containers, overflow)?
            }
            _ => return None,
        };
        access.method = Some(name.clone());
        Some(access)
    }

    /// Whether a search compares containers: its argument holds one, so the elements it is
    /// compared with are read as deeply.
    fn compares_containers(&self, effect: Effect, args: &[Value]) -> bool {
        matches!(effect, Effect::SearchesReceiver { .. })
            && !self.containers_read(args, true).0.is_empty()
    }

    /// A builtin method call on a container: one atomic step that reads or writes it, and also
    /// reads the containers it takes (`a.extend(b)`, `d.update(e)`). A dict's `get` reads
    /// one key, present or not; `setdefault` of a present key touches that key only; a
    /// `setdefault` that may add its key, and a `pop`, change the dict's keys, so the scheduler
    /// orders them with every access of the dict, while as data races they touch that key and
    /// the dict's shape (`RaceShape::KeyStore`).
    fn container_call(
        &self,
        id: ObjId,
        recv: &Value,
        name: &Arc<str>,
        args: &[Value],
        effect: Effect,
    ) -> Access {
        let write = effect.writes();
        let keyed = matches!(effect, Effect::Keyed { .. }) && self.is_dict(id);
        let key = args.first().filter(|_| keyed);
        let part = key.and_then(|k| self.element_part(id, k));
        let (location, shape) = match (part, key) {
            (Some(p), Some(k))
                if effect == (Effect::Keyed { write: false })
                    || (&**name == "setdefault" && !self.adds_key(id, k)) =>
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
        // A keyed call's other argument is a value it stores or returns, not one it reads.
        let deep = self.compares_containers(effect, args);
        let (mut also_reads, mut overflow) = if keyed {
            (Vec::new(), false)
        } else {
            self.containers_read(args, deep)
        };
        if deep {
            // The receiver's elements are compared with a container: they are read too.
            let (inner, more) = self.containers_read(std::slice::from_ref(recv), true);
            also_reads.extend(inner);
            overflow |= more;
        }
        let own = self.key_of(id);
        also_reads.retain(|(l, _)| l.object != own);
        let mut seen: Vec<u64> = Vec::new();
        also_reads.retain(|(l, _)| {
            let new = !seen.contains(&l.object);
            seen.push(l.object);
            new
        });
        overflow |= also_reads.len() > Operation::MAX_ALSO_READS;
        also_reads.truncate(Operation::MAX_ALSO_READS);
        Access {
            location,
            write,
            hint,
            call: true,
            function: false,
            method: Some(name.clone()),
            also_reads,
            overflow,
            shape,
        }
    }

    /// The containers a step that reads `values` reads, each once, as locations with the names
    /// to report them by: each container among the values, what an iterator or a dict view among
    /// them reads, and with `deep` every container inside them (through tuples and containers:
    /// formatting, comparing and hashing look at every element). The second result says the walk
    /// found more than one operation can announce (or more than it will scan).
    pub(crate) fn containers_read(
        &self,
        values: &[Value],
        mut deep: bool,
    ) -> (Vec<(Location, NameHint)>, bool) {
        const MAX_SCANNED: usize = 1_000_000;
        let limit = Operation::MAX_ALSO_READS + 2;
        let mut out: Vec<(Location, NameHint)> = Vec::new();
        let mut seen: Vec<ObjId> = Vec::new();
        let mut stack: Vec<Value> = values.iter().rev().cloned().collect();
        let mut scanned = 0usize;
        while let Some(v) = stack.pop() {
            scanned += 1;
            if scanned > MAX_SCANNED || out.len() >= limit {
                return (out, true);
            }
            let id = match &v {
                Value::Tuple(items) if deep => {
                    stack.extend(items.iter().rev().cloned());
                    continue;
                }
                Value::Obj(id) => *id,
                _ => continue,
            };
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            match self.obj(id) {
                Obj::Iter(state) => {
                    // An iterator reads what it iterates (a generator runs its own steps).
                    let sources: Vec<Value> = match &**state {
                        Iter::Seq { seq, .. } | Iter::Reversed { seq, .. } => vec![seq.clone()],
                        Iter::Keys { source, .. } | Iter::Items { source, .. } => {
                            vec![Value::Obj(*source)]
                        }
                        Iter::Enumerate { inner, .. } => vec![inner.clone()],
                        // filter and map examine each element (`filter(None, ...)` takes its
                        // truth value): what they iterate is read deeply.
                        Iter::Filter { inner, .. } => {
                            deep = true;
                            vec![inner.clone()]
                        }
                        Iter::Map { inners, .. } => {
                            deep = true;
                            inners.clone()
                        }
                        Iter::Zip { inners } => inners.clone(),
                        _ => Vec::new(),
                    };
                    stack.extend(sources.into_iter().rev());
                    continue;
                }
                Obj::DictView { source, .. } => {
                    stack.push(Value::Obj(*source));
                    continue;
                }
                _ => {}
            }
            let Some(cid) = self.container_id(&v) else {
                continue;
            };
            let hint = NameHint::Container(v.clone());
            out.push((Location::whole(self.key_of(cid)), hint));
            if !deep {
                continue;
            }
            let inner: Vec<Value> = match self.obj(cid) {
                Obj::List(items) => items.clone(),
                Obj::Deque { items, .. } => items.iter().cloned().collect(),
                Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => d
                    .iter()
                    .flat_map(|(k, v)| [k.0.clone(), v.clone()])
                    .collect(),
                Obj::Set(s) => s.iter().map(|k| k.0.clone()).collect(),
                _ => Vec::new(),
            };
            scanned += inner.len();
            stack.extend(
                inner
                    .into_iter()
                    .rev()
                    .filter(|v| matches!(v, Value::Obj(_) | Value::Tuple(_))),
            );
        }
        (out, false)
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
        internal: bool,
    ) -> Option<Classified> {
        let Value::Obj(id) = lock else { return None };
        if !matches!(self.obj(*id), Obj::Lock(_)) {
            return None;
        }
        let loc = self.lock_location(*id);
        // `acquire(blocking=...)` takes its argument's truth value: a container's is its size.
        let (reads, _) = self.containers_read(args, false);
        let op = Operation::write(loc).reading_all(
            reads
                .iter()
                .map(|(l, _)| *l)
                .take(Operation::MAX_ALSO_READS),
        );
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
            // The prelude asks whether the thread owns a lock before it works on it
            // (`Condition.notify`): announced as the write that follows, so that the step
            // covers both (`Machine::in_section`).
            "locked" | "locked_lock" | "_is_owned" | "_recursion_count" => Some(Classified {
                pending: Pending::Op(if internal { op } else { Operation::read(loc) }),
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

    /// A step of the prelude (threading, queue, concurrent.futures), shown as the call the
    /// program made, at its call site: `sem.acquire()`, `q.put(3)`, `ex.submit(sq, 2)`,
    /// `futs[2].result()`; its effect (`-> 9`, `waits`) is filled in as the step goes on.
    /// Steps of a pool's worker loop, which no user call made, are named by the API they run
    /// (`Future.set_result`). The rest of the call's synchronisation joins the step
    /// (`Machine::in_section`) and shows no rows of its own.
    fn trace_internal(&mut self, t: usize, instr: &Instr) {
        if self.classify_full(instr, true).is_none() {
            return;
        }
        let frames = &self.threads[t].frames;
        // The outermost prelude frame above the innermost user frame: the API the user called.
        let user = frames.iter().rposition(|f| self.prog.is_user_code(&f.code));
        let api_at = match user {
            Some(u) if u + 1 < frames.len() => u + 1,
            Some(_) => return,
            None => frames.iter().position(|f| f.code.internal).unwrap_or(0),
        };
        let api = &frames[api_at];
        let operation = match user {
            Some(u) => self.describe_api_call(&frames[u], api),
            None => match self.describe_worker_step(t) {
                Some(operation) => operation,
                // Bookkeeping (a thread leaving the set of live threads): counted, not shown.
                None => return,
            },
        };
        let site = match self.user_site(t) {
            Some((code, line)) => self.site(&code, line),
            // A pool worker between work items: no line of the program is running.
            None => weft_core::SourceSite {
                file: self.prog.file.to_string(),
                line: 0,
                text: String::new(),
            },
        };
        let event = weft_core::TraceEvent {
            step: self.steps,
            thread: weft_core::ThreadId(t as u32),
            thread_name: self.thread_display_name(t),
            site,
            operation,
            effect: String::new(),
            time: self.now,
        };
        self.obs.trace.push(event);
        self.threads[t].section_row = Some((self.obs.trace.len() - 1, api_at));
    }

    /// The thread is back in the program after a prelude call's step: when the call returned
    /// (its frame is gone), its trace row shows the result.
    pub fn end_section_row(&mut self, t: usize) {
        let Some((row, depth)) = self.threads[t].section_row.take() else {
            return;
        };
        if self.threads[t].frames.len() != depth || !self.options.record_trace {
            return;
        }
        let Some(result) = self.frame(t).stack.last().cloned() else {
            return;
        };
        let called = self
            .frame(t)
            .pc
            .checked_sub(1)
            .map(|pc| self.frame(t).code.instrs[pc]);
        if matches!(
            called,
            Some(Instr::WithEnter | Instr::WithExit | Instr::WithExitExc)
        ) {
            // `with sem:` shows no result.
            return;
        }
        let shown = match &result {
            Value::None => return,
            Value::Obj(id) if matches!(self.obj_kind(*id), Obj::Instance(_)) => {
                format!("-> {}", self.describe_object(&result))
            }
            v => format!("-> {}", self.describe_argument(v)),
        };
        if let Some(event) = self.obs.trace.get_mut(row) {
            if event.effect.is_empty() {
                event.effect = shown;
            }
        }
    }

    /// A call of the prelude's API as the program wrote it: the receiver by the program's name
    /// for it, the method, and the arguments the call passed (read off the calling instruction:
    /// defaults the call left out are not shown).
    fn describe_api_call(&self, caller: &crate::vm::Frame, api: &crate::vm::Frame) -> String {
        let qualname = &*api.code.qualname;
        let (class, method) = match qualname.rsplit_once('.') {
            Some((c, m)) => (Some(c), m),
            None => (None, qualname),
        };
        let first = usize::from(class.is_some());
        let call = caller
            .pc
            .checked_sub(1)
            .and_then(|pc| caller.code.instrs.get(pc));
        let (positional, keywords): (usize, Vec<Arc<str>>) = match call {
            Some(Instr::Call(argc) | Instr::CallMethod(argc)) => (*argc as usize, Vec::new()),
            Some(Instr::CallKw(argc, names)) => {
                let names: Vec<Arc<str>> = match &caller.code.consts[*names as usize] {
                    Value::Tuple(kw) => kw
                        .iter()
                        .filter_map(|k| match k {
                            Value::Str(k) => Some(k.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                ((*argc as usize).saturating_sub(names.len()), names)
            }
            _ => (usize::MAX, Vec::new()),
        };
        let code = &api.code;
        let params = code.argcount as usize;
        let mut args: Vec<String> = api
            .locals
            .iter()
            .take(params)
            .skip(first)
            .take(positional)
            .map(|v| self.describe_argument(v))
            .collect();
        if code.varargs {
            if let Some(Value::Tuple(rest)) = api.locals.get(params + code.kwonly as usize) {
                args.extend(rest.iter().map(|v| self.describe_argument(v)));
            }
        }
        for k in &keywords {
            if let Some(i) = code.varnames.iter().position(|n| n == k) {
                if let Some(v) = api.locals.get(i) {
                    args.push(format!("{k}={}", self.describe_argument(v)));
                }
            }
        }
        let Some(receiver) = class.and_then(|_| api.locals.first()) else {
            return format!("{method}({})", args.join(", "));
        };
        let recv = self.describe_object(receiver);
        match method {
            "__enter__" => format!("with {recv}"),
            "__exit__" => format!("end of with {recv}"),
            _ => format!("{recv}.{method}({})", args.join(", ")),
        }
    }

    /// A step of a thread that runs no line of the program (a pool's worker between work
    /// items, a Timer's wait), named by what it does: the first public API of the prelude
    /// below the thread's own loop (`take a work item`, `Future.set_result`).
    fn describe_worker_step(&self, t: usize) -> Option<String> {
        let frames = &self.threads[t].frames;
        let has = |name: &str| frames.iter().any(|f| &*f.code.qualname == name);
        if has("_python_exit") {
            return Some("concurrent.futures exit hook".into());
        }
        let in_worker = has("_worker");
        let api = frames.iter().find(|f| {
            let q = &*f.code.qualname;
            f.code.internal
                && !q.starts_with('_')
                && !q.rsplit('.').next().unwrap_or(q).starts_with('_')
                && q != "Thread.run"
                && q != "<thread>"
        });
        let api = api?;
        if has("_shutdown") && &*api.code.qualname == "Thread.join" {
            if let Some(Value::Obj(id)) = api.locals.first() {
                if let Some(i) = self.thread_index_of(&Value::Obj(*id)) {
                    return Some(format!(
                        "threading exit: join {}",
                        self.thread_display_name(i)
                    ));
                }
            }
        }
        let q = &*api.code.qualname;
        if in_worker && q.starts_with("SimpleQueue.") {
            return Some("take a work item".into());
        }
        if in_worker && q.starts_with("Semaphore.") {
            return Some("go idle".into());
        }
        if let (Some((_, method)), Some(Value::Obj(_))) = (q.rsplit_once('.'), api.locals.first()) {
            let recv = self.describe_object(&api.locals[0]);
            if !recv.starts_with('<') {
                return Some(format!("{recv}.{method}()"));
            }
        }
        Some(q.to_string())
    }

    /// An argument as a trace row shows it: a short plain value as Python prints it, a function
    /// by its name, an object by the program's name for it.
    pub fn describe_argument(&self, v: &Value) -> String {
        match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => crate::num::float_repr(*f),
            Value::Str(s) if s.chars().count() <= 20 => crate::format::str_repr(s),
            Value::Tuple(items) if items.is_empty() => "()".into(),
            Value::Obj(id) => match self.obj_kind(*id) {
                Obj::Function(f) => f.name.to_string(),
                _ => self.describe_object(v),
            },
            _ => "…".into(),
        }
    }

    /// The stream `v` is (`sys.stdout`: false, `sys.stderr`: true), if it is one.
    pub fn stream_of(&self, v: &Value) -> Option<bool> {
        if let Value::Obj(id) = v {
            if let Obj::Instance(i) = self.obj_kind(*id) {
                return match i.dict.get("_weft_stream") {
                    Some(Value::Int(2)) => Some(true),
                    Some(Value::Int(_)) => Some(false),
                    _ => None,
                };
            }
        }
        None
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

    /// A step touched a container its operation did not announce (the footprint check of
    /// `footprint.rs`, in release builds): remembered like an announced overrun, so the
    /// explorer falls back to a search that needs no footprints.
    pub fn note_footprint_overrun(&mut self) {
        if self.obs.footprint_exceeded.is_some() {
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
        if c.access.as_ref().is_some_and(|a| a.overflow) {
            // The step reads more containers than its operation could announce.
            self.note_unannounced_access(internal, &c);
        }
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
                        if a.function {
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
                for (location, hint) in std::mem::take(&mut a.also_reads) {
                    let mut further = Access::memory(location, false, hint);
                    further.call = a.call;
                    self.check_race(t, further, site_line);
                }
                self.check_race(t, a, site_line);
            }
        }
    }

    pub fn deadline_passed(&self, d: Option<VirtualTime>) -> bool {
        matches!(d, Some(d) if self.now >= d)
    }
}

/// The step of a call of builtin function `name` that accesses `access` (`len(items)`).
fn function_call(mut access: Access, name: &'static str) -> Classified {
    access.method = Some(Arc::from(name));
    access.function = true;
    Classified {
        pending: Pending::Op(access.operation()),
        access: Some(access),
        what: "call",
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
