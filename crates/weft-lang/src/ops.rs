//! Operators, truth, comparison, containment, subscripts and iteration, with CPython's messages.
//! User dunder methods reached implicitly (`__add__`, `__eq__`, `__getitem__`, `__iter__`, ...)
//! run as nested calls: atomically, with no scheduling point inside.

use crate::code::{BinOp, CmpOp};
use crate::interp::IterStep;
use crate::limits::values_bytes;
use crate::num::{self, as_number, Num};
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

impl Machine {
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Big(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Obj(id) => match self.obj(*id) {
                Obj::List(l) => !l.is_empty(),
                Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => !d.is_empty(),
                Obj::DictView { source, .. } => self.set_len(*source) > 0,
                Obj::Set(s) | Obj::FrozenSet(s) => !s.is_empty(),
                Obj::Deque { items, .. } => !items.is_empty(),
                Obj::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(v, "__bool__") {
                        let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                        return match r {
                            Value::Bool(b) => Ok(b),
                            other => {
                                let tn = self.type_name(&other);
                                Err(self.type_error(format!(
                                    "__bool__ should return bool, returned {tn}"
                                )))
                            }
                        };
                    }
                    if let Some(f) = self.lookup_dunder(v, "__len__") {
                        let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                        return Ok(!matches!(r, Value::Int(0)));
                    }
                    true
                }
                _ => true,
            },
            _ => true,
        })
    }

    pub fn is(&self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Obj(x), Value::Obj(y)) => x == y,
            (Value::Type(x), Value::Type(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => Arc::ptr_eq(x, y) || (x.len() <= 1 && x == y),
            (Value::Tuple(x), Value::Tuple(y)) => {
                Arc::ptr_eq(x, y) || (x.is_empty() && y.is_empty())
            }
            (Value::Builtin(x), Value::Builtin(y)) => x == y,
            (Value::Ellipsis, Value::Ellipsis) | (Value::NotImplemented, Value::NotImplemented) => {
                true
            }
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            _ => false,
        }
    }

    pub fn unary_neg(&mut self, a: &Value) -> PyResult<Value> {
        match as_number(a) {
            Some(Num::Int(i)) => Ok(i
                .checked_neg()
                .map(Value::Int)
                .unwrap_or_else(|| num::big_to_value(-malachite_bigint::BigInt::from(i)))),
            Some(Num::Big(b)) => Ok(num::big_to_value(-b)),
            Some(Num::Float(f)) => Ok(Value::Float(-f)),
            None => match self.counter_id(a) {
                Some(id) => self.counter_unary(id, true),
                None => self.unary_dunder(a, "__neg__", "-"),
            },
        }
    }
    pub fn unary_pos(&mut self, a: &Value) -> PyResult<Value> {
        match as_number(a) {
            Some(Num::Float(f)) => Ok(Value::Float(f)),
            Some(n) => Ok(match n {
                Num::Int(i) => Value::Int(i),
                Num::Big(b) => num::big_to_value(b),
                Num::Float(f) => Value::Float(f),
            }),
            None => match self.counter_id(a) {
                Some(id) => self.counter_unary(id, false),
                None => self.unary_dunder(a, "__pos__", "+"),
            },
        }
    }
    fn counter_id(&self, v: &Value) -> Option<ObjId> {
        match v {
            Value::Obj(id) if matches!(self.obj(*id), Obj::Counter(_)) => Some(*id),
            _ => None,
        }
    }
    pub fn unary_invert(&mut self, a: &Value) -> PyResult<Value> {
        match as_number(a) {
            Some(Num::Int(i)) => Ok(Value::Int(!i)),
            Some(Num::Big(b)) => Ok(num::big_to_value(-b - malachite_bigint::BigInt::from(1))),
            _ => self.unary_dunder(a, "__invert__", "~"),
        }
    }
    fn unary_dunder(&mut self, a: &Value, name: &str, sym: &str) -> PyResult<Value> {
        if let Some(f) = self.lookup_dunder(a, name) {
            return self.call_nested(&f, vec![a.clone()], Vec::new());
        }
        let tn = self.type_name(a);
        Err(self.type_error(format!("bad operand type for unary {sym}: '{tn}'")))
    }

    /// `a op b`; `inplace` for augmented assignment (lists extend in place).
    pub fn binary_op(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
        inplace: bool,
    ) -> PyResult<Option<Value>> {
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            match op {
                BinOp::And => return Ok(Some(Value::Bool(*x & *y))),
                BinOp::Or => return Ok(Some(Value::Bool(*x | *y))),
                BinOp::Xor => return Ok(Some(Value::Bool(*x ^ *y))),
                _ => {}
            }
        }
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            if matches!(x, Num::Big(_)) || matches!(y, Num::Big(_)) {
                self.charge_bigint(op, &x, &y)?;
            }
            let r = match op {
                BinOp::Add => Ok(num::add(&x, &y)),
                BinOp::Sub => Ok(num::sub(&x, &y)),
                BinOp::Mul => Ok(num::mul(&x, &y)),
                BinOp::TrueDiv => num::truediv(&x, &y),
                BinOp::FloorDiv => num::floordiv(&x, &y),
                BinOp::Mod => num::modulo(&x, &y),
                BinOp::Pow => num::pow(&x, &y),
                BinOp::MatMul => return Err(self.unsupported_operands(op, a, b)),
                _ => match num::bitop(op, &x, &y) {
                    Some(r) => r,
                    None => return Err(self.unsupported_operands(op, a, b)),
                },
            };
            return match r {
                Ok(v) => Ok(Some(v)),
                Err((ty, msg)) => Err(self.exc(ty, msg)),
            };
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                self.check_alloc(x.len() as u64 + y.len() as u64)?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(Some(Value::str(&s)));
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                self.check_alloc(values_bytes(x.len() + y.len()))?;
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                return Ok(Some(Value::tuple(v)));
            }
            (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s))
                if int_of(n).is_some() =>
            {
                let k = int_of(n).unwrap().max(0) as usize;
                self.check_alloc((s.len() as u64).saturating_mul(k as u64))?;
                return Ok(Some(Value::str(&s.repeat(k))));
            }
            (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t))
                if int_of(n).is_some() =>
            {
                let k = int_of(n).unwrap().max(0) as usize;
                self.check_alloc(values_bytes(t.len()).saturating_mul(k as u64))?;
                let mut v = Vec::new();
                for _ in 0..k {
                    v.extend(t.iter().cloned());
                }
                return Ok(Some(Value::tuple(v)));
            }
            (BinOp::Mod, Value::Str(fmt), args) => {
                let s = self.percent_format(fmt, args)?;
                return Ok(Some(Value::str(&s)));
            }
            _ => {}
        }
        if let (Value::Obj(x), _) = (a, b) {
            let xo = self.obj(*x).clone_shallow_kind();
            match (op, xo, b) {
                (BinOp::Add, ShallowKind::List, Value::Obj(y))
                    if matches!(self.obj(*y), Obj::List(_)) =>
                {
                    let total = self.seq_len(*x) + self.seq_len(*y);
                    self.check_alloc(values_bytes(total))?;
                    let other = match self.obj(*y) {
                        Obj::List(l) => l.clone(),
                        _ => unreachable!(),
                    };
                    if inplace {
                        if let Obj::List(l) = self.obj_mut(*x) {
                            l.extend(other);
                        }
                        return Ok(Some(a.clone()));
                    }
                    let mut v = match self.obj(*x) {
                        Obj::List(l) => l.clone(),
                        _ => unreachable!(),
                    };
                    v.extend(other);
                    return Ok(Some(self.new_list(v)));
                }
                (BinOp::Add, ShallowKind::List, other) if inplace => {
                    let items = self.iterate_to_vec(other)?;
                    if let Obj::List(l) = self.obj_mut(*x) {
                        l.extend(items);
                    }
                    return Ok(Some(a.clone()));
                }
                (BinOp::Mul, ShallowKind::List, n) if int_of(n).is_some() => {
                    let k = int_of(n).unwrap().max(0) as usize;
                    let base = match self.obj(*x) {
                        Obj::List(l) => l.clone(),
                        _ => unreachable!(),
                    };
                    self.check_alloc(values_bytes(base.len()).saturating_mul(k as u64))?;
                    let mut v = Vec::with_capacity(base.len() * k);
                    for _ in 0..k {
                        v.extend(base.iter().cloned());
                    }
                    if inplace {
                        if let Obj::List(l) = self.obj_mut(*x) {
                            *l = v;
                        }
                        return Ok(Some(a.clone()));
                    }
                    return Ok(Some(self.new_list(v)));
                }
                (
                    BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
                    ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView,
                    Value::Obj(y),
                ) if matches!(
                    self.obj(*y).clone_shallow_kind(),
                    ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView
                ) =>
                {
                    // Views take part as sets of their keys or items.
                    let (sx, sy) = (self.set_of(*x)?, self.set_of(*y)?);
                    let frozen = xo == ShallowKind::FrozenSet;
                    let r = self.set_combine(op, sx, sy, frozen)?;
                    if inplace && xo == ShallowKind::Set {
                        self.set_assign(*x, &r);
                        return Ok(Some(a.clone()));
                    }
                    return Ok(Some(r));
                }
                (
                    BinOp::Add | BinOp::Sub | BinOp::Or | BinOp::And,
                    ShallowKind::Counter,
                    Value::Obj(y),
                ) if matches!(self.obj(*y), Obj::Counter(_)) => {
                    let r = self.counter_combine(op, *x, *y)?;
                    if inplace {
                        let entries = self.dict_clone(r.as_obj().expect("a Counter"));
                        if let Some(d) = self.obj_mut(*x).as_dict_mut() {
                            *d = entries;
                        }
                        return Ok(Some(a.clone()));
                    }
                    return Ok(Some(r));
                }
                (BinOp::Or, ShallowKind::Dict, Value::Obj(y))
                    if matches!(self.obj(*y).clone_shallow_kind(), ShallowKind::Dict) =>
                {
                    let target = if inplace {
                        a.clone()
                    } else {
                        let d = self.dict_clone(*x);
                        self.new_dict(d)
                    };
                    let tid = target.as_obj().expect("a dict");
                    for (k, v) in self.dict_clone(*y) {
                        self.dict_store(tid, k, v)?;
                    }
                    return Ok(Some(target));
                }
                _ => {}
            }
        }
        // User classes: __iop__, __op__, then reflected __rop__.
        let (name, rname) = op.dunders();
        if inplace {
            let iname = format!("__i{}", &name[2..]);
            if let Some(f) = self.lookup_dunder(a, &iname) {
                let r = self.call_nested(&f, vec![a.clone(), b.clone()], Vec::new())?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(f) = self.lookup_dunder(a, name) {
            let r = self.call_nested(&f, vec![a.clone(), b.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        if let Some(f) = self.lookup_dunder(b, rname) {
            let r = self.call_nested(&f, vec![b.clone(), a.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        Err(self.unsupported_operands(op, a, b))
    }

    fn unsupported_operands(&mut self, op: BinOp, a: &Value, b: &Value) -> Value {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        let is_seq = |t: &str| matches!(t, "str" | "list" | "tuple");
        if op == BinOp::Mul && (is_seq(&ta) || is_seq(&tb)) {
            let other = if is_seq(&ta) { &tb } else { &ta };
            return self.type_error(format!(
                "can't multiply sequence by non-int of type '{other}'"
            ));
        }
        if op == BinOp::Add && matches!(ta.as_str(), "str" | "list" | "tuple") && ta != tb {
            return self.type_error(format!("can only concatenate {ta} (not \"{tb}\") to {ta}"));
        }
        let sym = if op == BinOp::Pow {
            "** or pow()"
        } else {
            op.symbol()
        };
        self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"
        ))
    }

    /// Python `==` (with user `__eq__`).
    /// `a == b`, at most `NATIVE_DEPTH_LIMIT` containers deep.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        self.enter_native("in comparison")?;
        let result = self.eq_unbounded(a, b);
        self.native_depth -= 1;
        result
    }

    fn eq_unbounded(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(num::num_eq(&x, &y));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(x == y),
            (Value::Tuple(x), Value::Tuple(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                return Ok(true);
            }
            (Value::Obj(x), Value::Obj(y)) => {
                if x == y {
                    return Ok(true);
                }
                let pair = (
                    self.obj(*x).clone_shallow_kind(),
                    self.obj(*y).clone_shallow_kind(),
                );
                match pair {
                    (ShallowKind::List, ShallowKind::List)
                    | (ShallowKind::Deque, ShallowKind::Deque) => {
                        let (l1, l2) = (self.seq_items(a), self.seq_items(b));
                        if l1.len() != l2.len() {
                            return Ok(false);
                        }
                        for (p, q) in l1.iter().zip(l2.iter()) {
                            if !self.eq(p, q)? {
                                return Ok(false);
                            }
                        }
                        return Ok(true);
                    }
                    (ShallowKind::Counter, ShallowKind::Counter) => {
                        return self.counters_equal(*x, *y);
                    }
                    (
                        ShallowKind::Dict | ShallowKind::Counter,
                        ShallowKind::Dict | ShallowKind::Counter,
                    ) => {
                        return self.dicts_equal(*x, *y);
                    }
                    (
                        ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView,
                        ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView,
                    ) => {
                        let (sx, sy) = (self.set_of(*x)?, self.set_of(*y)?);
                        return self.sets_equal(sx, sy);
                    }
                    (ShallowKind::Range, ShallowKind::Range) => {
                        return Ok(self.seq_items(a).len() == self.seq_items(b).len() && {
                            let (l1, l2) = (self.seq_items(a), self.seq_items(b));
                            l1.iter().zip(l2.iter()).all(|(p, q)| key_eq(p, q))
                        })
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(f) = self.lookup_dunder(x, "__eq__") {
                let r = self.call_nested(&f, vec![x.clone(), y.clone()], Vec::new())?;
                if !matches!(r, Value::NotImplemented) {
                    return self.truthy(&r);
                }
            }
        }
        Ok(self.is(a, b) || key_eq(a, b))
    }

    /// `a OP b`, at most `NATIVE_DEPTH_LIMIT` containers deep.
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.enter_native("in comparison")?;
        let result = self.compare_unbounded(op, a, b);
        self.native_depth -= 1;
        result
    }

    fn compare_unbounded(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Eq => return Ok(Value::Bool(self.eq(a, b)?)),
            CmpOp::Ne => {
                if let Some(f) = self.lookup_dunder(a, "__ne__") {
                    let r = self.call_nested(&f, vec![a.clone(), b.clone()], Vec::new())?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                return Ok(Value::Bool(!self.eq(a, b)?));
            }
            _ => {}
        }
        match self.ordering(a, b, op)? {
            Some(ord) => Ok(Value::Bool(match op {
                CmpOp::Lt => ord.is_lt(),
                CmpOp::Le => ord.is_le(),
                CmpOp::Gt => ord.is_gt(),
                CmpOp::Ge => ord.is_ge(),
                _ => unreachable!(),
            })),
            None => {
                // NaN compares false.
                if matches!(a, Value::Float(f) if f.is_nan())
                    || matches!(b, Value::Float(f) if f.is_nan())
                {
                    return Ok(Value::Bool(false));
                }
                let (name, rname) = match op {
                    CmpOp::Lt => ("__lt__", "__gt__"),
                    CmpOp::Le => ("__le__", "__ge__"),
                    CmpOp::Gt => ("__gt__", "__lt__"),
                    _ => ("__ge__", "__le__"),
                };
                if let Some(f) = self.lookup_dunder(a, name) {
                    let r = self.call_nested(&f, vec![a.clone(), b.clone()], Vec::new())?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                if let Some(f) = self.lookup_dunder(b, rname) {
                    let r = self.call_nested(&f, vec![b.clone(), a.clone()], Vec::new())?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    op.symbol()
                )))
            }
        }
    }

    /// Ordering of builtin values; None when not comparable natively.
    pub fn ordering(
        &mut self,
        a: &Value,
        b: &Value,
        op: CmpOp,
    ) -> PyResult<Option<std::cmp::Ordering>> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(num::num_cmp(&x, &y));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_ordering(x, y, op),
            (Value::Obj(x), Value::Obj(y)) => {
                match (
                    self.obj(*x).clone_shallow_kind(),
                    self.obj(*y).clone_shallow_kind(),
                ) {
                    (ShallowKind::List, ShallowKind::List) => {
                        let (l1, l2) = (self.seq_items(a), self.seq_items(b));
                        self.seq_ordering(&l1, &l2, op)
                    }
                    (
                        ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView,
                        ShallowKind::Set | ShallowKind::FrozenSet | ShallowKind::SetView,
                    ) => {
                        let (sx, sy) = (self.set_of(*x)?, self.set_of(*y)?);
                        let (n1, n2) = (self.set_len(sx), self.set_len(sy));
                        let sub = self.is_subset(sx, sy)?;
                        let sup = self.is_subset(sy, sx)?;
                        // Subset order is partial; map it to what each operator asks.
                        Ok(Some(match op {
                            CmpOp::Lt | CmpOp::Le => {
                                if sub && (op == CmpOp::Le || n1 < n2) {
                                    std::cmp::Ordering::Less
                                } else {
                                    std::cmp::Ordering::Greater
                                }
                            }
                            _ => {
                                if sup && (op == CmpOp::Ge || n1 > n2) {
                                    std::cmp::Ordering::Greater
                                } else {
                                    std::cmp::Ordering::Less
                                }
                            }
                        }))
                    }
                    _ => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    fn seq_ordering(
        &mut self,
        x: &[Value],
        y: &[Value],
        op: CmpOp,
    ) -> PyResult<Option<std::cmp::Ordering>> {
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                let lt = self.compare(CmpOp::Lt, p, q)?;
                let _ = op;
                return Ok(Some(if self.truthy(&lt)? {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                }));
            }
        }
        Ok(Some(x.len().cmp(&y.len())))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => {
                    let tn = self.type_name(other);
                    Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {tn}"
                    )))
                }
            },
            Value::Tuple(items) => {
                for it in items.iter() {
                    if self.eq(it, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Obj(id) => match self.obj(*id) {
                Obj::Dict(_)
                | Obj::DefaultDict { .. }
                | Obj::Counter(_)
                | Obj::Set(_)
                | Obj::FrozenSet(_) => {
                    let id = *id;
                    let k = match self.hashable(item.clone()) {
                        Ok(k) => k,
                        // `{1} in some_set` looks for frozenset({1}), as CPython does.
                        Err(e) => match self.frozen_copy(item) {
                            Some(f) => self.hashable(f)?,
                            None => return Err(e),
                        },
                    };
                    self.contains_key(id, &k)
                }
                Obj::DictView { source, kind } => {
                    let (source, kind) = (*source, *kind);
                    self.view_contains(source, kind, item)
                }
                Obj::Range { start, stop, step } => {
                    let (start, stop, step) = (*start, *stop, *step);
                    Ok(match int_of(item) {
                        Some(i) => {
                            let inside = if step > 0 {
                                i >= start && i < stop
                            } else {
                                i <= start && i > stop
                            };
                            inside && (i - start) % step == 0
                        }
                        None => false,
                    })
                }
                Obj::List(_) | Obj::Deque { .. } => {
                    let items = self.seq_items(container);
                    for it in items.iter() {
                        if self.eq(it, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(container, "__contains__") {
                        let r = self.call_nested(
                            &f,
                            vec![container.clone(), item.clone()],
                            Vec::new(),
                        )?;
                        return self.truthy(&r);
                    }
                    let items = self.iterate_to_vec(container)?;
                    for it in items.iter() {
                        if self.eq(it, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => {
                    let items = self.iterate_to_vec(container)?;
                    for it in items.iter() {
                        if self.eq(it, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            other => {
                let tn = self.type_name(other);
                Err(self.type_error(format!("argument of type '{tn}' is not iterable")))
            }
        }
    }

    /// Items of a list/tuple/deque/range/str as values (no user code).
    pub fn seq_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Tuple(t) => t.to_vec(),
            Value::Str(s) => s
                .chars()
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                .collect(),
            Value::Obj(id) => match self.obj(*id) {
                Obj::List(l) => l.clone(),
                Obj::Deque { items, .. } => items.iter().cloned().collect(),
                Obj::Range { start, stop, step } => {
                    let n = range_len(*start, *stop, *step);
                    (0..n).map(|i| Value::Int(start + i * step)).collect()
                }
                Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => {
                    d.keys().map(|k| k.0.clone()).collect()
                }
                Obj::DictView { source, kind } => self.view_items(*source, *kind),
                Obj::Set(s) | Obj::FrozenSet(s) => s.iter().map(|k| k.0.clone()).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub fn dict_clone(&self, id: ObjId) -> Dict {
        match self.obj(id) {
            Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => d.clone(),
            _ => Dict::default(),
        }
    }

    /// Everything an iterable yields (runs user iterators and generators to the end, atomically).
    pub fn iterate_to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Str(_) => return Ok(self.seq_items(v)),
            Value::Obj(id) => {
                if matches!(
                    self.obj(*id),
                    Obj::List(_)
                        | Obj::Deque { .. }
                        | Obj::Range { .. }
                        | Obj::Dict(_)
                        | Obj::DefaultDict { .. }
                        | Obj::Counter(_)
                        | Obj::DictView { .. }
                        | Obj::Set(_)
                        | Obj::FrozenSet(_)
                ) {
                    let n = self.seq_len(*id);
                    self.check_alloc(values_bytes(n))?;
                    self.charge(n as u64 / 64)?;
                    return Ok(self.seq_items(v));
                }
            }
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next_value(&it)? {
            self.charge(1)?;
            out.push(x);
            if out.len() > 50_000_000 {
                return Err(self.exc(Ty::MemoryError, ""));
            }
        }
        Ok(out)
    }

    /// `iter(v)`.
    fn iter_snapshots(&self, id: ObjId) -> bool {
        matches!(
            self.obj_kind(id),
            Obj::Dict(_)
                | Obj::DefaultDict { .. }
                | Obj::Counter(_)
                | Obj::Set(_)
                | Obj::FrozenSet(_)
        )
    }

    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::Tuple(_) | Value::Str(_) => Iter::Seq {
                seq: v.clone(),
                index: 0,
            },
            // A list's iterator reads the list as it goes (`ForIter`); a dict's or a set's
            // starts from a snapshot of its keys, a read of it now.
            Value::Obj(id) => match if self.iter_snapshots(*id) {
                self.obj(*id)
            } else {
                self.obj_kind(*id)
            } {
                Obj::List(_) | Obj::Deque { .. } => Iter::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                Obj::Range { start, stop, step } => Iter::Range {
                    next: *start,
                    stop: *stop,
                    step: *step,
                },
                Obj::DictView { source, kind } => Iter::Items {
                    source: *source,
                    index: 0,
                    size: self.set_len(*source),
                    kind: *kind,
                },
                Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => {
                    let keys: Arc<[Value]> = d.keys().map(|k| k.0.clone()).collect();
                    Iter::Keys {
                        source: *id,
                        size: keys.len(),
                        keys,
                        index: 0,
                    }
                }
                Obj::Set(s) | Obj::FrozenSet(s) => {
                    let keys: Arc<[Value]> = s.iter().map(|k| k.0.clone()).collect();
                    Iter::Keys {
                        source: *id,
                        size: keys.len(),
                        keys,
                        index: 0,
                    }
                }
                Obj::Iter(_) | Obj::Generator(_) => return Ok(v.clone()),
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(v, "__iter__") {
                        return self.call_nested(&f, vec![v.clone()], Vec::new());
                    }
                    if self.lookup_dunder(v, "__getitem__").is_some() {
                        return Ok(self.alloc(Obj::Iter(Box::new(Iter::Seq {
                            seq: v.clone(),
                            index: 0,
                        }))));
                    }
                    let tn = self.type_name(v);
                    return Err(self.type_error(format!("'{tn}' object is not iterable")));
                }
                _ => {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format!("'{tn}' object is not iterable")));
                }
            },
            _ => {
                let tn = self.type_name(v);
                return Err(self.type_error(format!("'{tn}' object is not iterable")));
            }
        };
        Ok(self.alloc(Obj::Iter(Box::new(it))))
    }

    /// The next value of an iterator, or None when exhausted (runs generators atomically).
    pub fn next_value(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match self.iter_step(it, None)? {
            IterStep::Value(v) => Ok(Some(v)),
            IterStep::Exhausted => Ok(None),
            IterStep::FramePushed => unreachable!("nested iteration does not push frames"),
        }
    }

    /// `ForIter`: generators are resumed as frames (not atomically).
    pub fn for_iter_next(&mut self, it: &Value, exit: u32) -> PyResult<IterStep> {
        self.iter_step(it, Some(exit))
    }

    fn iter_step(&mut self, it: &Value, for_exit: Option<u32>) -> PyResult<IterStep> {
        let Value::Obj(id) = it else {
            let tn = self.type_name(it);
            return Err(self.type_error(format!("'{tn}' object is not an iterator")));
        };
        let id = *id;
        match self.obj(id) {
            Obj::Generator(_) => {
                return match self.resume_generator(id, for_exit) {
                    Ok(Some(v)) => Ok(IterStep::Value(v)),
                    Ok(None) => Ok(if for_exit.is_some() {
                        IterStep::FramePushed
                    } else {
                        IterStep::Exhausted
                    }),
                    Err(e) => {
                        if self.exc_matches(&e, &Value::Type(Ty::StopIteration)) {
                            Ok(IterStep::Exhausted)
                        } else {
                            Err(e)
                        }
                    }
                };
            }
            Obj::Iter(_) => {}
            Obj::Instance(_) => {
                let Some(f) = self.lookup_dunder(it, "__next__") else {
                    let tn = self.type_name(it);
                    return Err(self.type_error(format!("'{tn}' object is not an iterator")));
                };
                if let Some(exit) = for_exit {
                    // A `for` loop runs `__next__` as a scheduled frame (it may block).
                    return match self.call_value(
                        f,
                        vec![it.clone()],
                        Vec::new(),
                        OnReturn::ForNext { exit },
                    )? {
                        Some(v) => Ok(IterStep::Value(v)),
                        None => Ok(IterStep::FramePushed),
                    };
                }
                return match self.call_nested(&f, vec![it.clone()], Vec::new()) {
                    Ok(v) => Ok(IterStep::Value(v)),
                    Err(e) if self.exc_matches(&e, &Value::Type(Ty::StopIteration)) => {
                        Ok(IterStep::Exhausted)
                    }
                    Err(e) => Err(e),
                };
            }
            _ => {
                let tn = self.type_name(it);
                return Err(self.type_error(format!("'{tn}' object is not an iterator")));
            }
        }
        let Obj::Iter(state) = self.obj(id) else {
            unreachable!()
        };
        let state = (**state).clone();
        let (result, new_state) = match state {
            Iter::Done => (None, Iter::Done),
            Iter::Seq { seq, index } => {
                let item = match &seq {
                    Value::Tuple(t) => t.get(index).cloned(),
                    Value::Str(s) => s
                        .chars()
                        .nth(index)
                        .map(|c| Value::str(c.encode_utf8(&mut [0; 4]))),
                    Value::Obj(sid) => match self.obj(*sid) {
                        Obj::List(l) => l.get(index).cloned(),
                        Obj::Deque { items, .. } => items.get(index).cloned(),
                        Obj::Instance(_) => {
                            let f = self.lookup_dunder(&seq, "__getitem__");
                            match f {
                                Some(f) => match self.call_nested(
                                    &f,
                                    vec![seq.clone(), Value::Int(index as i64)],
                                    Vec::new(),
                                ) {
                                    Ok(v) => Some(v),
                                    Err(e)
                                        if self.exc_matches(&e, &Value::Type(Ty::IndexError))
                                            || self.exc_matches(
                                                &e,
                                                &Value::Type(Ty::StopIteration),
                                            ) =>
                                    {
                                        None
                                    }
                                    Err(e) => return Err(e),
                                },
                                None => None,
                            }
                        }
                        _ => None,
                    },
                    _ => None,
                };
                match item {
                    Some(v) => (
                        Some(v),
                        Iter::Seq {
                            seq,
                            index: index + 1,
                        },
                    ),
                    None => (None, Iter::Done),
                }
            }
            Iter::Range { next, stop, step } => {
                if (step > 0 && next < stop) || (step < 0 && next > stop) {
                    (
                        Some(Value::Int(next)),
                        Iter::Range {
                            next: next + step,
                            stop,
                            step,
                        },
                    )
                } else {
                    (None, Iter::Done)
                }
            }
            Iter::Keys {
                source,
                keys,
                index,
                size,
            } => {
                let now = match self.obj(source) {
                    Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => d.len(),
                    Obj::Set(s) | Obj::FrozenSet(s) => s.len(),
                    _ => size,
                };
                if now != size {
                    let what = if matches!(self.obj(source), Obj::Set(_)) {
                        "set"
                    } else {
                        "dictionary"
                    };
                    return Err(self.exc(
                        Ty::RuntimeError,
                        format!("{what} changed size during iteration"),
                    ));
                }
                match keys.get(index) {
                    Some(k) => (
                        Some(k.clone()),
                        Iter::Keys {
                            source,
                            keys: keys.clone(),
                            index: index + 1,
                            size,
                        },
                    ),
                    None => (None, Iter::Done),
                }
            }
            Iter::Items {
                source,
                index,
                size,
                kind,
            } => {
                let (len, entry) = match self.obj(source) {
                    Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => (
                        d.len(),
                        d.get_index(index).map(|(k, v)| (k.0.clone(), v.clone())),
                    ),
                    _ => (size, None),
                };
                if len != size {
                    return Err(
                        self.exc(Ty::RuntimeError, "dictionary changed size during iteration")
                    );
                }
                match entry {
                    Some((k, v)) => {
                        let item = match kind {
                            0 => k,
                            1 => v,
                            _ => Value::tuple(vec![k, v]),
                        };
                        (
                            Some(item),
                            Iter::Items {
                                source,
                                index: index + 1,
                                size,
                                kind,
                            },
                        )
                    }
                    None => (None, Iter::Done),
                }
            }
            Iter::Count { next, step } => {
                let after = self
                    .binary_op(BinOp::Add, &next, &step, false)?
                    .unwrap_or(Value::None);
                (Some(next), Iter::Count { next: after, step })
            }
            Iter::Enumerate { inner, index } => match self.next_value(&inner)? {
                Some(v) => {
                    let after = self
                        .binary_op(BinOp::Add, &index, &Value::Int(1), false)?
                        .unwrap_or(Value::None);
                    (
                        Some(Value::tuple(vec![index, v])),
                        Iter::Enumerate {
                            inner,
                            index: after,
                        },
                    )
                }
                None => (None, Iter::Done),
            },
            Iter::Zip { inners } => {
                let mut items = Vec::with_capacity(inners.len());
                let mut done = inners.is_empty();
                for i in &inners {
                    match self.next_value(i)? {
                        Some(v) => items.push(v),
                        None => {
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    (None, Iter::Done)
                } else {
                    (Some(Value::tuple(items)), Iter::Zip { inners })
                }
            }
            Iter::Map { func, inners } => {
                let mut args = Vec::with_capacity(inners.len());
                let mut done = false;
                for i in &inners {
                    match self.next_value(i)? {
                        Some(v) => args.push(v),
                        None => {
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    (None, Iter::Done)
                } else {
                    let v = self.call_nested(&func, args, Vec::new())?;
                    (Some(v), Iter::Map { func, inners })
                }
            }
            Iter::Filter { func, inner } => {
                let mut found = None;
                while let Some(v) = self.next_value(&inner)? {
                    let keep = if func.is_none() {
                        self.truthy(&v)?
                    } else {
                        let r = self.call_nested(&func, vec![v.clone()], Vec::new())?;
                        self.truthy(&r)?
                    };
                    if keep {
                        found = Some(v);
                        break;
                    }
                }
                match found {
                    Some(v) => (Some(v), Iter::Filter { func, inner }),
                    None => (None, Iter::Done),
                }
            }
            Iter::Reversed { seq, index } => {
                if index == 0 {
                    (None, Iter::Done)
                } else {
                    let item = match &seq {
                        Value::Tuple(t) => t.get(index - 1).cloned(),
                        Value::Str(s) => s
                            .chars()
                            .nth(index - 1)
                            .map(|c| Value::str(c.encode_utf8(&mut [0; 4]))),
                        Value::Obj(sid) => match self.obj(*sid) {
                            Obj::List(l) => l.get(index - 1).cloned(),
                            Obj::Deque { items, .. } => items.get(index - 1).cloned(),
                            Obj::Range { start, step, .. } => {
                                Some(Value::Int(start + (index as i64 - 1) * step))
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    match item {
                        Some(v) => (
                            Some(v),
                            Iter::Reversed {
                                seq,
                                index: index - 1,
                            },
                        ),
                        None => (None, Iter::Done),
                    }
                }
            }
        };
        if let Obj::Iter(state) = self.obj_mut(id) {
            **state = new_state;
        }
        Ok(match result {
            Some(v) => IterStep::Value(v),
            None => IterStep::Exhausted,
        })
    }

    /// `(key, value)` pairs of a mapping (dict, or anything with keys() and []).
    pub fn mapping_items(&mut self, v: &Value) -> PyResult<Vec<(Key, Value)>> {
        if let Value::Obj(id) = v {
            if let Some(d) = self.obj(*id).as_dict() {
                return Ok(d.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
            }
        }
        let tn = self.type_name(v);
        Err(self.type_error(format!("'{tn}' object is not a mapping")))
    }

    pub fn kwargs_from_dict(&mut self, v: &Value) -> PyResult<Vec<(Arc<str>, Value)>> {
        let items = self.mapping_items(v)?;
        let mut out = Vec::with_capacity(items.len());
        for (k, v) in items {
            match k.0 {
                Value::Str(s) => out.push((s, v)),
                _ => return Err(self.type_error("keywords must be strings")),
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ subscripts

    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
        match obj {
            Value::Str(s) => {
                if let Some(sl) = self.slice_of(key) {
                    let chars: Vec<char> = s.chars().collect();
                    let idx =
                        slice_indices(sl, chars.len()).map_err(|e| self.exc(Ty::ValueError, e))?;
                    return Ok(Some(Value::str(
                        &idx.into_iter().map(|i| chars[i]).collect::<String>(),
                    )));
                }
                let n = s.chars().count();
                let i = self.index_of(key, n, "string")?;
                return Ok(Some(Value::str(
                    s.chars().nth(i).unwrap().encode_utf8(&mut [0; 4]),
                )));
            }
            Value::Tuple(t) => {
                if let Some(sl) = self.slice_of(key) {
                    let idx =
                        slice_indices(sl, t.len()).map_err(|e| self.exc(Ty::ValueError, e))?;
                    return Ok(Some(Value::tuple(
                        idx.into_iter().map(|i| t[i].clone()).collect(),
                    )));
                }
                let i = self.index_of(key, t.len(), "tuple")?;
                return Ok(Some(t[i].clone()));
            }
            Value::Obj(id) => {
                let id = *id;
                match self.obj(id) {
                    Obj::List(l) => {
                        let len = l.len();
                        if let Some(sl) = self.slice_of(key) {
                            let idx =
                                slice_indices(sl, len).map_err(|e| self.exc(Ty::ValueError, e))?;
                            let Obj::List(l) = self.obj(id) else {
                                unreachable!()
                            };
                            let items = idx.into_iter().map(|i| l[i].clone()).collect();
                            return Ok(Some(self.new_list(items)));
                        }
                        let i = self.index_of(key, len, "list")?;
                        let Obj::List(l) = self.obj(id) else {
                            unreachable!()
                        };
                        return Ok(Some(l[i].clone()));
                    }
                    Obj::Deque { items, .. } => {
                        let len = items.len();
                        let i = self.index_of(key, len, "deque")?;
                        let Obj::Deque { items, .. } = self.obj(id) else {
                            unreachable!()
                        };
                        return Ok(Some(items[i].clone()));
                    }
                    Obj::Range { start, stop, step } => {
                        let (start, stop, step) = (*start, *stop, *step);
                        let n = range_len(start, stop, step) as usize;
                        let i = self.index_of(key, n, "range object")?;
                        return Ok(Some(Value::Int(start + i as i64 * step)));
                    }
                    Obj::Dict(_) | Obj::Counter(_) | Obj::DefaultDict { .. } => {
                        let k = self.hashable(key.clone())?;
                        if let Some(v) = self.dict_lookup(id, &k)? {
                            return Ok(Some(v));
                        }
                        // `__missing__`: a Counter counts 0, a defaultdict calls its factory.
                        let factory = match self.obj(id) {
                            Obj::Counter(_) => return Ok(Some(Value::Int(0))),
                            Obj::DefaultDict { factory, .. } if !factory.is_none() => {
                                factory.clone()
                            }
                            _ => return Err(self.key_error(key)),
                        };
                        let v = self.call_nested(&factory, Vec::new(), Vec::new())?;
                        self.dict_store(id, k, v.clone())?;
                        return Ok(Some(v));
                    }
                    Obj::Instance(_) => {
                        if let Some(f) = self.lookup_dunder(obj, "__getitem__") {
                            return self
                                .call_nested(&f, vec![obj.clone(), key.clone()], Vec::new())
                                .map(Some);
                        }
                    }
                    Obj::Class(_) => {
                        // `Generic[T]`, `MyClass[int]`: an implicit classmethod.
                        if let Some(f) = self.class_lookup(obj, "__class_getitem__") {
                            return self
                                .call_nested(&f, vec![obj.clone(), key.clone()], Vec::new())
                                .map(Some);
                        }
                    }
                    _ => {}
                }
            }
            Value::Type(_) => {
                // Generic aliases such as `list[int]` or `Queue[int]`: the class itself.
                return Ok(Some(obj.clone()));
            }
            _ => {}
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object is not subscriptable")))
    }

    pub fn set_item(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        if let Value::Obj(id) = obj {
            let id = *id;
            match self.obj(id) {
                Obj::List(l) => {
                    let len = l.len();
                    if let Some(sl) = self.slice_of(&key) {
                        let items = self.iterate_to_vec(&v)?;
                        let (start, stop, step) = slice_bounds(sl, len);
                        if step != 1 {
                            let idx =
                                slice_indices(sl, len).map_err(|e| self.exc(Ty::ValueError, e))?;
                            if idx.len() != items.len() {
                                return Err(self.exc(
                                    Ty::ValueError,
                                    format!(
                                        "attempt to assign sequence of size {} to extended slice of size {}",
                                        items.len(),
                                        idx.len()
                                    ),
                                ));
                            }
                            if let Obj::List(l) = self.obj_mut(id) {
                                for (i, x) in idx.into_iter().zip(items) {
                                    l[i] = x;
                                }
                            }
                        } else if let Obj::List(l) = self.obj_mut(id) {
                            let stop = stop.max(start);
                            l.splice(start..stop, items);
                        }
                        return Ok(());
                    }
                    let i = self.index_of_for(&key, len, "list assignment")?;
                    if let Obj::List(l) = self.obj_mut(id) {
                        l[i] = v;
                    }
                    return Ok(());
                }
                Obj::Deque { items, .. } => {
                    let len = items.len();
                    let i = self.index_of(&key, len, "deque")?;
                    if let Obj::Deque { items, .. } = self.obj_mut(id) {
                        items[i] = v;
                    }
                    return Ok(());
                }
                Obj::Dict(_) | Obj::DefaultDict { .. } | Obj::Counter(_) => {
                    let k = self.hashable(key)?;
                    return self.dict_store(id, k, v);
                }
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(obj, "__setitem__") {
                        self.call_nested(&f, vec![obj.clone(), key, v], Vec::new())?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object does not support item assignment")))
    }

    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        if let Value::Obj(id) = obj {
            let id = *id;
            match self.obj(id) {
                Obj::List(l) => {
                    let len = l.len();
                    if let Some(sl) = self.slice_of(key) {
                        let mut idx =
                            slice_indices(sl, len).map_err(|e| self.exc(Ty::ValueError, e))?;
                        idx.sort_unstable();
                        if let Obj::List(l) = self.obj_mut(id) {
                            for i in idx.into_iter().rev() {
                                l.remove(i);
                            }
                        }
                        return Ok(());
                    }
                    let i = self.index_of_for(key, len, "list assignment")?;
                    if let Obj::List(l) = self.obj_mut(id) {
                        l.remove(i);
                    }
                    return Ok(());
                }
                Obj::Dict(_) | Obj::DefaultDict { .. } | Obj::Counter(_) => {
                    let k = self.hashable(key.clone())?;
                    let removed = self.dict_remove(id, &k)?.is_some();
                    // A Counter forgets a missing element without complaint.
                    if !removed && !matches!(self.obj(id), Obj::Counter(_)) {
                        return Err(self.key_error(key));
                    }
                    return Ok(());
                }
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(obj, "__delitem__") {
                        self.call_nested(&f, vec![obj.clone(), key.clone()], Vec::new())?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object doesn't support item deletion")))
    }

    fn slice_of(&self, key: &Value) -> Option<(Option<i64>, Option<i64>, Option<i64>)> {
        if let Value::Obj(id) = key {
            if let Obj::Slice(a, b, c) = self.obj(*id) {
                return Some((int_of(a), int_of(b), int_of(c)));
            }
        }
        None
    }

    fn index_of(&mut self, key: &Value, len: usize, what: &str) -> PyResult<usize> {
        self.index_of_msg(key, len, what, &format!("{what} index out of range"))
    }
    fn index_of_for(&mut self, key: &Value, len: usize, what: &str) -> PyResult<usize> {
        self.index_of_msg(key, len, "list", &format!("{what} index out of range"))
    }
    fn index_of_msg(&mut self, key: &Value, len: usize, what: &str, msg: &str) -> PyResult<usize> {
        let Some(i) = int_of(key) else {
            let tn = self.type_name(key);
            let what = if what == "range object" {
                "range"
            } else {
                what
            };
            return Err(self.type_error(format!(
                "{what} indices must be integers or slices, not {tn}"
            )));
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.exc(Ty::IndexError, msg));
        }
        Ok(j as usize)
    }
}

pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start + step - 1) / step
    } else if step < 0 && start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    }
}

/// Normalised (start, stop, step) for a slice of a sequence of `len` (step 1 only needs these).
pub fn slice_bounds(
    sl: (Option<i64>, Option<i64>, Option<i64>),
    len: usize,
) -> (usize, usize, i64) {
    let n = len as i64;
    let step = sl.2.unwrap_or(1);
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(i) => {
                let i = if i < 0 { i + n } else { i };
                if step > 0 {
                    i.clamp(0, n)
                } else {
                    i.clamp(-1, n - 1)
                }
            }
        }
    };
    if step > 0 {
        (clamp(sl.0, 0) as usize, clamp(sl.1, n) as usize, step)
    } else {
        (
            clamp(sl.0, n - 1).max(0) as usize,
            clamp(sl.1, -1).max(0) as usize,
            step,
        )
    }
}

pub fn slice_indices(
    sl: (Option<i64>, Option<i64>, Option<i64>),
    len: usize,
) -> Result<Vec<usize>, String> {
    let n = len as i64;
    let step = sl.2.unwrap_or(1);
    if step == 0 {
        return Err("slice step cannot be zero".into());
    }
    let adjust = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(i) => {
                let i = if i < 0 { i + n } else { i };
                i.clamp(lo, hi)
            }
        }
    };
    let mut out = Vec::new();
    if step > 0 {
        let start = adjust(sl.0, 0, 0, n);
        let stop = adjust(sl.1, n, 0, n);
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        let start = adjust(sl.0, n - 1, -1, n - 1);
        let stop = adjust(sl.1, -1, -1, n - 1);
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    Ok(out)
}

/// The kind of a heap object without its contents (to decide an operation, then borrow again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShallowKind {
    List,
    Dict,
    Counter,
    /// A dict's keys or items view: set-like.
    SetView,
    Set,
    FrozenSet,
    Deque,
    Range,
    Other,
}

impl Obj {
    pub fn clone_shallow_kind(&self) -> ShallowKind {
        match self {
            Obj::List(_) => ShallowKind::List,
            Obj::Dict(_) | Obj::DefaultDict { .. } => ShallowKind::Dict,
            Obj::Counter(_) => ShallowKind::Counter,
            Obj::DictView { kind: 0 | 2, .. } => ShallowKind::SetView,
            Obj::Set(_) => ShallowKind::Set,
            Obj::FrozenSet(_) => ShallowKind::FrozenSet,
            Obj::Deque { .. } => ShallowKind::Deque,
            Obj::Range { .. } => ShallowKind::Range,
            _ => ShallowKind::Other,
        }
    }
}
