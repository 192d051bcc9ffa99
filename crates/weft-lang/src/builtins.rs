//! Builtin functions (`len`, `print`, `sorted`, ...) and constructors of builtin types.

use crate::call::Kwargs;
use crate::code::CmpOp;
use crate::num::{self, as_number, Num};
use crate::ops::{int_of, range_len};
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;

use crate::natives::{Effect::*, Native, Stream, Style};

/// The builtin functions, the builtin types' constructors, and the builtin methods reached
/// through `super()` or a type: their declarations (see `natives.rs`).
pub const NATIVES: &[Native] = &[
    Native::new("print", "*objects, sep=' ', end='\\n', file=None, flush=False", Print(Stream::FileKeyword)),
    Native::new("len", "obj, /", ReadsSize),
    Native::new("min", "iterable, /, *args, key=?, default=?", ReadsDeep).style(Style::Checked),
    Native::new("max", "iterable, /, *args, key=?, default=?", ReadsDeep).style(Style::Checked),
    Native::new("sum", "iterable, /, start=0", ReadsDeep),
    Native::new("abs", "x, /", Pure),
    Native::new("round", "number, ndigits=None", Pure),
    Native::new("sorted", "iterable, /, *, key=None, reverse=False", ReadsDeep).style(Style::Checked),
    Native::new("reversed", "sequence, /", Reads).style(Style::Checked),
    Native::new("enumerate", "iterable, start=0", Lazy),
    Native::new("zip", "*iterables, strict=False", Lazy),
    // CPython checks map's arguments itself: "map() must have at least two arguments."
    Native::new("map", "*args", Lazy),
    Native::new("filter", "function, iterable, /", Lazy),
    Native::new("any", "iterable, /", ReadsDeep),
    Native::new("all", "iterable, /", ReadsDeep),
    Native::new("isinstance", "obj, class_or_tuple, /", Pure),
    Native::new("issubclass", "cls, class_or_tuple, /", Pure),
    Native::new("hasattr", "obj, name, /", Attribute { write: false }),
    Native::new("getattr", "object, name, default=?, /", Attribute { write: false }),
    Native::new("setattr", "obj, name, value, /", Attribute { write: true }),
    Native::new("delattr", "obj, name, /", Attribute { write: true }),
    Native::new("id", "obj, /", Pure),
    Native::new("hash", "obj, /", ReadsDeep),
    Native::new("repr", "obj, /", ReadsDeep),
    Native::new("ascii", "obj, /", ReadsDeep),
    Native::new("iter", "object, sentinel=?, /", Reads),
    Native::new("next", "iterator, default=?, /", Reads),
    Native::new("divmod", "x, y, /", Pure),
    Native::new("pow", "base, exp, mod=None", Pure),
    Native::new("chr", "i, /", Pure),
    Native::new("ord", "c, /", Pure),
    Native::new("callable", "obj, /", Pure),
    Native::new("bin", "number, /", Pure),
    Native::new("hex", "number, /", Pure),
    Native::new("oct", "number, /", Pure),
    Native::new("format", "value, format_spec='', /", ReadsDeep),
    Native::new("vars", "object=?, /", Unmodelled),
    Native::new("globals", "", Unmodelled),
    Native::new("locals", "", Unmodelled),
    Native::new("dir", "object=?, /", Unmodelled),
    Native::new("input", "prompt=?, /", Refused),
    Native::new("open", "file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None", Refused),
    Native::new("exec", "source, /, globals=None, locals=None, *, closure=None", Refused),
    Native::new("eval", "source, globals=None, locals=None, /", Refused),
    Native::new("compile", "source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1", Refused),
    Native::new("__import__", "name, globals=None, locals=None, fromlist=None, level=0", Refused),
    // Constructors of the builtin types (`construct`).
    Native::new("object", "", Pure).constructor(),
    Native::new("type", "object_or_name, bases=?, dict=?, /", Pure).constructor(),
    Native::new("bool", "x=False, /", ReadsSize).style(Style::Checked).constructor(),
    Native::new("int", "x=?, /, base=10", Pure).constructor(),
    Native::new("float", "x=0.0, /", Pure).style(Style::Checked).constructor(),
    Native::new("str", "object='', encoding='utf-8', errors='strict'", ReadsDeep).constructor(),
    Native::new("tuple", "iterable=?, /", Reads).style(Style::Checked).constructor(),
    Native::new("list", "iterable=?, /", Reads).style(Style::Checked).constructor(),
    Native::new("dict", "mapping=?, /, **kwargs", ReadsDeep).style(Style::Checked).constructor(),
    Native::new("set", "iterable=?, /", Reads).style(Style::Checked).constructor(),
    Native::new("frozenset", "iterable=?, /", Reads).style(Style::Checked).constructor(),
    Native::new("range", "start_or_stop, stop=?, step=?, /", Pure).constructor(),
    Native::new("slice", "start_or_stop, stop=?, step=?, /", Pure).constructor(),
    Native::new("property", "fget=None, fset=None, fdel=None, doc=None", Pure).constructor(),
    Native::new("staticmethod", "function, /", Pure).style(Style::Checked).constructor(),
    Native::new("classmethod", "function, /", Pure).style(Style::Checked).constructor(),
    Native::new("super", "type=?, object_or_type=?, /", Pure).constructor(),
    // Builtin methods reached through `super()` or a type (`builtin_super_method`).
    Native::new("BaseException.__init__", "self, /, *args", Pure),
    Native::new("BaseException.__str__", "self, /", Pure),
    Native::new("object.__init__", "self, /, *args, **kwargs", Pure),
    Native::new("object.__eq__", "self, value, /", Pure),
    Native::new("object.__str__", "self, /", Pure),
    Native::new("object.__repr__", "self, /", Pure),
    Native::new("object.__hash__", "self, /", Pure),
    Native::new("object.__setattr__", "self, name, value, /", Attribute { write: true }),
    Native::new("property.setter", "self, function, /", Pure),
    Native::new("property.getter", "self, function, /", Pure),
];

/// A name found in no namespace: a builtin function or type, or None.
pub fn builtin_name(name: &str) -> Option<Value> {
    if let Some(f) = crate::natives::builtin_function(name) {
        return Some(Value::Builtin(f.name));
    }
    match name {
        "True" => return Some(Value::Bool(true)),
        "False" => return Some(Value::Bool(false)),
        "None" => return Some(Value::None),
        "NotImplemented" => return Some(Value::NotImplemented),
        "Ellipsis" => return Some(Value::Ellipsis),
        "__name__" => return Some(Value::str("__main__")),
        "IOError" | "EnvironmentError" => return Some(Value::Type(Ty::OSError)),
        _ => {}
    }
    Ty::from_name(name)
        .filter(|t| t.is_builtin_name())
        .map(Value::Type)
}

impl Machine {
    pub fn call_builtin(
        &mut self,
        name: &'static str,
        mut args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> PyResult<Option<Value>> {
        let Some(native) = crate::natives::lookup(name) else {
            debug_assert!(false, "native {name} is not declared in the registry");
            return Err(self.exc(
                Ty::NotImplementedError,
                format!("weft does not model {name}()"),
            ));
        };
        self.bind_native(native, &mut args, &mut kwargs)?;
        self.refuse_undeclared_effects(native)?;
        if matches!(native.effect, crate::natives::Effect::Attribute { .. }) {
            // An attribute lookup by name looks at the object's type, as `obj.x` does.
            let recording = self.footprint.pause();
            let result = self.call_builtin_now(name, args, kwargs);
            self.footprint.resume(recording);
            return result;
        }
        self.call_builtin_now(name, args, kwargs)
    }

    fn call_builtin_now(
        &mut self,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<Option<Value>> {
        if let Some(r) = self.call_module_function(name, &args, &kwargs)? {
            return Ok(r);
        }
        let v = match name {
            "print" => {
                self.builtin_print(args, kwargs)?;
                Value::None
            }
            "len" => {
                if args.len() != 1 {
                    return Err(self.type_error(format!(
                        "len() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                Value::Int(self.len_of(&args[0])? as i64)
            }
            "repr" => Value::str(&self.repr(&args[0])?),
            "ascii" => Value::str(&self.repr(&args[0])?),
            "abs" => match as_number(&args[0]) {
                Some(Num::Int(i)) => i
                    .checked_abs()
                    .map(Value::Int)
                    .unwrap_or_else(|| num::big_to_value(-malachite_bigint::BigInt::from(i))),
                Some(Num::Big(b)) => num::big_to_value(if b < malachite_bigint::BigInt::from(0) {
                    -b
                } else {
                    b
                }),
                Some(Num::Float(f)) => Value::Float(f.abs()),
                None => {
                    if let Some(f) = self.lookup_dunder(&args[0], "__abs__") {
                        return self
                            .call_nested(&f, vec![args[0].clone()], Vec::new())
                            .map(Some);
                    }
                    let tn = self.type_name(&args[0]);
                    return Err(self.type_error(format!("bad operand type for abs(): '{tn}'")));
                }
            },
            "min" | "max" => self.builtin_minmax(name, args, kwargs)?,
            "sum" => {
                let items = self.iterate_to_vec(&args[0])?;
                let mut acc = match (args.get(1), kwargs.iter().find(|(k, _)| &**k == "start")) {
                    (Some(s), _) => s.clone(),
                    (_, Some((_, s))) => s.clone(),
                    _ => Value::Int(0),
                };
                if matches!(acc, Value::Str(_)) {
                    return Err(
                        self.type_error("sum() can't sum strings [use ''.join(seq) instead]")
                    );
                }
                // Floats: compensated summation as CPython 3.12+ does.
                if items.iter().any(|v| matches!(v, Value::Float(_)))
                    && items.iter().all(|v| as_number(v).is_some())
                    && as_number(&acc).is_some()
                {
                    let mut ints = malachite_bigint::BigInt::from(0);
                    let mut floats = Vec::new();
                    let mut have_float = matches!(acc, Value::Float(_));
                    match as_number(&acc).unwrap() {
                        Num::Float(f) => floats.push(f),
                        n => ints += num::to_big(&n),
                    }
                    for v in &items {
                        match as_number(v).unwrap() {
                            Num::Float(f) => {
                                have_float = true;
                                floats.push(f)
                            }
                            n => ints += num::to_big(&n),
                        }
                    }
                    let _ = have_float;
                    let total = neumaier(&floats) + num::to_f64(&Num::Big(ints));
                    Value::Float(total)
                } else {
                    for v in items {
                        acc = self
                            .binary_op(crate::code::BinOp::Add, &acc, &v, false)?
                            .unwrap_or(Value::None);
                    }
                    acc
                }
            }
            "round" => self.builtin_round(&args)?,
            "sorted" => {
                let items = self.iterate_to_vec(&args[0])?;
                let l = self.new_list(items);
                self.list_sort(&l, &kwargs)?;
                l
            }
            "reversed" => {
                let seq = args[0].clone();
                if let Some(f) = self.lookup_dunder(&seq, "__reversed__") {
                    return self.call_nested(&f, vec![seq], Vec::new()).map(Some);
                }
                let n = match &seq {
                    Value::Obj(id)
                        if matches!(
                            self.obj(*id),
                            Obj::Dict(_) | Obj::Counter(_) | Obj::DefaultDict { .. }
                        ) =>
                    {
                        let mut keys = self.seq_items(&seq);
                        keys.reverse();
                        let l = self.new_list(keys);
                        return self.get_iter(&l).map(Some);
                    }
                    _ => self.len_of(&seq)?,
                };
                self.alloc(Obj::Iter(Box::new(Iter::Reversed { seq, index: n })))
            }
            "enumerate" => {
                let start = args
                    .get(1)
                    .cloned()
                    .or_else(|| {
                        kwargs
                            .iter()
                            .find(|(k, _)| &**k == "start")
                            .map(|(_, v)| v.clone())
                    })
                    .unwrap_or(Value::Int(0));
                let inner = self.get_iter(&args[0])?;
                self.alloc(Obj::Iter(Box::new(Iter::Enumerate {
                    inner,
                    index: start,
                })))
            }
            "zip" => {
                let mut inners = Vec::new();
                for a in &args {
                    inners.push(self.get_iter(a)?);
                }
                self.alloc(Obj::Iter(Box::new(Iter::Zip { inners })))
            }
            "map" => {
                if args.len() < 2 {
                    return Err(self.type_error("map() must have at least two arguments."));
                }
                let mut inners = Vec::new();
                for a in &args[1..] {
                    inners.push(self.get_iter(a)?);
                }
                self.alloc(Obj::Iter(Box::new(Iter::Map {
                    func: args[0].clone(),
                    inners,
                })))
            }
            "filter" => {
                let inner = self.get_iter(&args[1])?;
                self.alloc(Obj::Iter(Box::new(Iter::Filter {
                    func: args[0].clone(),
                    inner,
                })))
            }
            "any" | "all" => {
                let it = self.get_iter(&args[0])?;
                let want = name == "any";
                let mut result = !want;
                while let Some(v) = self.next_value(&it)? {
                    if self.truthy(&v)? == want {
                        result = want;
                        break;
                    }
                }
                Value::Bool(result)
            }
            "isinstance" => {
                if args.len() != 2 {
                    return Err(self.type_error(format!(
                        "isinstance expected 2 arguments, got {}",
                        args.len()
                    )));
                }
                Value::Bool(self.isinstance(&args[0], &args[1]))
            }
            "issubclass" => {
                let ok = match &args[0] {
                    Value::Type(_) => true,
                    Value::Obj(id) => matches!(self.obj_kind(*id), Obj::Class(_)),
                    _ => false,
                };
                if !ok {
                    return Err(self.type_error("issubclass() arg 1 must be a class"));
                }
                let r = match &args[1] {
                    Value::Tuple(cs) => cs.iter().any(|c| self.is_subclass(&args[0], c)),
                    c => self.is_subclass(&args[0], c),
                };
                Value::Bool(r)
            }
            "hasattr" => {
                let Value::Str(n) = &args[1] else {
                    return Err(self.type_error("hasattr(): attribute name must be string"));
                };
                match self.get_attr_opt(&args[0], n) {
                    Ok(Some(crate::interp::AttrResult::Value(_))) => Value::Bool(true),
                    Ok(Some(crate::interp::AttrResult::CallPushed)) => {
                        // A property frame was pushed; run it to completion.
                        let _ = self.run_pushed_to_value();
                        Value::Bool(true)
                    }
                    Ok(None) => Value::Bool(false),
                    Err(e) if self.exc_matches(&e, &Value::Type(Ty::AttributeError)) => {
                        Value::Bool(false)
                    }
                    Err(e) => return Err(e),
                }
            }
            "getattr" => {
                let Value::Str(n) = &args[1] else {
                    return Err(self.type_error("attribute name must be string"));
                };
                let n = n.clone();
                match self.get_attr_opt(&args[0], &n) {
                    Ok(Some(crate::interp::AttrResult::Value(v))) => v,
                    Ok(Some(crate::interp::AttrResult::CallPushed)) => {
                        self.run_pushed_to_value()?
                    }
                    Ok(None) => match args.get(2) {
                        Some(d) => d.clone(),
                        None => return Err(self.attribute_error(&args[0], &n)),
                    },
                    Err(e)
                        if args.len() > 2
                            && self.exc_matches(&e, &Value::Type(Ty::AttributeError)) =>
                    {
                        args[2].clone()
                    }
                    Err(e) => return Err(e),
                }
            }
            "setattr" => {
                let Value::Str(n) = &args[1] else {
                    return Err(self.type_error("attribute name must be string"));
                };
                self.set_attr(&args[0], &n.clone(), args[2].clone())?;
                Value::None
            }
            "delattr" => {
                let Value::Str(n) = &args[1] else {
                    return Err(self.type_error("attribute name must be string"));
                };
                self.del_attr(&args[0], &n.clone())?;
                Value::None
            }
            "id" => Value::Int(match &args[0] {
                Value::Obj(id) => 0x7f00_0000_0000 + *id as i64 * 0x40,
                other => key_hash(other) & 0xffff_ffff,
            }),
            "hash" => {
                if args.len() != 1 {
                    return Err(self.type_error(format!(
                        "hash() takes exactly one argument ({} given)",
                        args.len()
                    )));
                }
                self.builtin_hash(&args[0])?
            }
            "iter" => self.get_iter(&args[0])?,
            "next" if args.first().is_some_and(|a| self.is_generator(a)) => {
                // Resumed directly so that the generator's StopIteration keeps its value.
                let id = args[0].as_obj().expect("a generator is a heap object");
                match self.resume_generator(id, None) {
                    Ok(v) => v.unwrap_or(Value::None),
                    Err(e)
                        if args.len() > 1
                            && self.exc_matches(&e, &Value::Type(Ty::StopIteration)) =>
                    {
                        args[1].clone()
                    }
                    Err(e) => return Err(e),
                }
            }
            "next" => match self.next_value(&args[0]) {
                Ok(Some(v)) => v,
                Ok(None) => match args.get(1) {
                    Some(d) => d.clone(),
                    None => return Err(self.exc(Ty::StopIteration, "")),
                },
                Err(e) => return Err(e),
            },
            "divmod" => {
                let (Some(a), Some(b)) = (as_number(&args[0]), as_number(&args[1])) else {
                    let (ta, tb) = (self.type_name(&args[0]), self.type_name(&args[1]));
                    return Err(self.type_error(format!(
                        "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
                    )));
                };
                match num::divmod(&a, &b) {
                    Ok((q, r)) => Value::tuple(vec![q, r]),
                    Err((ty, msg)) => return Err(self.exc(ty, msg)),
                }
            }
            "pow" => {
                if args.len() == 3 {
                    let (b, e, m) = (
                        num::to_big(&as_number(&args[0]).unwrap_or(Num::Int(0))),
                        num::to_big(&as_number(&args[1]).unwrap_or(Num::Int(0))),
                        num::to_big(&as_number(&args[2]).unwrap_or(Num::Int(1))),
                    );
                    if m == malachite_bigint::BigInt::from(0) {
                        return Err(self.exc(Ty::ValueError, "pow() 3rd argument cannot be 0"));
                    }
                    return Ok(Some(num::big_to_value(mod_pow(b, e, m))));
                }
                self.binary_op(crate::code::BinOp::Pow, &args[0], &args[1], false)?
                    .unwrap_or(Value::None)
            }
            "chr" => {
                let Some(i) = int_of(&args[0]) else {
                    let tn = self.type_name(&args[0]);
                    return Err(self
                        .type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                };
                match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(c) => Value::str(c.encode_utf8(&mut [0; 4])),
                    None => {
                        return Err(self.exc(Ty::ValueError, "chr() arg not in range(0x110000)"))
                    }
                }
            }
            "ord" => match &args[0] {
                Value::Str(s) if s.chars().count() == 1 => {
                    Value::Int(s.chars().next().unwrap() as i64)
                }
                Value::Str(s) => {
                    return Err(self.type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    )))
                }
                other => {
                    let tn = self.type_name(other);
                    return Err(self
                        .type_error(format!("ord() expected string of length 1, but {tn} found")));
                }
            },
            "callable" => Value::Bool(self.is_callable(&args[0])),
            "bin" | "hex" | "oct" => {
                let Some(n) = as_number(&args[0]).filter(|n| !matches!(n, Num::Float(_))) else {
                    let tn = self.type_name(&args[0]);
                    return Err(self
                        .type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                };
                let b = num::to_big(&n);
                let neg = b < malachite_bigint::BigInt::from(0);
                let m = if neg { -b } else { b };
                let body = match name {
                    "bin" => format!("0b{:b}", m),
                    "hex" => format!("0x{:x}", m),
                    _ => format!("0o{:o}", m),
                };
                Value::str(&format!("{}{body}", if neg { "-" } else { "" }))
            }
            "format" => {
                let spec = match args.get(1) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                Value::str(&self.format_value(&args[0], &spec)?)
            }
            // Builtin methods reached through super() or bound objects.
            "BaseException.__init__" => {
                if !self.isinstance(&args[0], &Value::Type(Ty::BaseException)) {
                    let tn = self.type_name(&args[0]);
                    return Err(self.type_error(format!(
                        "descriptor '__init__' requires a 'BaseException' object but received a '{tn}'"
                    )));
                }
                if let Some(d) = self.exc_data_mut(&args[0]) {
                    d.args = args[1..].to_vec();
                }
                Value::None
            }
            "object.__init__" => Value::None,
            "dict.fromkeys" => self.dict_fromkeys(&args)?,
            "object.__eq__" => {
                if self.is(&args[0], &args[1]) {
                    Value::Bool(true)
                } else {
                    Value::NotImplemented
                }
            }
            "object.__str__" | "object.__repr__" | "BaseException.__str__" => {
                let v = args[0].clone();
                if name == "BaseException.__str__" {
                    let a = self
                        .exc_data(&v)
                        .map(|d| d.args.clone())
                        .unwrap_or_default();
                    let key_error = self.exc_matches(&v, &Value::Type(Ty::KeyError));
                    return Ok(Some(Value::str(&match a.len() {
                        0 => String::new(),
                        1 if key_error => self.repr(&a[0])?,
                        1 => self.to_str(&a[0])?,
                        _ => self.repr(&Value::tuple(a))?,
                    })));
                }
                let cls = self.class_of(&v);
                let cn = self.class_name(&cls);
                Value::str(&format!(
                    "<__main__.{cn} object at {}>",
                    crate::format::fake_address(v.as_obj().unwrap_or(0))
                ))
            }
            "object.__hash__" => Value::Int(key_hash(&args[0])),
            "object.__setattr__" => {
                if let (Value::Obj(id), Value::Str(n)) = (&args[0], &args[1]) {
                    if let Obj::Instance(i) = self.obj_mut(*id) {
                        i.dict.insert(n.clone(), args[2].clone());
                    }
                }
                Value::None
            }
            "property.setter" | "property.getter" => {
                let (Value::Obj(p), f) = (&args[0], args[1].clone()) else {
                    return Err(self.type_error("bad property"));
                };
                let (fget, fset) = match self.obj(*p) {
                    Obj::Property { fget, fset } => (fget.clone(), fset.clone()),
                    _ => (Value::None, Value::None),
                };
                if name == "property.setter" {
                    self.alloc(Obj::Property { fget, fset: f })
                } else {
                    self.alloc(Obj::Property { fget: f, fset })
                }
            }
            other => {
                return Err(self.exc(
                    Ty::NotImplementedError,
                    format!("weft does not model {other}()"),
                ))
            }
        };
        Ok(Some(v))
    }

    /// `callable(v)`: told by the kind of object, without reading it.
    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Builtin(_) | Value::Type(_) => true,
            Value::Obj(id) => match self.obj_kind(*id) {
                Obj::Function(_)
                | Obj::Class(_)
                | Obj::BoundMethod { .. }
                | Obj::Partial { .. } => true,
                Obj::Instance(_) => self.lookup_dunder(v, "__call__").is_some(),
                _ => false,
            },
            _ => false,
        }
    }

    fn is_generator(&self, v: &Value) -> bool {
        matches!(v, Value::Obj(id) if matches!(self.obj(*id), Obj::Generator(_)))
    }

    /// Run a frame that a builtin pushed (a property getter) to its value.
    fn run_pushed_to_value(&mut self) -> PyResult<Value> {
        let t = self.current;
        if let Some(f) = self.threads[t].frames.last_mut() {
            f.on_return = OnReturn::Nested;
        }
        self.run_nested()
    }

    pub fn len_of(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.chars().count(),
            Value::Tuple(t) => t.len(),
            Value::Obj(id) => match self.obj(*id) {
                Obj::List(l) => l.len(),
                Obj::Dict(d) | Obj::DefaultDict { dict: d, .. } | Obj::Counter(d) => d.len(),
                Obj::DictView { source, .. } => self.set_len(*source),
                Obj::Set(s) | Obj::FrozenSet(s) => s.len(),
                Obj::Deque { items, .. } => items.len(),
                Obj::Range { start, stop, step } => range_len(*start, *stop, *step) as usize,
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(v, "__len__") {
                        let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                        return match int_of(&r) {
                            Some(n) if n >= 0 => Ok(n as usize),
                            Some(_) => {
                                Err(self.exc(Ty::ValueError, "__len__() should return >= 0"))
                            }
                            None => {
                                let tn = self.type_name(&r);
                                Err(self.type_error(format!(
                                    "'{tn}' object cannot be interpreted as an integer"
                                )))
                            }
                        };
                    }
                    let tn = self.type_name(v);
                    return Err(self.type_error(format!("object of type '{tn}' has no len()")));
                }
                _ => {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format!("object of type '{tn}' has no len()")));
                }
            },
            _ => {
                let tn = self.type_name(v);
                return Err(self.type_error(format!("object of type '{tn}' has no len()")));
            }
        })
    }

    fn builtin_print(&mut self, args: Vec<Value>, kwargs: Kwargs) -> PyResult<()> {
        let mut sep = " ".to_string();
        let mut end = "\n".to_string();
        let mut to_stderr = false;
        let mut writer: Option<Value> = None;
        for (k, v) in &kwargs {
            match &**k {
                "sep" => {
                    if !v.is_none() {
                        sep = match v {
                            Value::Str(s) => s.to_string(),
                            other => {
                                let tn = self.type_name(other);
                                return Err(self.type_error(format!(
                                    "sep must be None or a string, not {tn}"
                                )));
                            }
                        }
                    }
                }
                "end" => {
                    if !v.is_none() {
                        end = match v {
                            Value::Str(s) => s.to_string(),
                            other => {
                                let tn = self.type_name(other);
                                return Err(self.type_error(format!(
                                    "end must be None or a string, not {tn}"
                                )));
                            }
                        }
                    }
                }
                "file" if v.is_none() || self.stream_of(v).is_some() => {
                    to_stderr = self.is_stderr(v)
                }
                "file" => writer = Some(v.clone()),
                "flush" => {}
                other => {
                    return Err(self.type_error(format!(
                        "'{other}' is an invalid keyword argument for print()"
                    )))
                }
            }
        }
        let mut pieces: Vec<std::sync::Arc<str>> = Vec::with_capacity(args.len() * 2);
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                pieces.push(std::sync::Arc::from(sep.as_str()));
            }
            pieces.push(std::sync::Arc::from(self.to_str(a)?.as_str()));
        }
        pieces.push(std::sync::Arc::from(end.as_str()));
        pieces.retain(|p| !p.is_empty());
        if let Some(file) = writer {
            // `print(..., file=obj)` calls `obj.write` with each piece, as CPython does (here
            // inside the print's step).
            let write = match self.get_attr(&file, "write")? {
                crate::interp::AttrResult::Value(w) => w,
                crate::interp::AttrResult::CallPushed => self.run_pushed_to_value()?,
            };
            for piece in pieces {
                self.call_nested(&write, vec![Value::Str(piece)], Vec::new())?;
            }
            return Ok(());
        }
        let t = self.current;
        let split = !self.options.atomic_print
            && pieces.len() > 1
            && self.threads[t].nested == 0
            && !self.runs_solo(t);
        if split {
            // The first write is this step; the others are steps of their own.
            let rest = pieces.split_off(1);
            self.write_output(&pieces[0], to_stderr);
            self.threads[t]
                .pending_writes
                .extend(rest.into_iter().map(|p| (to_stderr, p)));
        } else {
            self.write_output(&pieces.concat(), to_stderr);
        }
        Ok(())
    }

    pub fn write_output(&mut self, text: &str, to_stderr: bool) {
        let limit = self.options.max_output;
        let target = if to_stderr {
            &mut self.stderr
        } else {
            &mut self.stdout
        };
        if target.len() + text.len() > limit {
            if !target.ends_with("[weft: output truncated]\n") {
                target.push_str("\n[weft: output truncated]\n");
            }
            return;
        }
        target.push_str(text);
        if !to_stderr {
            self.obs.note_print(text);
        }
    }

    fn builtin_minmax(&mut self, name: &str, args: Vec<Value>, kwargs: Kwargs) -> PyResult<Value> {
        let key = kwargs
            .iter()
            .find(|(k, _)| &**k == "key")
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_none());
        let default = kwargs
            .iter()
            .find(|(k, _)| &**k == "default")
            .map(|(_, v)| v.clone());
        let items = if args.len() == 1 {
            self.iterate_to_vec(&args[0])?
        } else if args.is_empty() {
            return Err(self.type_error(format!("{name} expected at least 1 argument, got 0")));
        } else {
            args
        };
        if items.is_empty() {
            return match default {
                Some(d) => Ok(d),
                None => Err(self.exc(
                    Ty::ValueError,
                    format!("{name}() iterable argument is empty"),
                )),
            };
        }
        let op = if name == "min" { CmpOp::Lt } else { CmpOp::Gt };
        let mut best = items[0].clone();
        let mut best_key = match &key {
            Some(k) => self.call_nested(k, vec![best.clone()], Vec::new())?,
            None => best.clone(),
        };
        for it in items.into_iter().skip(1) {
            let k = match &key {
                Some(kf) => self.call_nested(kf, vec![it.clone()], Vec::new())?,
                None => it.clone(),
            };
            let better = self.compare(op, &k, &best_key)?;
            if self.truthy(&better)? {
                best = it;
                best_key = k;
            }
        }
        Ok(best)
    }

    fn builtin_round(&mut self, args: &[Value]) -> PyResult<Value> {
        let ndigits = args.get(1).filter(|v| !v.is_none()).and_then(int_of);
        match as_number(&args[0]) {
            Some(Num::Float(f)) => match ndigits {
                None => {
                    if f.is_nan() {
                        return Err(self.exc(Ty::ValueError, "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(self.exc(
                            Ty::OverflowError,
                            "cannot convert float infinity to integer",
                        ));
                    }
                    let r = f.round_ties_even();
                    Ok(if r.abs() < 9e18 {
                        Value::Int(r as i64)
                    } else {
                        num::big_to_value(malachite_bigint::BigInt::from(r as i128))
                    })
                }
                Some(d) => {
                    // Correctly rounded via the decimal string, as CPython does.
                    let s = format!("{:.*}", d.max(0) as usize, f);
                    if d >= 0 {
                        let v: f64 = s.parse().unwrap_or(f);
                        // format! rounds half-to-even on the exact binary value, like CPython.
                        Ok(Value::Float(v))
                    } else {
                        let p = 10f64.powi((-d) as i32);
                        Ok(Value::Float((f / p).round_ties_even() * p))
                    }
                }
            },
            Some(n @ (Num::Int(_) | Num::Big(_))) => match ndigits {
                None => Ok(num::big_to_value(num::to_big(&n))),
                Some(d) if d >= 0 => Ok(num::big_to_value(num::to_big(&n))),
                Some(d) => {
                    // Round half to even at 10**-d.
                    use malachite_bigint::BigInt;
                    let p = num::to_big(&Num::Int(10)).pow_u32((-d) as u32);
                    let b = num::to_big(&n);
                    let mut q = floor_div_big(&b, &p);
                    let twice_r = (b - q.clone() * p.clone()) * BigInt::from(2);
                    let odd = floor_div_big(&q, &BigInt::from(2)) * BigInt::from(2) != q;
                    if twice_r > p || (twice_r == p && odd) {
                        q += BigInt::from(1);
                    }
                    Ok(num::big_to_value(q * p))
                }
            },
            None => {
                if let Some(f) = self.lookup_dunder(&args[0], "__round__") {
                    let mut a = vec![args[0].clone()];
                    a.extend(args[1..].iter().cloned());
                    return self.call_nested(&f, a, Vec::new());
                }
                let tn = self.type_name(&args[0]);
                Err(self.type_error(format!("type {tn} doesn't define __round__ method")))
            }
        }
    }

    /// Sort a list in place (stable), with `key=` and `reverse=`.
    pub fn list_sort(&mut self, list: &Value, kwargs: &Kwargs) -> PyResult<()> {
        let key = kwargs
            .iter()
            .find(|(k, _)| &**k == "key")
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_none());
        let reverse = match kwargs.iter().find(|(k, _)| &**k == "reverse") {
            Some((_, v)) => self.truthy(&v.clone())?,
            None => false,
        };
        let Value::Obj(id) = list else { return Ok(()) };
        let items = match self.obj(*id) {
            Obj::List(l) => l.clone(),
            _ => return Ok(()),
        };
        let mut keyed = Vec::with_capacity(items.len());
        for it in items {
            let k = match &key {
                Some(f) => self.call_nested(f, vec![it.clone()], Vec::new())?,
                None => it.clone(),
            };
            keyed.push((k, it));
        }
        // Merge sort with Python comparisons (errors propagate).
        let mut err = None;
        let sorted = merge_sort(self, keyed, reverse, &mut err);
        if let Some(e) = err {
            return Err(e);
        }
        if let Obj::List(l) = self.obj_mut(*id) {
            *l = sorted.into_iter().map(|(_, v)| v).collect();
        }
        Ok(())
    }

    /// Constructors of builtin types: `int(x)`, `list(it)`, `dict(...)`, ...
    /// What a native whose effect is `Refused` or `Unmodelled` raises instead of running.
    pub fn refuse_undeclared_effects(&mut self, native: &crate::natives::Native) -> PyResult<()> {
        match native.effect {
            crate::natives::Effect::Refused => Err(self.exc(
                Ty::OSError,
                format!(
                    "{}() is not available: weft gives the interpreted program no files, processes or dynamic code",
                    native.name
                ),
            )),
            crate::natives::Effect::Unmodelled => Err(self.exc(
                Ty::NotImplementedError,
                format!("weft does not model {}()", native.name),
            )),
            _ => Ok(()),
        }
    }

    pub fn construct(
        &mut self,
        t: Ty,
        mut args: Vec<Value>,
        mut kwargs: Kwargs,
    ) -> PyResult<Value> {
        if let Some(native) = crate::natives::constructor(t) {
            self.bind_native(native, &mut args, &mut kwargs)?;
        }
        Ok(match t {
            Ty::Int => self.construct_int(&args, &kwargs)?,
            Ty::Float => match args.first() {
                None => Value::Float(0.0),
                Some(Value::Str(s)) => {
                    let t = s.trim().to_lowercase().replace('_', "");
                    let f = match t.as_str() {
                        "inf" | "+inf" | "infinity" => f64::INFINITY,
                        "-inf" | "-infinity" => f64::NEG_INFINITY,
                        "nan" | "+nan" | "-nan" => f64::NAN,
                        _ => match t.parse::<f64>() {
                            Ok(f) => f,
                            Err(_) => {
                                return Err(self.exc(
                                    Ty::ValueError,
                                    format!(
                                        "could not convert string to float: {}",
                                        crate::format::str_repr(s)
                                    ),
                                ))
                            }
                        },
                    };
                    Value::Float(f)
                }
                Some(v) => match as_number(v) {
                    Some(n) => Value::Float(num::to_f64(&n)),
                    None => {
                        if let Some(f) = self.lookup_dunder(v, "__float__") {
                            return self.call_nested(&f, vec![v.clone()], Vec::new());
                        }
                        let tn = self.type_name(v);
                        return Err(self.type_error(format!(
                            "float() argument must be a string or a real number, not '{tn}'"
                        )));
                    }
                },
            },
            Ty::Bool => match args.first() {
                None => Value::Bool(false),
                Some(v) => Value::Bool(self.truthy(&v.clone())?),
            },
            Ty::Str => match args.first() {
                None => Value::str(""),
                Some(v) => Value::str(&self.to_str(&v.clone())?),
            },
            Ty::Tuple => match args.first() {
                None => Value::tuple(vec![]),
                Some(v) => Value::tuple(self.iterate_to_vec(&v.clone())?),
            },
            Ty::List => {
                let items = match args.first() {
                    None => Vec::new(),
                    Some(v) => self.iterate_to_vec(&v.clone())?,
                };
                self.new_list(items)
            }
            Ty::Set | Ty::FrozenSet => {
                let items = match args.first() {
                    None => Vec::new(),
                    Some(v) => self.iterate_to_vec(&v.clone())?,
                };
                self.new_set(items, t == Ty::FrozenSet)?
            }
            Ty::Dict => {
                let d = self.dict_from_args(&args, kwargs)?;
                self.new_dict(d)
            }
            Ty::Range => {
                let ints: Vec<i64> = args
                    .iter()
                    .map(|a| int_of(a).ok_or(()))
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        let bad = args
                            .iter()
                            .find(|a| int_of(a).is_none())
                            .cloned()
                            .unwrap_or(Value::None);
                        let tn = self.type_name(&bad);
                        self.type_error(format!(
                            "'{tn}' object cannot be interpreted as an integer"
                        ))
                    })?;
                let (start, stop, step) = match ints.len() {
                    1 => (0, ints[0], 1),
                    2 => (ints[0], ints[1], 1),
                    3 => (ints[0], ints[1], ints[2]),
                    0 => return Err(self.type_error("range expected at least 1 argument, got 0")),
                    n => {
                        return Err(
                            self.type_error(format!("range expected at most 3 arguments, got {n}"))
                        )
                    }
                };
                if step == 0 {
                    return Err(self.exc(Ty::ValueError, "range() arg 3 must not be zero"));
                }
                self.alloc(Obj::Range { start, stop, step })
            }
            Ty::Object => {
                if !args.is_empty() {
                    return Err(self.type_error("object() takes no arguments"));
                }
                self.alloc(Obj::Instance(Box::new(Instance {
                    class: Value::Type(Ty::Object),
                    dict: Attrs::default(),
                    exc: None,
                })))
            }
            Ty::Type => {
                if args.len() == 1 {
                    self.class_of(&args[0])
                } else {
                    return Err(
                        self.type_error("weft supports only type(x), not type(name, bases, dict)")
                    );
                }
            }
            Ty::Property => {
                let fget = args.first().cloned().unwrap_or(Value::None);
                let fset = args.get(1).cloned().unwrap_or(Value::None);
                self.alloc(Obj::Property { fget, fset })
            }
            Ty::StaticMethod => self.alloc(Obj::StaticMethod(args[0].clone())),
            Ty::ClassMethod => self.alloc(Obj::ClassMethod(args[0].clone())),
            Ty::Super => {
                if args.len() != 2 {
                    return Err(self.exc(Ty::RuntimeError, "super(): no arguments"));
                }
                self.alloc(Obj::Super {
                    class: args[0].clone(),
                    receiver: args[1].clone(),
                })
            }
            Ty::Slice => {
                let (a, b, c) = match args.len() {
                    1 => (Value::None, args[0].clone(), Value::None),
                    2 => (args[0].clone(), args[1].clone(), Value::None),
                    _ => (args[0].clone(), args[1].clone(), args[2].clone()),
                };
                self.alloc(Obj::Slice(a, b, c))
            }
            Ty::Enumerate | Ty::Zip | Ty::Map | Ty::Filter | Ty::Reversed => {
                let name: &'static str = match t {
                    Ty::Enumerate => "enumerate",
                    Ty::Zip => "zip",
                    Ty::Map => "map",
                    Ty::Filter => "filter",
                    _ => "reversed",
                };
                return self
                    .call_builtin(name, args, kwargs)
                    .map(|v| v.unwrap_or(Value::None));
            }
            other => return self.construct_module_type(other, args, kwargs),
        })
    }

    fn construct_int(&mut self, args: &[Value], kwargs: &Kwargs) -> PyResult<Value> {
        let base = args.get(1).cloned().or_else(|| {
            kwargs
                .iter()
                .find(|(k, _)| &**k == "base")
                .map(|(_, v)| v.clone())
        });
        let Some(v) = args.first() else {
            return Ok(Value::Int(0));
        };
        match v {
            Value::Str(s) => {
                let base = base.as_ref().and_then(int_of).unwrap_or(10);
                if base != 0 && !(2..=36).contains(&base) {
                    return Err(self.exc(Ty::ValueError, "int() base must be >= 2 and <= 36, or 0"));
                }
                let t = s.trim().replace('_', "");
                let (neg, digits) = match t.strip_prefix('-') {
                    Some(r) => (true, r.to_string()),
                    None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
                };
                let (base, digits) = if base == 0 || base == 16 || base == 8 || base == 2 {
                    let lower = digits.to_lowercase();
                    if let Some(r) = lower.strip_prefix("0x").filter(|_| base == 0 || base == 16) {
                        (16, r.to_string())
                    } else if let Some(r) =
                        lower.strip_prefix("0o").filter(|_| base == 0 || base == 8)
                    {
                        (8, r.to_string())
                    } else if let Some(r) =
                        lower.strip_prefix("0b").filter(|_| base == 0 || base == 2)
                    {
                        (2, r.to_string())
                    } else {
                        (if base == 0 { 10 } else { base }, digits)
                    }
                } else {
                    (base, digits)
                };
                let parsed = if digits.is_empty() {
                    None
                } else {
                    malachite_bigint::BigInt::parse_bytes(digits.as_bytes(), base as u32)
                };
                match parsed {
                    Some(b) => Ok(num::big_to_value(if neg { -b } else { b })),
                    None => Err(self.exc(
                        Ty::ValueError,
                        format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::format::str_repr(s)
                        ),
                    )),
                }
            }
            other => match as_number(other) {
                Some(Num::Float(f)) => {
                    if f.is_nan() {
                        return Err(self.exc(Ty::ValueError, "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(self.exc(
                            Ty::OverflowError,
                            "cannot convert float infinity to integer",
                        ));
                    }
                    let t = f.trunc();
                    Ok(if t.abs() < 9e18 {
                        Value::Int(t as i64)
                    } else {
                        num::big_to_value(format!("{:.0}", t).parse().unwrap_or_default())
                    })
                }
                Some(Num::Int(i)) => Ok(Value::Int(i)),
                Some(Num::Big(b)) => Ok(num::big_to_value(b)),
                None => {
                    if let Some(f) = self.lookup_dunder(other, "__int__") {
                        return self.call_nested(&f, vec![other.clone()], Vec::new());
                    }
                    let tn = self.type_name(other);
                    Err(self.type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{tn}'")))
                }
            },
        }
    }

    /// The entries `dict(...)` or `d.update(...)` takes: a mapping, or an iterable of pairs, then
    /// keyword arguments; later values of equal keys win.
    pub fn dict_from_args(&mut self, args: &[Value], kwargs: Kwargs) -> PyResult<Dict> {
        let target = self.new_dict(Dict::default());
        let id = target.as_obj().expect("a dict is a heap object");
        if let Some(src) = args.first() {
            let is_mapping = matches!(src, Value::Obj(s) if self.obj(*s).as_dict().is_some());
            if is_mapping {
                for (k, v) in self.mapping_items(src)? {
                    self.dict_store(id, k, v)?;
                }
            } else {
                let items = self.iterate_to_vec(src)?;
                for (i, it) in items.into_iter().enumerate() {
                    let pair = self.iterate_to_vec(&it)?;
                    if pair.len() != 2 {
                        return Err(self.exc(
                            Ty::ValueError,
                            format!("dictionary update sequence element #{i} has length {}; 2 is required", pair.len()),
                        ));
                    }
                    let k = self.hashable(pair[0].clone())?;
                    self.dict_store(id, k, pair[1].clone())?;
                }
            }
        }
        for (k, v) in kwargs {
            self.dict_store(id, Key::str(k), v)?;
        }
        Ok(std::mem::take(
            self.obj_mut(id).as_dict_mut().expect("a dict"),
        ))
    }
}

fn neumaier(xs: &[f64]) -> f64 {
    let mut sum = 0.0f64;
    let mut c = 0.0f64;
    for &x in xs {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            c += (sum - t) + x;
        } else {
            c += (x - t) + sum;
        }
        sum = t;
    }
    sum + c
}

fn floor_div_big(
    a: &malachite_bigint::BigInt,
    b: &malachite_bigint::BigInt,
) -> malachite_bigint::BigInt {
    use num_integer::Integer;
    a.div_floor(b)
}

fn mod_pow(
    base: malachite_bigint::BigInt,
    exp: malachite_bigint::BigInt,
    m: malachite_bigint::BigInt,
) -> malachite_bigint::BigInt {
    use num_integer::Integer;
    let zero = malachite_bigint::BigInt::from(0);
    let one = malachite_bigint::BigInt::from(1);
    let two = malachite_bigint::BigInt::from(2);
    let mut result = one.clone();
    let mut b = base.mod_floor(&m);
    let mut e = exp;
    while e > zero {
        if e.mod_floor(&two) == one {
            result = (result * b.clone()).mod_floor(&m);
        }
        b = (b.clone() * b).mod_floor(&m);
        e = e.div_floor(&two);
    }
    result
}

trait PowU32 {
    fn pow_u32(self, e: u32) -> Self;
}
impl PowU32 for malachite_bigint::BigInt {
    fn pow_u32(self, e: u32) -> Self {
        num_traits::Pow::pow(self, e)
    }
}

pub(crate) fn merge_sort(
    m: &mut Machine,
    items: Vec<(Value, Value)>,
    reverse: bool,
    err: &mut Option<Value>,
) -> Vec<(Value, Value)> {
    if items.len() <= 1 || err.is_some() {
        return items;
    }
    let mut items = items;
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(m, items, reverse, err);
    let right = merge_sort(m, right, reverse, err);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if err.is_some() {
            break;
        }
        // Take from the right only when it is strictly before the left (stability).
        let right_first = if reverse {
            less(m, &left[i].0, &right[j].0, err)
        } else {
            less(m, &right[j].0, &left[i].0, err)
        };
        if right_first {
            out.push(right[j].clone());
            j += 1;
        } else {
            out.push(left[i].clone());
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    out
}

fn less(m: &mut Machine, a: &Value, b: &Value, err: &mut Option<Value>) -> bool {
    match m.compare(CmpOp::Lt, a, b) {
        Ok(v) => m.truthy(&v).unwrap_or(false),
        Err(e) => {
            *err = Some(e);
            false
        }
    }
}
