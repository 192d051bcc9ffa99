//! Methods of builtin values: str, list, dict, set, tuple, deque, locks, exceptions, generators.
//! A call of a container method is one atomic step, as under the GIL.

use crate::call::Kwargs;
use crate::ops::int_of;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

use crate::natives::{Effect::*, Native, Style};

/// The methods of the builtin value types: their declarations (see `natives.rs`). A container
/// method's call is one atomic step; its effect says whether it reads or changes its receiver.
pub const NATIVES: &[Native] = &[
    Native::new("str.format", "*args, **kwargs", ReadsDeep),
    Native::new("str.join", "iterable, /", Reads),
    Native::new("str.split", "sep=None, maxsplit=-1", Pure),
    Native::new("str.rsplit", "sep=None, maxsplit=-1", Pure),
    Native::new("str.strip", "chars=None, /", Pure),
    Native::new("str.lstrip", "chars=None, /", Pure),
    Native::new("str.rstrip", "chars=None, /", Pure),
    Native::new("str.upper", "", Pure),
    Native::new("str.lower", "", Pure),
    Native::new("str.casefold", "", Pure),
    Native::new("str.swapcase", "", Pure),
    Native::new("str.title", "", Pure),
    Native::new("str.capitalize", "", Pure),
    Native::new("str.startswith", "prefix, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.endswith", "suffix, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.replace", "old, new, count=-1, /", Pure),
    Native::new("str.find", "sub, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.rfind", "sub, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.index", "sub, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.rindex", "sub, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.count", "sub, start=?, end=?, /", Pure).style(Style::ParseTuple),
    Native::new("str.isdigit", "", Pure),
    Native::new("str.isnumeric", "", Pure),
    Native::new("str.isdecimal", "", Pure),
    Native::new("str.isalpha", "", Pure),
    Native::new("str.isalnum", "", Pure),
    Native::new("str.isspace", "", Pure),
    Native::new("str.isupper", "", Pure),
    Native::new("str.islower", "", Pure),
    Native::new("str.istitle", "", Pure),
    Native::new("str.isidentifier", "", Pure),
    Native::new("str.zfill", "width, /", Pure),
    Native::new("str.center", "width, fillchar=' ', /", Pure),
    Native::new("str.ljust", "width, fillchar=' ', /", Pure),
    Native::new("str.rjust", "width, fillchar=' ', /", Pure),
    Native::new("str.splitlines", "keepends=False", Pure),
    Native::new("str.partition", "sep, /", Pure),
    Native::new("str.rpartition", "sep, /", Pure),
    Native::new(
        "str.encode",
        "encoding='utf-8', errors='strict'",
        Unmodelled,
    ),
    Native::new("str.removeprefix", "prefix, /", Pure),
    Native::new("str.removesuffix", "suffix, /", Pure),
    Native::new("str.expandtabs", "tabsize=8", Pure),
    Native::new("list.append", "object, /", WritesReceiver),
    Native::new("list.extend", "iterable, /", WritesReceiver),
    Native::new("list.insert", "index, object, /", WritesReceiver),
    Native::new("list.pop", "index=-1, /", WritesReceiver),
    Native::new("list.remove", "value, /", SearchesReceiver { write: true }),
    Native::new(
        "list.index",
        "value, start=0, stop=9223372036854775807, /",
        SearchesReceiver { write: false },
    ),
    Native::new("list.count", "value, /", SearchesReceiver { write: false }),
    Native::new("list.sort", "*, key=None, reverse=False", WritesReceiver),
    Native::new("list.reverse", "", WritesReceiver),
    Native::new("list.copy", "", ReadsReceiver),
    Native::new("list.clear", "", WritesReceiver),
    Native::new("dict.get", "key, default=None, /", Keyed { write: false }),
    Native::new(
        "dict.setdefault",
        "key, default=None, /",
        Keyed { write: true },
    ),
    Native::new("dict.pop", "key, default=?, /", Keyed { write: true }),
    Native::new("dict.popitem", "", WritesReceiver),
    Native::new("dict.update", "other=?, /, **kwargs", WritesReceiver).style(Style::Checked),
    Native::new("dict.keys", "", ReadsReceiver),
    Native::new("dict.values", "", ReadsReceiver),
    Native::new("dict.items", "", ReadsReceiver),
    Native::new("dict.copy", "", ReadsReceiver),
    Native::new("dict.clear", "", WritesReceiver),
    Native::new("dict.fromkeys", "iterable, value=None, /", Reads),
    Native::new("set.add", "object, /", WritesReceiver),
    Native::new("set.discard", "object, /", WritesReceiver),
    Native::new("set.remove", "object, /", WritesReceiver),
    Native::new("set.pop", "", WritesReceiver),
    Native::new("set.clear", "", WritesReceiver),
    Native::new("set.copy", "", ReadsReceiver),
    Native::new("set.union", "*others", ReadsReceiver),
    Native::new("set.intersection", "*others", ReadsReceiver),
    Native::new("set.difference", "*others", ReadsReceiver),
    Native::new("set.symmetric_difference", "other, /", ReadsReceiver),
    Native::new("set.issubset", "other, /", ReadsReceiver),
    Native::new("set.issuperset", "other, /", ReadsReceiver),
    Native::new("set.isdisjoint", "other, /", ReadsReceiver),
    Native::new("set.update", "*others", WritesReceiver),
    Native::new("set.intersection_update", "*others", WritesReceiver),
    Native::new("set.difference_update", "*others", WritesReceiver),
    Native::new("deque.append", "x, /", WritesReceiver),
    Native::new("deque.appendleft", "x, /", WritesReceiver),
    Native::new("deque.pop", "", WritesReceiver),
    Native::new("deque.popleft", "", WritesReceiver),
    Native::new("deque.extend", "iterable, /", WritesReceiver),
    Native::new("deque.extendleft", "iterable, /", WritesReceiver),
    Native::new("deque.clear", "", WritesReceiver),
    Native::new("deque.rotate", "n=1, /", WritesReceiver),
    Native::new("deque.count", "x, /", SearchesReceiver { write: false }),
    Native::new(
        "deque.index",
        "x, start=?, stop=?, /",
        SearchesReceiver { write: false },
    )
    .style(Style::ParseTuple),
    Native::new("deque.copy", "", ReadsReceiver),
    Native::new("deque.remove", "value, /", SearchesReceiver { write: true }),
    Native::new("deque.reverse", "", WritesReceiver),
    // A tuple is immutable, but the containers it holds are not: comparing reads them.
    Native::new(
        "tuple.index",
        "value, start=0, stop=9223372036854775807, /",
        SearchesReceiver { write: false },
    ),
    Native::new("tuple.count", "value, /", SearchesReceiver { write: false }),
    Native::new("range.index", "value, /", Pure),
    Native::new("range.count", "value, /", Pure),
    Native::new("int.bit_length", "", Pure),
    Native::new("int.conjugate", "", Pure),
    Native::new("float.is_integer", "", Pure),
    Native::new("float.conjugate", "", Pure),
    // An iterator's `__next__` reads what it iterates (a generator runs its own steps).
    Native::new("generator.__next__", "", ReadsReceiver),
    Native::new("generator.__iter__", "", Pure),
    Native::new("generator.send", "value, /", Unmodelled),
    Native::new("generator.close", "", Pure),
];

/// Whether builtin type `t` has a method `name` callable unbound (`str.lower(s)`).
fn type_has_method(t: Ty, name: &str) -> bool {
    // `object.__init__` and its like are functions taking the instance (`builtins.rs`), found by
    // `builtin_class_attr` itself.
    !matches!(t, Ty::Object | Ty::BaseException | Ty::Property)
        && crate::natives::method(t.name(), name).is_some()
}

impl Machine {
    pub fn has_builtin_method(&self, obj: &Value, name: &str) -> bool {
        crate::natives::method_owner(self, obj)
            .and_then(|owner| crate::natives::method(owner, name))
            .is_some()
    }

    /// `obj.name(*args)` for a builtin method.
    pub fn call_builtin_method(
        &mut self,
        obj: &Value,
        name: &str,
        mut args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> PyResult<Value> {
        let native = crate::natives::method_owner(self, obj)
            .and_then(|owner| crate::natives::method(owner, name));
        let Some(native) = native else {
            return Err(self.attribute_error(obj, name));
        };
        self.bind_native(native, &mut args, &mut kwargs)?;
        self.refuse_undeclared_effects(native)?;
        match obj {
            Value::Str(s) => return self.str_method(s.clone(), name, args, kwargs),
            Value::Tuple(t) => {
                let items = t.to_vec();
                return self.seq_index_count(&items, name, &args, "tuple");
            }
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
                if name == "bit_length" {
                    let b = crate::num::to_big(&crate::num::as_number(obj).unwrap());
                    let m = if b < malachite_bigint::BigInt::from(0) {
                        -b
                    } else {
                        b
                    };
                    return Ok(Value::Int(m.bits() as i64));
                }
                return Ok(obj.clone());
            }
            Value::Float(f) => {
                if name == "is_integer" {
                    return Ok(Value::Bool(f.fract() == 0.0 && f.is_finite()));
                }
                return Ok(obj.clone());
            }
            _ => {}
        }
        let Value::Obj(id) = obj else {
            return Err(self.attribute_error(obj, name));
        };
        let id = *id;
        match self.obj_kind(id) {
            Obj::List(_) => self.list_method(id, obj, name, args, kwargs),
            Obj::Counter(_) => match self.counter_method(id, name, &args, &kwargs)? {
                Some(v) => Ok(v),
                None => self.dict_method(id, name, args, kwargs),
            },
            Obj::Dict(_) | Obj::DefaultDict { .. } => self.dict_method(id, name, args, kwargs),
            Obj::Set(_) | Obj::FrozenSet(_) => self.set_method(id, name, args),
            Obj::Deque { .. } => self.deque_method(id, name, args),
            Obj::Lock(_) => self.lock_method(id, name, args, kwargs),
            Obj::Range { .. } => {
                let items = self.seq_items(obj);
                self.seq_index_count(&items, name, &args, "range")
            }
            Obj::Generator(_) | Obj::Iter(_) => match name {
                "__next__" => match self.next_value(obj)? {
                    Some(v) => Ok(v),
                    None => Err(self.exc(Ty::StopIteration, "")),
                },
                "__iter__" => Ok(obj.clone()),
                "close" => {
                    if let Obj::Generator(g) = self.obj_mut(id) {
                        g.frame = None;
                    }
                    Ok(Value::None)
                }
                _ => Err(self.exc(
                    Ty::NotImplementedError,
                    format!("weft does not model generator.{name}()"),
                )),
            },
            _ => Err(self.attribute_error(obj, name)),
        }
    }

    fn seq_index_count(
        &mut self,
        items: &[Value],
        name: &str,
        args: &[Value],
        what: &str,
    ) -> PyResult<Value> {
        let Some(x) = args.first() else {
            return Err(self.type_error(format!(
                "{what}.{name}() takes exactly one argument (0 given)"
            )));
        };
        match name {
            "count" => {
                let mut n = 0;
                for it in items {
                    if self.eq(it, x)? {
                        n += 1;
                    }
                }
                Ok(Value::Int(n))
            }
            _ => {
                let start = args.get(1).and_then(int_of).unwrap_or(0).max(0) as usize;
                for (i, it) in items.iter().enumerate().skip(start) {
                    if self.eq(it, x)? {
                        return Ok(Value::Int(i as i64));
                    }
                }
                let msg = match what {
                    "tuple" => "tuple.index(x): x not in tuple".to_string(),
                    "range" => format!("{} is not in range", self.repr(x)?),
                    "deque" => format!("{} is not in deque", self.repr(x)?),
                    _ => format!("{} is not in list", self.repr(x)?),
                };
                Err(self.exc(Ty::ValueError, msg))
            }
        }
    }

    fn list_method(
        &mut self,
        id: ObjId,
        obj: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<Value> {
        fn list_of(m: &mut Machine, id: ObjId) -> &mut Vec<Value> {
            match m.obj_mut(id) {
                Obj::List(l) => l,
                _ => unreachable!(),
            }
        }

        match name {
            "append" => {
                if args.len() != 1 {
                    return Err(self.type_error(format!(
                        "list.append() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                list_of(self, id).push(args[0].clone());
                self.check_memory()?;
                Ok(Value::None)
            }
            "extend" => {
                let items = self.iterate_to_vec(&args[0])?;
                self.check_alloc(crate::limits::values_bytes(self.seq_len(id) + items.len()))?;
                list_of(self, id).extend(items);
                self.check_memory()?;
                Ok(Value::None)
            }
            "insert" => {
                let i = int_of(&args[0]).unwrap_or(0);
                let l = list_of(self, id);
                let n = l.len() as i64;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
                l.insert(at, args[1].clone());
                Ok(Value::None)
            }
            "pop" => {
                let l = list_of(self, id);
                if l.is_empty() {
                    return Err(self.exc(Ty::IndexError, "pop from empty list"));
                }
                let n = l.len() as i64;
                let i = args.first().and_then(int_of).unwrap_or(-1);
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.exc(Ty::IndexError, "pop index out of range"));
                }
                Ok(list_of(self, id).remove(j as usize))
            }
            "remove" => {
                let items = list_of(self, id).clone();
                for (i, it) in items.iter().enumerate() {
                    if self.eq(it, &args[0])? {
                        list_of(self, id).remove(i);
                        return Ok(Value::None);
                    }
                }
                Err(self.exc(Ty::ValueError, "list.remove(x): x not in list"))
            }
            "index" | "count" => {
                let items = list_of(self, id).clone();
                self.seq_index_count(&items, name, &args, "list")
            }
            "sort" => {
                self.list_sort(obj, &kwargs)?;
                Ok(Value::None)
            }
            "reverse" => {
                list_of(self, id).reverse();
                Ok(Value::None)
            }
            "copy" => {
                let items = list_of(self, id).clone();
                Ok(self.new_list(items))
            }
            "clear" => {
                list_of(self, id).clear();
                Ok(Value::None)
            }
            _ => Err(self.attribute_error(obj, name)),
        }
    }

    fn dict_method(
        &mut self,
        id: ObjId,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<Value> {
        let arity = |m: &mut Machine, lo: usize, hi: usize| -> PyResult<()> {
            if args.len() < lo || args.len() > hi {
                let expected = if lo == hi {
                    format!("exactly {lo} argument{}", if lo == 1 { "" } else { "s" })
                } else if lo == 0 {
                    format!("at most {hi} arguments")
                } else {
                    format!("from {lo} to {hi} arguments")
                };
                return Err(m.type_error(format!("{name} expected {expected}, got {}", args.len())));
            }
            Ok(())
        };
        match name {
            "get" => {
                arity(self, 1, 2)?;
                let k = self.hashable(args[0].clone())?;
                Ok(self
                    .dict_lookup(id, &k)?
                    .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
            }
            "setdefault" => {
                arity(self, 1, 2)?;
                let k = self.hashable(args[0].clone())?;
                if let Some(v) = self.dict_lookup(id, &k)? {
                    return Ok(v);
                }
                let v = args.get(1).cloned().unwrap_or(Value::None);
                self.dict_store(id, k, v.clone())?;
                Ok(v)
            }
            "pop" => {
                arity(self, 1, 2)?;
                let k = self.hashable(args[0].clone())?;
                match self.dict_remove(id, &k)? {
                    Some(v) => Ok(v),
                    None => match args.get(1) {
                        Some(d) => Ok(d.clone()),
                        None => Err(self.key_error(&args[0])),
                    },
                }
            }
            "popitem" => match self.obj_mut(id).as_dict_mut().and_then(|d| d.pop()) {
                Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
                None => Err(self.exc(Ty::KeyError, "popitem(): dictionary is empty")),
            },
            "update" => {
                let d = self.dict_from_args(&args, kwargs)?;
                for (k, v) in d {
                    self.dict_store(id, k, v)?;
                }
                Ok(Value::None)
            }
            "keys" | "values" | "items" => {
                let kind = match name {
                    "keys" => 0,
                    "values" => 1,
                    _ => 2,
                };
                Ok(self.alloc(Obj::DictView { source: id, kind }))
            }
            "copy" => {
                let d = self.dict_clone(id);
                Ok(match self.obj(id) {
                    Obj::DefaultDict { factory, .. } => {
                        let factory = factory.clone();
                        self.alloc(Obj::DefaultDict { factory, dict: d })
                    }
                    _ => self.new_dict(d),
                })
            }
            "clear" => {
                if let Some(d) = self.obj_mut(id).as_dict_mut() {
                    d.clear();
                }
                Ok(Value::None)
            }
            "fromkeys" => self.dict_fromkeys(&args),
            _ => {
                let v = Value::Obj(id);
                Err(self.attribute_error(&v, name))
            }
        }
    }

    fn set_method(&mut self, id: ObjId, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let frozen = matches!(self.obj(id), Obj::FrozenSet(_));
        let mut others = Vec::new();
        if matches!(
            name,
            "union"
                | "intersection"
                | "difference"
                | "symmetric_difference"
                | "issubset"
                | "issuperset"
                | "isdisjoint"
                | "update"
                | "intersection_update"
                | "difference_update"
        ) {
            for a in &args {
                others.push(self.set_operand(a)?);
            }
        }
        let needs_one = |m: &mut Machine| -> PyResult<Value> {
            match args.first() {
                Some(a) if args.len() == 1 => Ok(a.clone()),
                _ => Err(m.type_error(format!(
                    "set.{name}() takes exactly one argument ({} given)",
                    args.len()
                ))),
            }
        };
        match name {
            "add" => {
                let item = needs_one(self)?;
                let k = self.hashable(item)?;
                self.set_insert(id, k)?;
                Ok(Value::None)
            }
            "discard" | "remove" => {
                let item = needs_one(self)?;
                let k = match self.hashable(item.clone()) {
                    Ok(k) => k,
                    Err(e) => match self.frozen_copy(&item) {
                        Some(f) => self.hashable(f)?,
                        None => return Err(e),
                    },
                };
                if !self.set_remove(id, &k)? && name == "remove" {
                    return Err(self.key_error(&item));
                }
                Ok(Value::None)
            }
            "pop" => match self.set_members_pop(id) {
                Some(k) => Ok(k.0),
                None => Err(self.exc(Ty::KeyError, "pop from an empty set")),
            },
            "clear" => {
                self.set_assign(id, &Value::None);
                Ok(Value::None)
            }
            "copy" => {
                let members = self.obj(id).as_set().cloned().unwrap_or_default();
                Ok(if frozen {
                    self.alloc(Obj::FrozenSet(members))
                } else {
                    self.alloc(Obj::Set(members))
                })
            }
            "union"
            | "update"
            | "intersection"
            | "intersection_update"
            | "difference"
            | "difference_update" => {
                let op = match name {
                    "union" | "update" => crate::code::BinOp::Or,
                    "intersection" | "intersection_update" => crate::code::BinOp::And,
                    _ => crate::code::BinOp::Sub,
                };
                let mut r = {
                    let members = self.obj(id).as_set().cloned().unwrap_or_default();
                    self.alloc(Obj::Set(members))
                };
                for o in others {
                    let rid = r.as_obj().expect("a set is a heap object");
                    r = self.set_combine(op, rid, o, false)?;
                }
                if name.ends_with("update") {
                    self.set_assign(id, &r);
                    return Ok(Value::None);
                }
                if frozen {
                    let rid = r.as_obj().expect("a set is a heap object");
                    r = self.set_combine(crate::code::BinOp::Or, rid, rid, true)?;
                }
                Ok(r)
            }
            "symmetric_difference" => {
                let Some(o) = others.pop() else {
                    return Err(self.type_error(
                        "set.symmetric_difference() takes exactly one argument (0 given)",
                    ));
                };
                self.set_combine(crate::code::BinOp::Xor, id, o, frozen)
            }
            "issubset" | "issuperset" | "isdisjoint" => {
                let Some(&o) = others.first() else {
                    return Err(self
                        .type_error(format!("set.{name}() takes exactly one argument (0 given)")));
                };
                Ok(Value::Bool(match name {
                    "issubset" => self.is_subset(id, o)?,
                    "issuperset" => self.is_subset(o, id)?,
                    _ => {
                        let common = self.set_combine(crate::code::BinOp::And, id, o, false)?;
                        self.set_len(common.as_obj().expect("a set is a heap object")) == 0
                    }
                }))
            }
            _ => {
                let v = Value::Obj(id);
                Err(self.attribute_error(&v, name))
            }
        }
    }

    fn deque_method(&mut self, id: ObjId, name: &str, args: Vec<Value>) -> PyResult<Value> {
        fn dq(
            m: &mut Machine,
            id: ObjId,
        ) -> (&mut std::collections::VecDeque<Value>, Option<usize>) {
            match m.obj_mut(id) {
                Obj::Deque { items, maxlen } => (items, *maxlen),
                _ => unreachable!(),
            }
        }
        match name {
            "append" | "appendleft" => {
                let (d, maxlen) = dq(self, id);
                if name == "append" {
                    d.push_back(args[0].clone());
                    if maxlen.is_some_and(|m| d.len() > m) {
                        d.pop_front();
                    }
                } else {
                    d.push_front(args[0].clone());
                    if maxlen.is_some_and(|m| d.len() > m) {
                        d.pop_back();
                    }
                }
                Ok(Value::None)
            }
            "pop" | "popleft" => {
                let (d, _) = dq(self, id);
                let r = if name == "pop" {
                    d.pop_back()
                } else {
                    d.pop_front()
                };
                match r {
                    Some(v) => Ok(v),
                    None => Err(self.exc(Ty::IndexError, "pop from an empty deque")),
                }
            }
            "extend" | "extendleft" => {
                let items = self.iterate_to_vec(&args[0])?;
                let (d, maxlen) = dq(self, id);
                for it in items {
                    if name == "extend" {
                        d.push_back(it);
                        if maxlen.is_some_and(|m| d.len() > m) {
                            d.pop_front();
                        }
                    } else {
                        d.push_front(it);
                        if maxlen.is_some_and(|m| d.len() > m) {
                            d.pop_back();
                        }
                    }
                }
                Ok(Value::None)
            }
            "clear" => {
                dq(self, id).0.clear();
                Ok(Value::None)
            }
            "reverse" => {
                let d = dq(self, id).0;
                let v: Vec<Value> = d.drain(..).rev().collect();
                d.extend(v);
                Ok(Value::None)
            }
            "rotate" => {
                let n = args.first().and_then(int_of).unwrap_or(1);
                let d = dq(self, id).0;
                if !d.is_empty() {
                    let len = d.len() as i64;
                    let k = n.rem_euclid(len) as usize;
                    d.rotate_right(k);
                }
                Ok(Value::None)
            }
            "copy" => {
                let (d, maxlen) = dq(self, id);
                let items = d.clone();
                Ok(self.alloc(Obj::Deque { items, maxlen }))
            }
            "remove" => {
                let items: Vec<Value> = dq(self, id).0.iter().cloned().collect();
                for (i, it) in items.iter().enumerate() {
                    if self.eq(it, &args[0])? {
                        dq(self, id).0.remove(i);
                        return Ok(Value::None);
                    }
                }
                Err(self.exc(Ty::ValueError, "deque.remove(x): x not in deque"))
            }
            _ => {
                let items: Vec<Value> = dq(self, id).0.iter().cloned().collect();
                self.seq_index_count(&items, name, &args, "deque")
            }
        }
    }

    pub fn check_memory(&mut self) -> PyResult<()> {
        if self.heap.len() > self.options.max_objects {
            return Err(self.exc(Ty::MemoryError, ""));
        }
        Ok(())
    }

    /// Data attributes of builtin values (`e.args`, `lock`, `deque.maxlen`, `range.start`, ...).
    pub fn builtin_data_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(self.class_of(obj)));
        }
        Ok(match obj {
            Value::Obj(id) => match (self.obj(*id), name) {
                (Obj::Deque { maxlen, .. }, "maxlen") => {
                    Some(maxlen.map(|m| Value::Int(m as i64)).unwrap_or(Value::None))
                }
                (Obj::Range { start, .. }, "start") => Some(Value::Int(*start)),
                (Obj::Range { stop, .. }, "stop") => Some(Value::Int(*stop)),
                (Obj::Range { step, .. }, "step") => Some(Value::Int(*step)),
                (Obj::DefaultDict { factory, .. }, "default_factory") => Some(factory.clone()),
                (Obj::Partial { func, .. }, "func") => Some(func.clone()),
                (Obj::Partial { args, .. }, "args") => Some(Value::tuple(args.clone())),
                (Obj::Partial { kwargs, .. }, "keywords") => {
                    let d = kwargs
                        .iter()
                        .map(|(k, v)| (Key::str(k.clone()), v.clone()))
                        .collect();
                    Some(self.new_dict(d))
                }
                _ => None,
            },
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => match name {
                "real" | "numerator" => Some(obj.clone()),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => None,
            },
            Value::Float(_) => match name {
                "real" => Some(obj.clone()),
                "imag" => Some(Value::Float(0.0)),
                _ => None,
            },
            Value::Builtin(n) => match name {
                "__name__" | "__qualname__" => Some(Value::str(n.rsplit('.').next().unwrap_or(n))),
                _ => None,
            },
            _ => None,
        })
    }

    /// Attributes of builtin classes (`dict.fromkeys`, `str.join`, ...).
    pub fn builtin_class_attr(&mut self, cls: &Value, name: &str) -> Option<Value> {
        match (cls, name) {
            (Value::Type(Ty::Dict), "fromkeys") => Some(Value::Builtin("dict.fromkeys")),
            (Value::Type(t), _) if type_has_method(*t, name) => {
                // An unbound method (`str.lower`): the receiver is the first argument.
                Some(self.alloc(Obj::BoundMethod {
                    receiver: cls.clone(),
                    func: Value::Str(Arc::from(name)),
                }))
            }
            (Value::Type(t), "__name__") => Some(Value::str(t.name())),
            (Value::Type(t), "__mro__" | "__bases__") => {
                let mut chain = vec![Value::Type(*t)];
                let mut at = *t;
                while let Some(p) = at.parent() {
                    chain.push(Value::Type(p));
                    at = p;
                }
                if *t != Ty::Object && !matches!(chain.last(), Some(Value::Type(Ty::Object))) {
                    chain.push(Value::Type(Ty::Object));
                }
                Some(if name == "__mro__" {
                    Value::tuple(chain)
                } else {
                    Value::tuple(chain.get(1).cloned().into_iter().collect())
                })
            }
            (Value::Type(t), "__init__") if t.is_exception() => {
                Some(Value::Builtin("BaseException.__init__"))
            }
            (Value::Type(_), "__init__") => Some(Value::Builtin("object.__init__")),
            (Value::Type(_), "__str__") => Some(Value::Builtin("object.__str__")),
            (Value::Type(_), "__eq__") => Some(Value::Builtin("object.__eq__")),
            (Value::Type(_), "__hash__") => Some(Value::Builtin("object.__hash__")),
            (Value::Type(_), "__setattr__") => Some(Value::Builtin("object.__setattr__")),
            _ => None,
        }
    }

    /// A builtin type's method as `super()` finds it.
    pub fn builtin_super_method(&self, t: Ty, name: &str) -> Option<Value> {
        match name {
            "__init__" if t.is_exception() => Some(Value::Builtin("BaseException.__init__")),
            "__str__" if t.is_exception() => Some(Value::Builtin("BaseException.__str__")),
            "__init__" => Some(Value::Builtin("object.__init__")),
            "__str__" | "__repr__" => Some(Value::Builtin("object.__str__")),
            "__eq__" => Some(Value::Builtin("object.__eq__")),
            "__hash__" => Some(Value::Builtin("object.__hash__")),
            "__setattr__" => Some(Value::Builtin("object.__setattr__")),
            _ => None,
        }
    }

    fn str_method(
        &mut self,
        s: Arc<str>,
        name: &str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<Value> {
        let arg_str = |m: &mut Machine, i: usize| -> PyResult<Option<String>> {
            match args.get(i) {
                None | Some(Value::None) => Ok(None),
                Some(Value::Str(x)) => Ok(Some(x.to_string())),
                Some(other) => {
                    let tn = m.type_name(other);
                    Err(m.type_error(format!("must be str or None, not {tn}")))
                }
            }
        };
        Ok(match name {
            "upper" => Value::str(&s.to_uppercase()),
            "lower" | "casefold" => Value::str(&s.to_lowercase()),
            "swapcase" => Value::str(
                &s.chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect::<String>(),
            ),
            "strip" | "lstrip" | "rstrip" => {
                let chars = arg_str(self, 0)?;
                let pat = |c: char| match &chars {
                    Some(set) => set.contains(c),
                    None => c.is_whitespace(),
                };
                Value::str(match name {
                    "strip" => s.trim_matches(pat),
                    "lstrip" => s.trim_start_matches(pat),
                    _ => s.trim_end_matches(pat),
                })
            }
            "split" | "rsplit" => {
                let sep = match args
                    .first()
                    .or_else(|| kwargs.iter().find(|(k, _)| &**k == "sep").map(|(_, v)| v))
                {
                    None | Some(Value::None) => None,
                    Some(Value::Str(x)) => Some(x.to_string()),
                    Some(other) => {
                        let tn = self.type_name(other);
                        return Err(self.type_error(format!("must be str or None, not {tn}")));
                    }
                };
                let maxsplit = args
                    .get(1)
                    .or_else(|| {
                        kwargs
                            .iter()
                            .find(|(k, _)| &**k == "maxsplit")
                            .map(|(_, v)| v)
                    })
                    .and_then(int_of)
                    .unwrap_or(-1);
                let parts: Vec<String> = match sep {
                    Some(sep) => {
                        if sep.is_empty() {
                            return Err(self.exc(Ty::ValueError, "empty separator"));
                        }
                        if maxsplit < 0 {
                            s.split(sep.as_str()).map(str::to_string).collect()
                        } else if name == "split" {
                            s.splitn(maxsplit as usize + 1, sep.as_str())
                                .map(str::to_string)
                                .collect()
                        } else {
                            let mut v: Vec<String> = s
                                .rsplitn(maxsplit as usize + 1, sep.as_str())
                                .map(str::to_string)
                                .collect();
                            v.reverse();
                            v
                        }
                    }
                    None => {
                        if maxsplit < 0 {
                            s.split_whitespace().map(str::to_string).collect()
                        } else if name == "split" {
                            let mut out = Vec::new();
                            let mut rest = s.trim_start();
                            while !rest.is_empty() {
                                if out.len() as i64 == maxsplit {
                                    out.push(rest.to_string());
                                    break;
                                }
                                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                                out.push(rest[..end].to_string());
                                rest = rest[end..].trim_start();
                            }
                            out
                        } else {
                            let mut out = Vec::new();
                            let mut rest = s.trim_end();
                            while !rest.is_empty() {
                                if out.len() as i64 == maxsplit {
                                    out.push(rest.to_string());
                                    break;
                                }
                                let start =
                                    rest.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
                                out.push(rest[start..].to_string());
                                rest = rest[..start].trim_end();
                            }
                            out.reverse();
                            out
                        }
                    }
                };
                let items = parts.iter().map(|p| Value::str(p)).collect();
                self.new_list(items)
            }
            "splitlines" => {
                // `keepends` is an integer (a bool is one), as CPython converts it.
                let keep = match args.first() {
                    None => false,
                    Some(v) => match int_of(v) {
                        Some(k) => k != 0,
                        None => {
                            let tn = self.type_name(v);
                            return Err(self.type_error(format!(
                                "'{tn}' object cannot be interpreted as an integer"
                            )));
                        }
                    },
                };
                let mut items = Vec::new();
                let mut cur = String::new();
                let mut chars = s.chars().peekable();
                while let Some(c) = chars.next() {
                    let brk = matches!(
                        c,
                        '\n' | '\r'
                            | '\x0b'
                            | '\x0c'
                            | '\x1c'
                            | '\x1d'
                            | '\x1e'
                            | '\u{85}'
                            | '\u{2028}'
                            | '\u{2029}'
                    );
                    if !brk {
                        cur.push(c);
                        continue;
                    }
                    let mut end = c.to_string();
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                        end.push('\n');
                    }
                    if keep {
                        cur.push_str(&end);
                    }
                    items.push(Value::str(&std::mem::take(&mut cur)));
                }
                if !cur.is_empty() {
                    items.push(Value::str(&cur));
                }
                self.new_list(items)
            }
            "join" => {
                let items = self.iterate_to_vec(&args[0])?;
                self.check_join(&s, &items)?;
                let mut out = String::new();
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&s);
                    }
                    match it {
                        Value::Str(x) => out.push_str(x),
                        other => {
                            let tn = self.type_name(other);
                            return Err(self.type_error(format!(
                                "sequence item {i}: expected str instance, {tn} found"
                            )));
                        }
                    }
                }
                Value::str(&out)
            }
            "startswith" | "endswith" => {
                let pats: Vec<String> = match &args[0] {
                    Value::Str(p) => vec![p.to_string()],
                    Value::Tuple(t) => t
                        .iter()
                        .filter_map(|v| {
                            if let Value::Str(p) = v {
                                Some(p.to_string())
                            } else {
                                None
                            }
                        })
                        .collect(),
                    other => {
                        let tn = self.type_name(other);
                        return Err(self.type_error(format!(
                            "{name} first arg must be str or a tuple of str, not {tn}"
                        )));
                    }
                };
                let start = args.get(1).and_then(int_of).unwrap_or(0).max(0) as usize;
                let sub: String = s.chars().skip(start).collect();
                Value::Bool(pats.iter().any(|p| {
                    if name == "startswith" {
                        sub.starts_with(p.as_str())
                    } else {
                        sub.ends_with(p.as_str())
                    }
                }))
            }
            "replace" => {
                let (Value::Str(a), Value::Str(b)) = (&args[0], &args[1]) else {
                    return Err(self.type_error("replace() arguments must be str"));
                };
                let count = args.get(2).and_then(int_of).unwrap_or(-1);
                if count < 0 {
                    Value::str(&s.replace(&**a, b))
                } else {
                    Value::str(&s.replacen(&**a, b, count as usize))
                }
            }
            "find" | "rfind" | "index" | "rindex" | "count" => {
                let Value::Str(sub) = &args[0] else {
                    let tn = self.type_name(&args[0]);
                    return Err(self.type_error(format!("must be str, not {tn}")));
                };
                let chars: Vec<char> = s.chars().collect();
                let n = chars.len() as i64;
                let norm = |v: Option<&Value>, d: i64| -> i64 {
                    match v.and_then(int_of) {
                        Some(i) if i < 0 => (i + n).max(0),
                        Some(i) => i.min(n),
                        None => d,
                    }
                };
                let start = norm(args.get(1), 0) as usize;
                let end = norm(args.get(2), n) as usize;
                let hay: String = if start <= end {
                    chars[start..end].iter().collect()
                } else {
                    String::new()
                };
                if name == "count" {
                    if sub.is_empty() {
                        Value::Int(hay.chars().count() as i64 + 1)
                    } else {
                        Value::Int(hay.matches(&**sub).count() as i64)
                    }
                } else {
                    let pos = if name.starts_with('r') {
                        hay.rfind(&**sub)
                    } else {
                        hay.find(&**sub)
                    };
                    match pos {
                        Some(b) => Value::Int((hay[..b].chars().count() + start) as i64),
                        None => {
                            if name.ends_with("index") {
                                return Err(self.exc(Ty::ValueError, "substring not found"));
                            }
                            Value::Int(-1)
                        }
                    }
                }
            }
            "isdigit" | "isnumeric" | "isdecimal" => Value::Bool(
                !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c.is_numeric()),
            ),
            "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
            "isalnum" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
            "isspace" => Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
            "isupper" => {
                Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))
            }
            "islower" => {
                Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))
            }
            "isidentifier" => Value::Bool(
                !s.is_empty()
                    && !s.starts_with(|c: char| c.is_ascii_digit())
                    && s.chars().all(|c| c.is_alphanumeric() || c == '_'),
            ),
            "istitle" => Value::Bool(title(&s) == *s && s.chars().any(char::is_alphabetic)),
            "zfill" => {
                let w = args.first().and_then(int_of).unwrap_or(0).max(0) as usize;
                self.check_alloc(w as u64)?;
                let n = s.chars().count();
                if n >= w {
                    Value::Str(s.clone())
                } else {
                    let (sign, rest) = if s.starts_with(['+', '-']) {
                        (&s[..1], &s[1..])
                    } else {
                        ("", &*s)
                    };
                    Value::str(&format!("{sign}{}{rest}", "0".repeat(w - n)))
                }
            }
            "center" | "ljust" | "rjust" => {
                let w = args.first().and_then(int_of).unwrap_or(0).max(0) as usize;
                self.check_alloc((w as u64).saturating_mul(4))?;
                let fill = match args.get(1) {
                    Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap(),
                    Some(_) => {
                        return Err(self
                            .type_error("The fill character must be exactly one character long"))
                    }
                    None => ' ',
                };
                let n = s.chars().count();
                if n >= w {
                    Value::Str(s.clone())
                } else {
                    let pad = w - n;
                    let f = |k: usize| fill.to_string().repeat(k);
                    Value::str(&match name {
                        "ljust" => format!("{s}{}", f(pad)),
                        "rjust" => format!("{}{s}", f(pad)),
                        _ => {
                            let left = pad / 2 + (pad & w & 1);
                            format!("{}{s}{}", f(left), f(pad - left))
                        }
                    })
                }
            }
            "title" => Value::str(&title(&s)),
            "capitalize" => {
                let mut c = s.chars();
                Value::str(&match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                    None => String::new(),
                })
            }
            "partition" | "rpartition" => {
                let Value::Str(sep) = &args[0] else {
                    return Err(self.type_error("must be str"));
                };
                let pos = if name == "partition" {
                    s.find(&**sep)
                } else {
                    s.rfind(&**sep)
                };
                match pos {
                    Some(i) => Value::tuple(vec![
                        Value::str(&s[..i]),
                        Value::Str(sep.clone()),
                        Value::str(&s[i + sep.len()..]),
                    ]),
                    None => {
                        if name == "partition" {
                            Value::tuple(vec![
                                Value::Str(s.clone()),
                                Value::str(""),
                                Value::str(""),
                            ])
                        } else {
                            Value::tuple(vec![
                                Value::str(""),
                                Value::str(""),
                                Value::Str(s.clone()),
                            ])
                        }
                    }
                }
            }
            "removeprefix" => {
                let p = arg_str(self, 0)?.unwrap_or_default();
                Value::str(s.strip_prefix(p.as_str()).unwrap_or(&s))
            }
            "removesuffix" => {
                let p = arg_str(self, 0)?.unwrap_or_default();
                Value::str(s.strip_suffix(p.as_str()).unwrap_or(&s))
            }
            "expandtabs" => Value::str(&s.replace('\t', "        ")),
            "encode" => return Err(self.exc(Ty::NotImplementedError, "weft does not model bytes")),
            "format" => Value::str(&self.str_format(&s, &args, &kwargs)?),
            _ => return Err(self.attribute_error(&Value::Str(s.clone()), name)),
        })
    }

    /// `str.format`.
    pub fn str_format(&mut self, fmt: &str, args: &[Value], kwargs: &Kwargs) -> PyResult<String> {
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut auto = 0usize;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' {
                if chars.get(i + 1) == Some(&'{') {
                    out.push('{');
                    i += 2;
                    continue;
                }
                let mut depth = 1;
                let mut j = i + 1;
                while j < chars.len() && depth > 0 {
                    if chars[j] == '{' {
                        depth += 1;
                    } else if chars[j] == '}' {
                        depth -= 1;
                    }
                    j += 1;
                }
                if depth != 0 {
                    return Err(self.exc(Ty::ValueError, "Single '{' encountered in format string"));
                }
                let field: String = chars[i + 1..j - 1].iter().collect();
                i = j;
                let (name_conv, spec) = match field.find(':') {
                    Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name, conv) = match name_conv.find('!') {
                    Some(p) => (
                        name_conv[..p].to_string(),
                        Some(name_conv[p + 1..].to_string()),
                    ),
                    None => (name_conv, None),
                };
                // Field name: index or keyword, then .attr / [key] parts.
                let first_end = name.find(['.', '[']).unwrap_or(name.len());
                let head = &name[..first_end];
                let mut value = if head.is_empty() {
                    let v = args.get(auto).cloned();
                    auto += 1;
                    match v {
                        Some(v) => v,
                        None => {
                            return Err(self.exc(
                                Ty::IndexError,
                                format!(
                                    "Replacement index {} out of range for positional args tuple",
                                    auto - 1
                                ),
                            ))
                        }
                    }
                } else if let Ok(n) = head.parse::<usize>() {
                    match args.get(n) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(self.exc(
                                Ty::IndexError,
                                format!(
                                    "Replacement index {n} out of range for positional args tuple"
                                ),
                            ))
                        }
                    }
                } else {
                    match kwargs.iter().find(|(k, _)| &**k == head) {
                        Some((_, v)) => v.clone(),
                        None => {
                            return Err(self
                                .exc_with_args(Value::Type(Ty::KeyError), vec![Value::str(head)]))
                        }
                    }
                };
                let mut rest = &name[first_end..];
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('.') {
                        let end = r.find(['.', '[']).unwrap_or(r.len());
                        value = match self.get_attr(&value, &r[..end])? {
                            crate::interp::AttrResult::Value(v) => v,
                            crate::interp::AttrResult::CallPushed => self.run_pushed(),
                        };
                        rest = &r[end..];
                    } else if let Some(r) = rest.strip_prefix('[') {
                        let end = r.find(']').unwrap_or(r.len());
                        let key = &r[..end];
                        let k = match key.parse::<i64>() {
                            Ok(n) => Value::Int(n),
                            Err(_) => Value::str(key),
                        };
                        value = self.get_item(&value, &k)?.unwrap_or(Value::None);
                        rest = &r[(end + 1).min(r.len())..];
                    } else {
                        break;
                    }
                }
                let value = match conv.as_deref() {
                    Some("r") | Some("a") => Value::str(&self.repr(&value)?),
                    Some("s") => Value::str(&self.to_str(&value)?),
                    _ => value,
                };
                let spec = if spec.contains('{') {
                    self.str_format(&spec, args, kwargs)?
                } else {
                    spec
                };
                out.push_str(&self.format_value(&value, &spec)?);
            } else if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(self.exc(Ty::ValueError, "Single '}' encountered in format string"));
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(out)
    }

    fn run_pushed(&mut self) -> Value {
        let t = self.current;
        if let Some(f) = self.threads[t].frames.last_mut() {
            f.on_return = OnReturn::Nested;
        }
        self.run_nested().unwrap_or(Value::None)
    }
}

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}
