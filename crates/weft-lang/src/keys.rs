//! Dict keys and set members with Python's hashing and equality.
//!
//! A [`Key`] carries its Python hash, computed here: numbers, strings and tuples of them need no
//! machine, but a frozenset hashes its members and an instance may define `__hash__` (or be
//! unhashable because its class defines `__eq__` alone). Lookups probe the container for stored
//! keys of equal hash and decide equality with the machine's `==` when a user `__eq__` or a
//! frozenset's contents are involved, as CPython's dict does (identity, then hash, then `==`).
//! Every insertion, lookup and removal of a key in a dict or set goes through these functions.

use crate::code::BinOp;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use indexmap::IndexSet;

pub type KeySet = IndexSet<Key, FxBuild>;

impl Obj {
    /// The entries of a dict-like object (dict, defaultdict, Counter).
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => Some(d),
            _ => None,
        }
    }
    pub fn as_dict_mut(&mut self) -> Option<&mut Dict> {
        match self {
            Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => Some(d),
            _ => None,
        }
    }
    /// The members of a set or frozenset.
    pub fn as_set(&self) -> Option<&KeySet> {
        match self {
            Obj::Set(s) | Obj::FrozenSet(s) => Some(s),
            _ => None,
        }
    }
}

/// Whether `==` between two such values is decided by [`key_eq`] alone (no heap objects inside).
fn is_plain(v: &Value) -> bool {
    match v {
        Value::Obj(_) => false,
        Value::Tuple(items) => items.iter().all(is_plain),
        _ => true,
    }
}

impl Machine {
    /// Python's `hash(v)`, as a dict computes it: TypeError for an unhashable value.
    /// `hash(v)`, at most `NATIVE_DEPTH_LIMIT` tuples deep.
    pub fn hash_of(&mut self, v: &Value) -> PyResult<i64> {
        self.enter_native("")?;
        let result = self.hash_of_unbounded(v);
        self.native_depth -= 1;
        result
    }

    fn hash_of_unbounded(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Tuple(items) => {
                let mut hashes = Vec::with_capacity(items.len());
                for it in items.iter() {
                    hashes.push(self.hash_of(it)?);
                }
                Ok(tuple_hash(hashes.into_iter()))
            }
            Value::Obj(id) => {
                let id = *id;
                // An unhashable container is told by its kind, without reading it.
                match self.obj_kind(id) {
                    o if o.is_unhashable() => Err(self.unhashable(v)),
                    Obj::FrozenSet(s) => Ok(frozenset_hash(s.iter().map(Key::hash_value))),
                    Obj::Instance(_) => self.instance_hash(v),
                    _ => Ok(key_hash(v)),
                }
            }
            _ => Ok(key_hash(v)),
        }
    }

    fn unhashable(&mut self, v: &Value) -> Value {
        let tn = self.type_name(v);
        self.type_error(format!("unhashable type: '{tn}'"))
    }

    /// An instance's hash: its class's `__hash__` (None when the class defines `__eq__` alone,
    /// see `build_class`), else its identity.
    fn instance_hash(&mut self, v: &Value) -> PyResult<i64> {
        let cls = self.class_of(v);
        match self.class_lookup(&cls, "__hash__") {
            None => Ok(key_hash(v)),
            Some(Value::None) => Err(self.unhashable(v)),
            Some(f) => {
                let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                match r {
                    Value::Int(_) | Value::Bool(_) | Value::Big(_) => Ok(key_hash(&r)),
                    _ => Err(self.type_error("__hash__ method should return an integer")),
                }
            }
        }
    }

    /// The hash naming a dict element's location, computed without running user code: Python's
    /// hash where it needs no machine (frozensets included), identity for instances (so equal
    /// instance keys that are distinct objects name distinct locations: a race between them
    /// may be missed, never invented).
    pub fn location_hash(&self, v: &Value) -> i64 {
        match v {
            Value::Tuple(items) => tuple_hash(
                items
                    .iter()
                    .map(|x| self.location_hash(x))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            Value::Obj(id) => match self.obj(*id) {
                Obj::FrozenSet(s) => frozenset_hash(s.iter().map(Key::hash_value)),
                _ => key_hash(v),
            },
            _ => key_hash(v),
        }
    }

    /// Make a dict key / set member, checking hashability.
    pub fn hashable(&mut self, v: Value) -> PyResult<Key> {
        let h = self.hash_of(&v)?;
        Ok(Key::with_hash(v, h))
    }

    /// The index of the entry equal to `key` in a dict-like object or set (runs user `__eq__`).
    pub fn key_index(&mut self, container: ObjId, key: &Key) -> PyResult<Option<usize>> {
        let probe = KeyProbe {
            key,
            candidates: Default::default(),
        };
        let found = self.probe_index(container, &probe);
        if found.is_some() {
            return Ok(found);
        }
        for c in probe.candidates.into_inner() {
            if is_plain(&key.0) && is_plain(&c) {
                continue;
            }
            if self.eq(&key.0, &c)? {
                // `__eq__` may have changed the container: find the candidate again.
                let stored = Key::with_hash(c, key.hash_value());
                let exact = KeyProbe {
                    key: &stored,
                    candidates: Default::default(),
                };
                if let Some(i) = self.probe_index(container, &exact) {
                    return Ok(Some(i));
                }
            }
        }
        Ok(None)
    }

    fn probe_index(&self, container: ObjId, probe: &KeyProbe) -> Option<usize> {
        let o = self.obj(container);
        if let Some(d) = o.as_dict() {
            return d.get_index_of(probe);
        }
        o.as_set()?.get_index_of(probe)
    }

    fn dict_entries_mut(&mut self, id: ObjId) -> &mut Dict {
        self.obj_mut(id)
            .as_dict_mut()
            .expect("dict operations are applied to dict-like objects")
    }

    fn set_members_mut(&mut self, id: ObjId) -> &mut KeySet {
        match self.obj_mut(id) {
            Obj::Set(s) | Obj::FrozenSet(s) => s,
            _ => unreachable!("set operations are applied to sets"),
        }
    }

    pub fn contains_key(&mut self, container: ObjId, key: &Key) -> PyResult<bool> {
        Ok(self.key_index(container, key)?.is_some())
    }

    pub fn dict_lookup(&mut self, id: ObjId, key: &Key) -> PyResult<Option<Value>> {
        Ok(match self.key_index(id, key)? {
            Some(i) => self
                .obj(id)
                .as_dict()
                .and_then(|d| d.get_index(i))
                .map(|(_, v)| v.clone()),
            None => None,
        })
    }

    /// `d[key] = v`: an existing equal key keeps its place (and its identity).
    pub fn dict_store(&mut self, id: ObjId, key: Key, v: Value) -> PyResult<()> {
        match self.key_index(id, &key)? {
            Some(i) => {
                if let Some((_, slot)) = self.dict_entries_mut(id).get_index_mut(i) {
                    *slot = v;
                }
            }
            None => {
                self.dict_entries_mut(id).insert(key, v);
            }
        }
        Ok(())
    }

    pub fn dict_remove(&mut self, id: ObjId, key: &Key) -> PyResult<Option<Value>> {
        Ok(match self.key_index(id, key)? {
            Some(i) => self
                .dict_entries_mut(id)
                .shift_remove_index(i)
                .map(|(_, v)| v),
            None => None,
        })
    }

    /// Add a member; false when an equal one was there.
    pub fn set_insert(&mut self, id: ObjId, key: Key) -> PyResult<bool> {
        if self.key_index(id, &key)?.is_some() {
            return Ok(false);
        }
        self.set_members_mut(id).insert(key);
        Ok(true)
    }

    pub fn set_remove(&mut self, id: ObjId, key: &Key) -> PyResult<bool> {
        Ok(match self.key_index(id, key)? {
            Some(i) => self.set_members_mut(id).shift_remove_index(i).is_some(),
            None => false,
        })
    }

    /// A new set (or frozenset) of `items`, equal ones once.
    pub fn new_set(&mut self, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
        let set = self.alloc(Obj::Set(KeySet::default()));
        let id = set.as_obj().expect("a set is a heap object");
        for it in items {
            let k = self.hashable(it)?;
            self.set_insert(id, k)?;
        }
        if frozen {
            let members = std::mem::take(self.set_members_mut(id));
            *self.obj_mut(id) = Obj::FrozenSet(members);
        }
        Ok(set)
    }

    /// A new dict of `pairs`, later values of equal keys winning.
    pub fn new_dict_from_pairs(&mut self, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
        let d = self.new_dict(Dict::default());
        let id = d.as_obj().expect("a dict is a heap object");
        for (k, v) in pairs {
            let k = self.hashable(k)?;
            self.dict_store(id, k, v)?;
        }
        Ok(d)
    }

    /// The members of a set, or of any iterable as a (new) set: the right operand of a set
    /// method such as `union` or `issubset`.
    pub fn set_operand(&mut self, v: &Value) -> PyResult<ObjId> {
        if let Value::Obj(id) = v {
            if self.obj(*id).as_set().is_some() {
                return Ok(*id);
            }
        }
        let items = self.iterate_to_vec(v)?;
        let s = self.new_set(items, false)?;
        Ok(s.as_obj().expect("a set is a heap object"))
    }

    pub fn set_keys(&self, id: ObjId) -> Vec<Key> {
        match self.obj(id) {
            Obj::Set(s) | Obj::FrozenSet(s) => s.iter().cloned().collect(),
            o => o
                .as_dict()
                .map(|d| d.keys().cloned().collect())
                .unwrap_or_default(),
        }
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` of two sets as a new set (frozen when asked).
    pub fn set_combine(&mut self, op: BinOp, a: ObjId, b: ObjId, frozen: bool) -> PyResult<Value> {
        let result = self.alloc(Obj::Set(KeySet::default()));
        let r = result.as_obj().expect("a set is a heap object");
        let (ka, kb) = (self.set_keys(a), self.set_keys(b));
        match op {
            BinOp::Or => {
                for k in ka.into_iter().chain(kb) {
                    self.set_insert(r, k)?;
                }
            }
            BinOp::And | BinOp::Sub => {
                let keep_common = op == BinOp::And;
                for k in ka {
                    if self.contains_key(b, &k)? == keep_common {
                        self.set_insert(r, k)?;
                    }
                }
            }
            _ => {
                for k in ka {
                    if !self.contains_key(b, &k)? {
                        self.set_insert(r, k)?;
                    }
                }
                for k in kb {
                    if !self.contains_key(a, &k)? {
                        self.set_insert(r, k)?;
                    }
                }
            }
        }
        if frozen {
            let members = std::mem::take(self.set_members_mut(r));
            *self.obj_mut(r) = Obj::FrozenSet(members);
        }
        Ok(result)
    }

    /// Replace a set's members with those of the set `from` (in-place operators).
    pub fn set_assign(&mut self, id: ObjId, from: &Value) {
        let members = match from {
            Value::Obj(f) => self.obj(*f).as_set().cloned().unwrap_or_default(),
            _ => KeySet::default(),
        };
        *self.set_members_mut(id) = members;
    }

    /// Remove and return the first member (`set.pop`).
    pub fn set_members_pop(&mut self, id: ObjId) -> Option<Key> {
        self.set_members_mut(id).shift_remove_index(0)
    }

    /// Every member of set `a` is in `b`.
    pub fn is_subset(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        for k in self.set_keys(a) {
            if !self.contains_key(b, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub fn set_len(&self, id: ObjId) -> usize {
        let o = self.obj(id);
        o.as_set()
            .map(|s| s.len())
            .or_else(|| o.as_dict().map(|d| d.len()))
            .unwrap_or(0)
    }

    /// `==` of two sets (or a set and a dict's keys).
    pub fn sets_equal(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        Ok(self.set_len(a) == self.set_len(b) && self.is_subset(a, b)?)
    }

    /// `==` of two dicts: the same keys, equal values.
    pub fn dicts_equal(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        let entries: Vec<(Key, Value)> = match self.obj(a).as_dict() {
            Some(d) => d.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            None => return Ok(false),
        };
        if entries.len() != self.obj(b).as_dict().map_or(0, |d| d.len()) {
            return Ok(false);
        }
        for (k, v) in entries {
            match self.dict_lookup(b, &k)? {
                Some(w) => {
                    if !self.eq(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// A TypeError for `hash()` of something that is never hashable (for messages only).
    pub fn check_hashable(&mut self, v: &Value) -> PyResult<()> {
        self.hash_of(v).map(|_| ())
    }

    /// `hash(v)` as Python prints it (-1 is reserved by CPython: it becomes -2).
    pub fn builtin_hash(&mut self, v: &Value) -> PyResult<Value> {
        let h = self.hash_of(v)?;
        Ok(Value::Int(if h == -1 { -2 } else { h }))
    }

    /// The key of an entry equal to `key` (the stored one keeps its identity), if any.
    pub fn stored_key(&mut self, container: ObjId, key: &Key) -> PyResult<Option<Key>> {
        Ok(match self.key_index(container, key)? {
            Some(i) => {
                let o = self.obj(container);
                match o.as_dict() {
                    Some(d) => d.get_index(i).map(|(k, _)| k.clone()),
                    None => o.as_set().and_then(|s| s.get_index(i)).cloned(),
                }
            }
            None => None,
        })
    }

    /// An error for a missing key: `KeyError(key)`.
    pub fn key_error(&mut self, key: &Value) -> Value {
        self.exc_with_args(Value::Type(Ty::KeyError), vec![key.clone()])
    }
}
