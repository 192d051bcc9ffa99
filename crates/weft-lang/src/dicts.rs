//! Dict views (`keys()`, `values()`, `items()`: live, sized, set-like for keys and items),
//! `dict.fromkeys`, and `collections.Counter`, a native dict whose missing keys count 0, with
//! CPython's `most_common` order, multiset arithmetic and repr. Counter is native rather than
//! Python in a prelude so that its element accesses are visible operations like a dict's.

use crate::call::Kwargs;
use crate::code::BinOp;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;

use crate::natives::{Effect::*, Native, Style};

/// A Counter's methods beyond a dict's (see `natives.rs`); CPython writes them in Python, so
/// their argument errors are a Python function's.
pub const NATIVES: &[Native] = &[
    Native::new("Counter.most_common", "n=None", ReadsReceiver).style(Style::Python),
    Native::new("Counter.elements", "", ReadsReceiver).style(Style::Python),
    Native::new("Counter.update", "iterable=None, /, **kwds", WritesReceiver).style(Style::Python),
    Native::new(
        "Counter.subtract",
        "iterable=None, /, **kwds",
        WritesReceiver,
    )
    .style(Style::Python),
    Native::new("Counter.total", "", ReadsReceiver).style(Style::Python),
    Native::new("Counter.copy", "", ReadsReceiver).style(Style::Python),
    Native::new("Counter.fromkeys", "iterable, v=None, /", Pure).style(Style::Python),
];

impl Machine {
    /// What a view over dict `source` yields: keys (`kind` 0), values (1) or (key, value) (2).
    pub fn view_items(&self, source: ObjId, kind: u8) -> Vec<Value> {
        let Some(d) = self.obj(source).as_dict() else {
            return Vec::new();
        };
        match kind {
            0 => d.keys().map(|k| k.0.clone()).collect(),
            1 => d.values().cloned().collect(),
            _ => d
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
                .collect(),
        }
    }

    /// `item in view`.
    pub fn view_contains(&mut self, source: ObjId, kind: u8, item: &Value) -> PyResult<bool> {
        match kind {
            0 => {
                let k = self.hashable(item.clone())?;
                self.contains_key(source, &k)
            }
            1 => {
                for v in self.view_items(source, 1) {
                    if self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let Value::Tuple(pair) = item else {
                    return Ok(false);
                };
                if pair.len() != 2 {
                    return Ok(false);
                }
                let k = self.hashable(pair[0].clone())?;
                match self.dict_lookup(source, &k)? {
                    Some(v) => self.eq(&v, &pair[1]),
                    None => Ok(false),
                }
            }
        }
    }

    /// A set, or a keys/items view, as an object the set algebra of `keys.rs` works on (a keys
    /// view is its dict; an items view becomes a new set of pairs).
    pub fn set_of(&mut self, id: ObjId) -> PyResult<ObjId> {
        match self.obj(id) {
            Obj::DictView { source, kind: 0 } => Ok(*source),
            Obj::DictView { source, kind } => {
                let items = self.view_items(*source, *kind);
                let s = self.new_set(items, false)?;
                Ok(s.as_obj().expect("a set is a heap object"))
            }
            _ => Ok(id),
        }
    }

    /// A frozenset with the members of set `v` (`{1} in s` looks for `frozenset({1})`).
    pub fn frozen_copy(&mut self, v: &Value) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        let Obj::Set(s) = self.obj(*id) else {
            return None;
        };
        let members = s.clone();
        Some(self.alloc(Obj::FrozenSet(members)))
    }

    /// `dict.fromkeys(iterable, value=None)`.
    pub fn dict_fromkeys(&mut self, args: &[Value]) -> PyResult<Value> {
        let Some(src) = args.first() else {
            return Err(self.type_error("fromkeys expected at least 1 argument, got 0"));
        };
        let value = args.get(1).cloned().unwrap_or(Value::None);
        let keys = self.iterate_to_vec(src)?;
        let pairs = keys.into_iter().map(|k| (k, value.clone())).collect();
        self.new_dict_from_pairs(pairs)
    }

    // ------------------------------------------------------------------ Counter

    /// `Counter(iterable_or_mapping, **kwargs)`.
    pub fn new_counter(&mut self, args: &[Value], kwargs: Kwargs) -> PyResult<Value> {
        if args.len() > 1 {
            return Err(self.type_error(format!("expected at most 1 argument, got {}", args.len())));
        }
        let c = self.alloc(Obj::Counter(Dict::default()));
        let id = c.as_obj().expect("a Counter is a heap object");
        self.counter_update(id, args, kwargs, BinOp::Add)?;
        Ok(c)
    }

    /// `update` (`op` Add) and `subtract` (`op` Sub): counts from a mapping, or one per element
    /// of an iterable.
    fn counter_update(
        &mut self,
        id: ObjId,
        args: &[Value],
        kwargs: Kwargs,
        op: BinOp,
    ) -> PyResult<()> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        if let Some(src) = args.first() {
            let is_mapping = matches!(src, Value::Obj(s) if self.obj(*s).as_dict().is_some());
            if is_mapping {
                for (k, v) in self.mapping_items(src)? {
                    pairs.push((k.0, v));
                }
            } else if !src.is_none() {
                for x in self.iterate_to_vec(src)? {
                    pairs.push((x, Value::Int(1)));
                }
            }
        }
        for (k, v) in kwargs {
            pairs.push((Value::Str(k), v));
        }
        for (k, n) in pairs {
            let k = self.hashable(k)?;
            let current = self.dict_lookup(id, &k)?.unwrap_or(Value::Int(0));
            let updated = self
                .binary_op(op, &current, &n, false)?
                .unwrap_or(Value::None);
            self.dict_store(id, k, updated)?;
        }
        Ok(())
    }

    /// Entries by count, largest first; equal counts keep insertion order (`most_common`).
    pub fn counter_most_common(
        &mut self,
        id: ObjId,
        n: Option<usize>,
    ) -> PyResult<Vec<(Key, Value)>> {
        let entries: Vec<(Key, Value)> = self.dict_clone(id).into_iter().collect();
        let keyed = entries
            .iter()
            .enumerate()
            .map(|(i, (_, v))| (v.clone(), Value::Int(i as i64)))
            .collect();
        let mut err = None;
        let sorted = crate::builtins::merge_sort(self, keyed, true, &mut err);
        if let Some(e) = err {
            return Err(e);
        }
        let take = n.unwrap_or(entries.len());
        Ok(sorted
            .into_iter()
            .take(take)
            .filter_map(|(_, i)| match i {
                Value::Int(i) => entries.get(i as usize).cloned(),
                _ => None,
            })
            .collect())
    }

    /// Counter methods that a dict does not have (None: use the dict's).
    pub fn counter_method(
        &mut self,
        id: ObjId,
        name: &str,
        args: &[Value],
        kwargs: &Kwargs,
    ) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "most_common" => {
                let n = match args.first() {
                    None | Some(Value::None) => None,
                    Some(v) => Some(crate::ops::int_of(v).unwrap_or(0).max(0) as usize),
                };
                let items = self
                    .counter_most_common(id, n)?
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k.0, v]))
                    .collect();
                self.new_list(items)
            }
            "elements" => {
                let mut out = Vec::new();
                for (k, v) in self.dict_clone(id) {
                    let n = crate::ops::int_of(&v).unwrap_or(0);
                    for _ in 0..n.max(0) {
                        out.push(k.0.clone());
                    }
                }
                let l = self.new_list(out);
                self.get_iter(&l)?
            }
            "update" | "subtract" => {
                let op = if name == "update" {
                    BinOp::Add
                } else {
                    BinOp::Sub
                };
                self.counter_update(id, args, kwargs.clone(), op)?;
                Value::None
            }
            "total" => {
                let mut acc = Value::Int(0);
                for v in self.dict_clone(id).into_values() {
                    acc = self
                        .binary_op(BinOp::Add, &acc, &v, false)?
                        .unwrap_or(Value::None);
                }
                acc
            }
            "copy" => {
                let d = self.dict_clone(id);
                self.alloc(Obj::Counter(d))
            }
            "fromkeys" => {
                return Err(self.exc(
                    Ty::NotImplementedError,
                    "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
                ))
            }
            _ => return Ok(None),
        }))
    }

    /// `a + b`, `a - b`, `a | b`, `a & b` of Counters: only positive counts are kept; elements
    /// of `a` first, then those only in `b` (CPython's order).
    pub fn counter_combine(&mut self, op: BinOp, a: ObjId, b: ObjId) -> PyResult<Value> {
        let result = self.alloc(Obj::Counter(Dict::default()));
        let r = result.as_obj().expect("a Counter is a heap object");
        let zero = Value::Int(0);
        for (k, count) in self.dict_clone(a) {
            let other = self.dict_lookup(b, &k)?.unwrap_or(Value::Int(0));
            let n = match op {
                BinOp::Add | BinOp::Sub => self
                    .binary_op(op, &count, &other, false)?
                    .unwrap_or(Value::None),
                _ => {
                    // `|` keeps the larger count, `&` the smaller.
                    let other_larger = self.compare(crate::code::CmpOp::Lt, &count, &other)?;
                    if self.truthy(&other_larger)? == (op == BinOp::Or) {
                        other
                    } else {
                        count
                    }
                }
            };
            if self.is_positive(&n)? {
                self.dict_store(r, k, n)?;
            }
        }
        if op != BinOp::And {
            for (k, count) in self.dict_clone(b) {
                if self.contains_key(a, &k)? {
                    continue;
                }
                let n = if op == BinOp::Sub {
                    self.binary_op(BinOp::Sub, &zero, &count, false)?
                        .unwrap_or(Value::None)
                } else {
                    count
                };
                if self.is_positive(&n)? {
                    self.dict_store(r, k, n)?;
                }
            }
        }
        Ok(result)
    }

    /// `+c` (`negate` false) and `-c`: the positive counts, or the negated negative ones.
    pub fn counter_unary(&mut self, id: ObjId, negate: bool) -> PyResult<Value> {
        let result = self.alloc(Obj::Counter(Dict::default()));
        let r = result.as_obj().expect("a Counter is a heap object");
        for (k, count) in self.dict_clone(id) {
            let n = if negate {
                self.binary_op(BinOp::Sub, &Value::Int(0), &count, false)?
                    .unwrap_or(Value::None)
            } else {
                count
            };
            if self.is_positive(&n)? {
                self.dict_store(r, k, n)?;
            }
        }
        Ok(result)
    }

    fn is_positive(&mut self, n: &Value) -> PyResult<bool> {
        let gt = self.compare(crate::code::CmpOp::Gt, n, &Value::Int(0))?;
        self.truthy(&gt)
    }

    /// Counters are equal when every element has the same count, a missing one counting 0.
    pub fn counters_equal(&mut self, a: ObjId, b: ObjId) -> PyResult<bool> {
        for (x, y) in [(a, b), (b, a)] {
            for (k, count) in self.dict_clone(x) {
                let other = self.dict_lookup(y, &k)?.unwrap_or(Value::Int(0));
                if !self.eq(&count, &other)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}
