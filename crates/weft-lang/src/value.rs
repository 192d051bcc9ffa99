//! Python values and heap objects. Immutable values (ints, floats, strings, tuples) are plain
//! values; everything with identity or mutability lives in the machine's heap, an arena addressed
//! by [`ObjId`], so that a machine is cheap to clone and hash.

use crate::code::Code;
use crate::types::Ty;
use indexmap::{IndexMap, IndexSet};
use malachite_bigint::BigInt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

pub type ObjId = u32;
pub type FxBuild = std::hash::BuildHasherDefault<rustc_hash::FxHasher>;
pub type Attrs = IndexMap<Arc<str>, Value, FxBuild>;

#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Big(Arc<BigInt>),
    Float(f64),
    Str(Arc<str>),
    Tuple(Arc<[Value]>),
    /// A builtin type (int, list, ValueError, ...).
    Type(Ty),
    /// A builtin function, by name.
    Builtin(&'static str),
    /// A builtin method looked up by `LoadMethod` and waiting for its call: the name id.
    MethodName(u32),
    Obj(ObjId),
    Ellipsis,
    NotImplemented,
    /// Compiled code (a constant of `MakeFunction`).
    Code(Arc<Code>),
    /// An unbound local, or the empty slot of `LoadMethod`.
    Undef,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::from(s))
    }
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::from(items))
    }
    pub fn as_obj(&self) -> Option<ObjId> {
        match self {
            Value::Obj(id) => Some(*id),
            _ => None,
        }
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
}

/// A user function.
#[derive(Clone, Debug)]
pub struct Function {
    pub code: Arc<Code>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Arc<str>, Value)>,
    pub closure: Vec<ObjId>,
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    /// The module namespace its globals live in.
    pub globals: ObjId,
    pub attrs: Attrs,
}

/// A user class.
#[derive(Clone, Debug)]
pub struct Class {
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    pub module: Arc<str>,
    pub bases: Vec<Value>,
    /// Method resolution order, the class first, ending with `object`.
    pub mro: Vec<Value>,
    pub dict: Attrs,
}

/// Extra state of exception instances.
#[derive(Clone, Debug, Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// (file, line, function name) from the outermost frame to the innermost.
    pub traceback: Vec<TbEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

#[derive(Clone, Debug)]
pub struct TbEntry {
    pub code: Arc<Code>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Instance {
    /// `Value::Type` for builtin classes, `Value::Obj` (a [`Class`]) for user classes.
    pub class: Value,
    pub dict: Attrs,
    pub exc: Option<Box<ExcData>>,
}

/// The state of a native lock (`_thread.lock`) or `_thread.RLock`.
#[derive(Clone, Debug)]
pub struct LockObj {
    pub state: weft_core::sync::LockState,
    /// Where it was created, and its ordinal among locks created there: stable across executions.
    pub created_line: u32,
    pub ordinal: u32,
    /// The line where the current holder took it.
    pub acquired_line: u32,
    /// How the program names it, found when it first takes part in a lock-order edge (finding
    /// a name searches the globals, too slow to repeat on every acquire).
    pub name: Option<std::sync::Arc<str>>,
    /// For a lock of the prelude's (a Semaphore's, a Queue's, a Condition's waiters): the
    /// location of the object whose state it guards. Its operations announce that location,
    /// so one step of the object's API covers all of them (`Machine::in_section`).
    pub owner: Option<weft_core::Location>,
    /// For a Condition's waiter lock: the Condition's lock. A woken waiter goes on only by
    /// re-taking it, so its wake-up waits for both (one step, `Machine::thread_status`).
    pub guard: Option<ObjId>,
}

#[derive(Clone, Debug)]
pub enum Iter {
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Over a snapshot of keys (dict/set views are snapshotted; size changes are checked).
    Keys {
        source: ObjId,
        keys: Arc<[Value]>,
        index: usize,
        size: usize,
    },
    Items {
        source: ObjId,
        index: usize,
        size: usize,
        kind: u8,
    },
    Count {
        next: Value,
        step: Value,
    },
    Enumerate {
        inner: Value,
        index: Value,
    },
    Zip {
        inners: Vec<Value>,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    Done,
}

#[derive(Clone, Debug)]
pub enum Obj {
    List(Vec<Value>),
    Dict(Dict),
    Set(IndexSet<Key, FxBuild>),
    FrozenSet(IndexSet<Key, FxBuild>),
    Deque {
        items: std::collections::VecDeque<Value>,
        maxlen: Option<usize>,
    },
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice(Value, Value, Value),
    Function(Box<Function>),
    Class(Box<Class>),
    Instance(Box<Instance>),
    Cell(Value),
    BoundMethod {
        receiver: Value,
        func: Value,
    },
    Module {
        name: Arc<str>,
        dict: Attrs,
    },
    Iter(Box<Iter>),
    Generator(Box<crate::vm::Generator>),
    Property {
        fget: Value,
        fset: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    Partial {
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    },
    Super {
        class: Value,
        receiver: Value,
    },
    Lock(Box<LockObj>),
    /// A dict with a default factory (`collections.defaultdict`).
    DefaultDict {
        factory: Value,
        dict: Dict,
    },
    /// `collections.Counter`: a dict whose missing keys count 0.
    Counter(Dict),
    /// A live view of a dict's keys (`kind` 0), values (1) or items (2), as `Iter::Items`.
    DictView {
        source: ObjId,
        kind: u8,
    },
    /// A slot the garbage collector freed (see `gc.rs`); `alloc` reuses it.
    Free,
}

impl Obj {
    /// A mutable builtin container: what the scheduler and the race detector see accessed as a
    /// whole or by element, and what the footprint assertion records.
    pub fn is_container(&self) -> bool {
        matches!(
            self,
            Obj::List(_)
                | Obj::Dict(_)
                | Obj::DefaultDict { .. }
                | Obj::Counter(_)
                | Obj::Set(_)
                | Obj::Deque { .. }
        )
    }

    /// Whether `hash()` of this object is a TypeError by its kind alone (the mutable containers,
    /// dict views and slices), told without reading its contents.
    pub fn is_unhashable(&self) -> bool {
        self.is_container() || matches!(self, Obj::DictView { .. } | Obj::Slice(..))
    }
}

#[derive(Clone, Debug)]
pub struct HeapObj {
    /// A location key that does not depend on the interleaving: the creating thread and its
    /// allocation count.
    pub key: u64,
    pub obj: Obj,
}

pub type Dict = IndexMap<Key, Value, FxBuild>;

/// A hashable value used as a dict key or set member, with its Python hash.
///
/// The hash is computed by the machine (`Machine::hashable`), which may run a user `__hash__` or
/// hash a frozenset's members. The map's own equality is the part of Python's `==` that needs no
/// machine: `1 == 1.0 == True`, equal strings and tuples of such, the same object. Equality that
/// needs the machine (a user `__eq__`, frozensets by content) is decided by `Machine::key_index`,
/// which probes the map for stored keys of equal hash; containers are only searched that way.
#[derive(Clone, Debug)]
pub struct Key(pub Value, i64);

impl Key {
    /// A key whose hash was computed by the machine.
    pub(crate) fn with_hash(value: Value, hash: i64) -> Key {
        Key(value, hash)
    }
    /// A string key (namespaces, keyword arguments): its hash needs no machine.
    pub fn str(s: impl Into<Arc<str>>) -> Key {
        let v = Value::Str(s.into());
        let h = key_hash(&v);
        Key(v, h)
    }
    /// The Python hash of the value.
    pub fn hash_value(&self) -> i64 {
        self.1
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.1 == other.1 && key_eq(&self.0, &other.0)
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.1);
    }
}

/// Finds a key in a map or set by its hash: an equal key by [`key_eq`] at once, and every other
/// stored key of the same hash as a candidate for the machine's `==`.
pub(crate) struct KeyProbe<'a> {
    pub key: &'a Key,
    pub candidates: std::cell::RefCell<Vec<Value>>,
}

impl Hash for KeyProbe<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl indexmap::Equivalent<Key> for KeyProbe<'_> {
    fn equivalent(&self, stored: &Key) -> bool {
        if stored.1 != self.key.1 {
            return false;
        }
        if key_eq(&stored.0, &self.key.0) {
            return true;
        }
        self.candidates.borrow_mut().push(stored.0.clone());
        false
    }
}

/// Hash of a tuple from its items' hashes (CPython's xxHash-based tuple hash).
pub fn tuple_hash(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let len = items.len() as u64;
    let mut acc = P5;
    for h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// Hash of a frozenset from its members' hashes (CPython's `frozenset_hash`): independent of order.
pub fn frozenset_hash(members: impl ExactSizeIterator<Item = i64>) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let n = members.len() as u64;
    let mut hash: u64 = 0;
    for h in members {
        hash ^= shuffle(h as u64);
    }
    hash ^= n.wrapping_add(1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

/// Python's hash for values whose hash needs no machine (ints hash to themselves, as in CPython,
/// so numeric equality and hashing agree). Heap objects hash by identity here; the machine's
/// `hash_of` gives frozensets and instances with `__hash__` their Python hash.
pub fn key_hash(v: &Value) -> i64 {
    match v {
        Value::None => 0x5f3759df,
        Value::Bool(b) => *b as i64,
        Value::Int(i) => *i,
        Value::Big(b) => {
            let s = b.to_string();
            let mut h = rustc_hash::FxHasher::default();
            s.hash(&mut h);
            h.finish() as i64
        }
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                *f as i64
            } else {
                f.to_bits() as i64
            }
        }
        Value::Str(s) => {
            let mut h = rustc_hash::FxHasher::default();
            s.hash(&mut h);
            h.finish() as i64
        }
        Value::Tuple(items) => tuple_hash(items.iter().map(key_hash)),
        Value::Type(t) => *t as i64 ^ 0x7a11,
        Value::Builtin(name) => {
            let mut h = rustc_hash::FxHasher::default();
            name.hash(&mut h);
            h.finish() as i64
        }
        Value::Obj(id) => *id as i64 ^ 0x0b1ec7,
        _ => 7,
    }
}

pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
        (Str(x), Str(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| key_eq(p, q))
        }
        (Obj(x), Obj(y)) => x == y,
        // The same float object is equal to itself even when it is a NaN (identity first).
        (Float(x), Float(y)) if x.to_bits() == y.to_bits() => true,
        (Type(x), Type(y)) => x == y,
        (Builtin(x), Builtin(y)) => x == y,
        _ => match (crate::num::as_number(a), crate::num::as_number(b)) {
            (Some(x), Some(y)) => crate::num::num_eq(&x, &y),
            _ => false,
        },
    }
}
