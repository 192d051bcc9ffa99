//! Classes, instances and attributes: lookup through the MRO, properties, static and class
//! methods, bound methods, `super()`, class creation, globals and `with`.

use crate::interp::AttrResult;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

impl Machine {
    /// The class of a value: `Value::Type` for builtins, `Value::Obj` for user classes.
    pub fn class_of(&self, v: &Value) -> Value {
        Value::Type(match v {
            Value::None => Ty::NoneType,
            Value::Bool(_) => Ty::Bool,
            Value::Int(_) | Value::Big(_) => Ty::Int,
            Value::Float(_) => Ty::Float,
            Value::Str(_) => Ty::Str,
            Value::Tuple(_) => Ty::Tuple,
            Value::Type(_) => Ty::Type,
            Value::Builtin(_) | Value::MethodName(_) => Ty::BuiltinFunction,
            Value::Ellipsis => Ty::Ellipsis,
            Value::NotImplemented => Ty::NotImplementedType,
            Value::Code(_) | Value::Undef => Ty::Object,
            Value::Obj(id) => match self.obj_kind(*id) {
                Obj::List(_) => Ty::List,
                Obj::Dict(_) => Ty::Dict,
                Obj::Set(_) => Ty::Set,
                Obj::FrozenSet(_) => Ty::FrozenSet,
                Obj::Deque { .. } => Ty::Deque,
                Obj::Range { .. } => Ty::Range,
                Obj::Slice(..) => Ty::Slice,
                Obj::Function(_) => Ty::Function,
                Obj::Class(_) => Ty::Type,
                Obj::Instance(i) => return i.class.clone(),
                Obj::Cell(_) => Ty::Cell,
                Obj::BoundMethod { .. } => Ty::Method,
                Obj::Module { .. } => Ty::Module,
                Obj::Iter(it) => match **it {
                    Iter::Enumerate { .. } => Ty::Enumerate,
                    Iter::Zip { .. } => Ty::Zip,
                    Iter::Map { .. } => Ty::Map,
                    Iter::Filter { .. } => Ty::Filter,
                    Iter::Reversed { .. } => Ty::Reversed,
                    Iter::Count { .. } => Ty::Count,
                    _ => Ty::Iterator,
                },
                Obj::Generator(_) => Ty::Generator,
                Obj::Property { .. } => Ty::Property,
                Obj::StaticMethod(_) => Ty::StaticMethod,
                Obj::ClassMethod(_) => Ty::ClassMethod,
                Obj::Partial { .. } => Ty::Partial,
                Obj::Super { .. } => Ty::Super,
                Obj::Lock(l) => {
                    if l.state.reentrant {
                        Ty::RLock
                    } else {
                        Ty::Lock
                    }
                }
                Obj::DefaultDict { .. } => Ty::DefaultDict,
                Obj::Counter(_) => Ty::Counter,
                Obj::DictView { kind, .. } => match kind {
                    0 => Ty::DictKeys,
                    1 => Ty::DictValues,
                    _ => Ty::DictItems,
                },
                Obj::Free => unreachable!("a live value never refers to a freed slot"),
            },
        })
    }

    /// `type(v).__name__`.
    pub fn type_name(&self, v: &Value) -> String {
        self.class_name(&self.class_of(v))
    }

    pub fn class_name(&self, cls: &Value) -> String {
        match cls {
            Value::Type(t) => t.name().to_string(),
            Value::Obj(id) => match self.obj(*id) {
                Obj::Class(c) => c.name.to_string(),
                _ => "?".into(),
            },
            _ => "?".into(),
        }
    }

    /// The MRO of a class value.
    pub fn mro(&self, cls: &Value) -> Vec<Value> {
        match cls {
            Value::Type(t) => {
                let mut out = Vec::new();
                let mut x = Some(*t);
                while let Some(y) = x {
                    out.push(Value::Type(y));
                    x = y.parent();
                }
                out
            }
            Value::Obj(id) => match self.obj(*id) {
                Obj::Class(c) => c.mro.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    pub fn is_subclass(&self, cls: &Value, of: &Value) -> bool {
        self.mro(cls).iter().any(|c| match (c, of) {
            (Value::Type(a), Value::Type(b)) => a == b,
            (Value::Obj(a), Value::Obj(b)) => a == b,
            _ => false,
        })
    }

    pub fn isinstance(&self, v: &Value, cls: &Value) -> bool {
        match cls {
            Value::Tuple(items) => items.iter().any(|c| self.isinstance(v, c)),
            _ => self.is_subclass(&self.class_of(v), cls),
        }
    }

    /// Look `name` up in a class's MRO (user classes only: builtin types have no Python dicts).
    pub fn class_lookup(&self, cls: &Value, name: &str) -> Option<Value> {
        for c in self.mro(cls) {
            if let Value::Obj(id) = c {
                if let Obj::Class(k) = self.obj(id) {
                    if let Some(v) = k.dict.get(name) {
                        return Some(v.clone());
                    }
                }
            }
        }
        None
    }

    /// A dunder method defined by a user class of `v` (unbound), if any.
    pub fn lookup_dunder(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Obj(id) if matches!(self.obj_kind(*id), Obj::Instance(_)) => {
                let cls = self.class_of(v);
                self.class_lookup(&cls, name)
            }
            _ => None,
        }
    }

    /// `obj.name`.
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> PyResult<AttrResult> {
        match self.get_attr_opt(obj, name)? {
            Some(r) => Ok(r),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    pub fn attribute_error(&mut self, obj: &Value, name: &str) -> Value {
        let msg = match obj {
            Value::Obj(id) => match self.obj(*id) {
                Obj::Module { name: m, .. } => format!("module '{m}' has no attribute '{name}'"),
                Obj::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
                _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
            },
            Value::Type(t) => format!("type object '{}' has no attribute '{name}'", t.name()),
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        self.exc(Ty::AttributeError, msg)
    }

    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<AttrResult>> {
        if let Value::Obj(id) = obj {
            let id = *id;
            match self.obj(id) {
                Obj::Instance(inst) => {
                    let class = inst.class.clone();
                    // Data descriptors (properties) on the class win over the instance dict.
                    let class_attr = self.class_lookup(&class, name);
                    if let Some(Value::Obj(p)) = &class_attr {
                        if let Obj::Property { fget, .. } = self.obj(*p) {
                            let fget = fget.clone();
                            if fget.is_none() {
                                return Err(self.exc(
                                    Ty::AttributeError,
                                    format!(
                                        "property '{name}' of '{}' object has no getter",
                                        self.class_name(&class)
                                    ),
                                ));
                            }
                            return match self.call_value(
                                fget,
                                vec![obj.clone()],
                                Vec::new(),
                                OnReturn::Push,
                            )? {
                                Some(v) => Ok(Some(AttrResult::Value(v))),
                                None => Ok(Some(AttrResult::CallPushed)),
                            };
                        }
                    }
                    if let Obj::Instance(inst) = self.obj(id) {
                        if let Some(v) = inst.dict.get(name) {
                            return Ok(Some(AttrResult::Value(v.clone())));
                        }
                        if let Some(e) = &inst.exc {
                            match name {
                                "args" => {
                                    return Ok(Some(AttrResult::Value(Value::tuple(
                                        e.args.clone(),
                                    ))))
                                }
                                "__cause__" => {
                                    return Ok(Some(AttrResult::Value(
                                        e.cause.clone().unwrap_or(Value::None),
                                    )))
                                }
                                "__context__" => {
                                    return Ok(Some(AttrResult::Value(
                                        e.context.clone().unwrap_or(Value::None),
                                    )))
                                }
                                "__traceback__" => return Ok(Some(AttrResult::Value(Value::None))),
                                "__suppress_context__" => {
                                    return Ok(Some(AttrResult::Value(Value::Bool(
                                        e.suppress_context,
                                    ))))
                                }
                                // `StopIteration.value` and `SystemExit.code`: the first
                                // argument (SystemExit: all of them when there are several).
                                "value"
                                    if self
                                        .is_subclass(&class, &Value::Type(Ty::StopIteration)) =>
                                {
                                    let v = e.args.first().cloned().unwrap_or(Value::None);
                                    return Ok(Some(AttrResult::Value(v)));
                                }
                                "code"
                                    if self.is_subclass(&class, &Value::Type(Ty::SystemExit)) =>
                                {
                                    let v = match e.args.len() {
                                        0 => Value::None,
                                        1 => e.args[0].clone(),
                                        _ => Value::tuple(e.args.clone()),
                                    };
                                    return Ok(Some(AttrResult::Value(v)));
                                }
                                _ => {}
                            }
                        }
                    }
                    if name == "__class__" {
                        return Ok(Some(AttrResult::Value(class)));
                    }
                    if name == "__dict__" {
                        let d = match self.obj(id) {
                            Obj::Instance(i) => i
                                .dict
                                .iter()
                                .map(|(k, v)| (Key::str(k.clone()), v.clone()))
                                .collect(),
                            _ => Dict::default(),
                        };
                        return Ok(Some(AttrResult::Value(self.new_dict(d))));
                    }
                    match class_attr {
                        Some(v) => {
                            return Ok(Some(AttrResult::Value(self.bind(v, obj.clone(), &class))))
                        }
                        None => {
                            if let Some(getattr) = self.class_lookup(&class, "__getattr__") {
                                let v = self.call_nested(
                                    &getattr,
                                    vec![obj.clone(), Value::str(name)],
                                    Vec::new(),
                                )?;
                                return Ok(Some(AttrResult::Value(v)));
                            }
                            return Ok(None);
                        }
                    }
                }
                Obj::Class(c) => {
                    if name == "__name__" {
                        return Ok(Some(AttrResult::Value(Value::Str(c.name.clone()))));
                    }
                    if name == "__qualname__" {
                        return Ok(Some(AttrResult::Value(Value::Str(c.qualname.clone()))));
                    }
                    if name == "__mro__" {
                        return Ok(Some(AttrResult::Value(Value::tuple(c.mro.clone()))));
                    }
                    if name == "__bases__" {
                        return Ok(Some(AttrResult::Value(Value::tuple(c.bases.clone()))));
                    }
                    if name == "__dict__" {
                        // A snapshot of the class namespace (CPython's is a read-only view).
                        let d = c
                            .dict
                            .iter()
                            .map(|(k, v)| (Key::str(k.clone()), v.clone()))
                            .collect();
                        return Ok(Some(AttrResult::Value(self.new_dict(d))));
                    }
                    return match self.class_lookup(obj, name) {
                        Some(v) => {
                            let v = match &v {
                                Value::Obj(x) => match self.obj(*x) {
                                    Obj::StaticMethod(f) => f.clone(),
                                    Obj::ClassMethod(f) => {
                                        let f = f.clone();
                                        self.alloc(Obj::BoundMethod {
                                            receiver: obj.clone(),
                                            func: f,
                                        })
                                    }
                                    _ => v,
                                },
                                _ => v,
                            };
                            Ok(Some(AttrResult::Value(v)))
                        }
                        None => Ok(self.builtin_class_attr(obj, name).map(AttrResult::Value)),
                    };
                }
                Obj::Module { dict, .. } => {
                    return Ok(dict.get(name).cloned().map(AttrResult::Value))
                }
                Obj::Function(f) => {
                    // Attributes set on the function (`functools.wraps` sets `__name__`) first.
                    if let Some(v) = f.attrs.get(name) {
                        return Ok(Some(AttrResult::Value(v.clone())));
                    }
                    return Ok(match name {
                        "__name__" => Some(AttrResult::Value(Value::Str(f.name.clone()))),
                        "__qualname__" => Some(AttrResult::Value(Value::Str(f.qualname.clone()))),
                        "__module__" => Some(AttrResult::Value(Value::str("__main__"))),
                        "__doc__" => Some(AttrResult::Value(Value::None)),
                        _ => f.attrs.get(name).cloned().map(AttrResult::Value),
                    });
                }
                Obj::BoundMethod { receiver, func } => {
                    let (receiver, func) = (receiver.clone(), func.clone());
                    return match name {
                        "__self__" => Ok(Some(AttrResult::Value(receiver))),
                        "__func__" => Ok(Some(AttrResult::Value(func))),
                        _ => self.get_attr_opt(&func, name),
                    };
                }
                Obj::Super { class, receiver } => {
                    let (class, receiver) = (class.clone(), receiver.clone());
                    let recv_class = match &receiver {
                        Value::Obj(r) if matches!(self.obj(*r), Obj::Class(_)) => receiver.clone(),
                        _ => self.class_of(&receiver),
                    };
                    let mro = self.mro(&recv_class);
                    let start = mro
                        .iter()
                        .position(|c| match (c, &class) {
                            (Value::Obj(a), Value::Obj(b)) => a == b,
                            (Value::Type(a), Value::Type(b)) => a == b,
                            _ => false,
                        })
                        .map(|p| p + 1)
                        .unwrap_or(mro.len());
                    for c in &mro[start..] {
                        match c {
                            Value::Obj(cid) => {
                                if let Obj::Class(k) = self.obj(*cid) {
                                    if let Some(v) = k.dict.get(name) {
                                        let v = v.clone();
                                        return Ok(Some(AttrResult::Value(self.bind(
                                            v,
                                            receiver.clone(),
                                            &recv_class,
                                        ))));
                                    }
                                }
                            }
                            Value::Type(t) => {
                                if let Some(v) = self.builtin_super_method(*t, name) {
                                    let m = self.alloc(Obj::BoundMethod {
                                        receiver: receiver.clone(),
                                        func: v,
                                    });
                                    return Ok(Some(AttrResult::Value(m)));
                                }
                            }
                            _ => {}
                        }
                    }
                    return Ok(None);
                }
                Obj::Property { fget, fset } => {
                    return Ok(match name {
                        "fget" => Some(AttrResult::Value(fget.clone())),
                        "fset" => Some(AttrResult::Value(fset.clone())),
                        "setter" | "getter" => {
                            Some(AttrResult::Value(self.alloc(Obj::BoundMethod {
                                receiver: obj.clone(),
                                func: Value::Builtin(if name == "setter" {
                                    "property.setter"
                                } else {
                                    "property.getter"
                                }),
                            })))
                        }
                        _ => None,
                    })
                }
                _ => {}
            }
        }
        if let Value::Type(t) = obj {
            if name == "__name__" || name == "__qualname__" {
                return Ok(Some(AttrResult::Value(Value::str(t.name()))));
            }
            if let Some(v) = self.builtin_class_attr(obj, name) {
                return Ok(Some(AttrResult::Value(v)));
            }
        }
        // Builtin values: data attributes, then methods.
        if let Some(v) = self.builtin_data_attr(obj, name)? {
            return Ok(Some(AttrResult::Value(v)));
        }
        if self.has_builtin_method(obj, name) {
            let m = self.alloc(Obj::BoundMethod {
                receiver: obj.clone(),
                func: Value::Str(Arc::from(name)),
            });
            return Ok(Some(AttrResult::Value(m)));
        }
        Ok(None)
    }

    /// Bind a class attribute found for `receiver`: functions become bound methods.
    pub fn bind(&mut self, v: Value, receiver: Value, class: &Value) -> Value {
        if let Value::Obj(id) = &v {
            match self.obj(*id) {
                Obj::Function(_) => return self.alloc(Obj::BoundMethod { receiver, func: v }),
                Obj::StaticMethod(f) => return f.clone(),
                Obj::ClassMethod(f) => {
                    let f = f.clone();
                    return self.alloc(Obj::BoundMethod {
                        receiver: class.clone(),
                        func: f,
                    });
                }
                _ => {}
            }
        }
        v
    }

    /// `LoadMethod`: push (function, self) to avoid allocating a bound method, or (Undef, value).
    pub fn load_method(&mut self, obj: Value, name_id: u32, name: &str) -> PyResult<()> {
        if let Value::Obj(id) = &obj {
            if let Obj::Instance(inst) = self.obj_kind(*id) {
                if !inst.dict.contains_key(name) {
                    let class = inst.class.clone();
                    if let Some(v) = self.class_lookup(&class, name) {
                        if let Value::Obj(f) = &v {
                            if matches!(self.obj(*f), Obj::Function(_)) {
                                self.push(v);
                                self.push(obj);
                                return Ok(());
                            }
                        }
                    }
                }
            }
        }
        let is_builtin_receiver = match &obj {
            Value::Obj(id) => !matches!(
                self.obj(*id),
                Obj::Instance(_)
                    | Obj::Class(_)
                    | Obj::Module { .. }
                    | Obj::Function(_)
                    | Obj::Super { .. }
                    | Obj::BoundMethod { .. }
            ),
            Value::Type(_) => false,
            _ => true,
        };
        if is_builtin_receiver && self.has_builtin_method(&obj, name) {
            self.push(Value::MethodName(name_id));
            self.push(obj);
            return Ok(());
        }
        let v = match self.get_attr(&obj, name)? {
            AttrResult::Value(v) => v,
            AttrResult::CallPushed => {
                // A property returning a callable: its frame will push the value; mark the slot.
                let t = self.current;
                let depth = self.threads[t].frames.len();
                let _ = depth;
                return Err(self.exc(Ty::RuntimeError, "calling the result of a property getter directly is not supported by weft; assign it to a variable first"));
            }
        };
        self.push(Value::Undef);
        self.push(v);
        Ok(())
    }

    pub fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> PyResult<()> {
        if let Value::Obj(id) = obj {
            let id = *id;
            match self.obj(id) {
                Obj::Instance(inst) => {
                    let class = inst.class.clone();
                    if let Some(Value::Obj(p)) = self.class_lookup(&class, name) {
                        if let Obj::Property { fset, .. } = self.obj(p) {
                            let fset = fset.clone();
                            if fset.is_none() {
                                let cn = self.class_name(&class);
                                return Err(self.exc(
                                    Ty::AttributeError,
                                    format!("property '{name}' of '{cn}' object has no setter"),
                                ));
                            }
                            self.call_nested(&fset, vec![obj.clone(), v], Vec::new())?;
                            return Ok(());
                        }
                    }
                    if let Some(setattr) = self.class_lookup(&class, "__setattr__") {
                        self.call_nested(
                            &setattr,
                            vec![obj.clone(), Value::str(name), v],
                            Vec::new(),
                        )?;
                        return Ok(());
                    }
                    if let Obj::Instance(inst) = self.obj_mut(id) {
                        inst.dict.insert(Arc::from(name), v);
                    }
                    return Ok(());
                }
                Obj::Class(_) => {
                    if let Obj::Class(c) = self.obj_mut(id) {
                        c.dict.insert(Arc::from(name), v);
                    }
                    return Ok(());
                }
                Obj::Function(_) => {
                    if let Obj::Function(f) = self.obj_mut(id) {
                        f.attrs.insert(Arc::from(name), v);
                    }
                    return Ok(());
                }
                Obj::Module { .. } => {
                    if let Obj::Module { dict, .. } = self.obj_mut(id) {
                        dict.insert(Arc::from(name), v);
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        if self.get_attr_opt(obj, name)?.is_some() {
            return Err(self.exc(
                Ty::AttributeError,
                format!("'{tn}' object attribute '{name}' is read-only"),
            ));
        }
        Err(self.exc(
            Ty::AttributeError,
            format!("'{tn}' object has no attribute '{name}'"),
        ))
    }

    pub fn del_attr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Value::Obj(id) = obj {
            let removed = match self.obj_mut(*id) {
                Obj::Instance(i) => i.dict.shift_remove(name).is_some(),
                Obj::Class(c) => c.dict.shift_remove(name).is_some(),
                Obj::Module { dict, .. } => dict.shift_remove(name).is_some(),
                _ => false,
            };
            if removed {
                return Ok(());
            }
        }
        Err(self.attribute_error(obj, name))
    }

    // ------------------------------------------------------------------ classes

    /// `BuildClass`: run the class body in a fresh namespace; `do_return` builds the class.
    pub fn start_class_body(
        &mut self,
        name: Arc<str>,
        bases: Vec<Value>,
        body: Value,
    ) -> PyResult<()> {
        let Value::Obj(fid) = body else {
            unreachable!("class bodies are functions")
        };
        let Obj::Function(f) = self.obj(fid) else {
            unreachable!("class bodies are functions")
        };
        let f = (**f).clone();
        for b in &bases {
            let ok = match b {
                Value::Type(_) => true,
                Value::Obj(id) => matches!(self.obj(*id), Obj::Class(_)),
                _ => false,
            };
            if !ok {
                return Err(self.type_error("bases must be types"));
            }
        }
        let ns = self.new_dict(Dict::default());
        let ns_id = ns.as_obj().unwrap();
        let module_name = if f.code.internal {
            self.internal_module_name(&f.code)
        } else {
            "__main__".to_string()
        };
        if let Obj::Dict(d) = self.obj_mut(ns_id) {
            d.insert(Key::str("__module__"), Value::str(&module_name));
            d.insert(Key::str("__qualname__"), Value::Str(f.qualname.clone()));
        }
        let mut frame = self.new_frame(
            f.code.clone(),
            f.globals,
            OnReturn::ClassBody {
                name,
                bases,
                namespace: ns_id,
            },
        );
        frame.namespace = Some(ns_id);
        frame.cells = self.make_cells(&f, &frame.code);
        self.push_frame(frame)
    }

    pub fn internal_module_name(&self, code: &crate::code::Code) -> String {
        let file = code.file.rsplit('/').next().unwrap_or("");
        file.trim_end_matches(".py").to_string()
    }

    pub fn build_class(
        &mut self,
        name: Arc<str>,
        bases: Vec<Value>,
        namespace: ObjId,
        _globals: &ObjId,
    ) -> PyResult<Value> {
        let mut dict = Attrs::default();
        if let Obj::Dict(d) = self.obj(namespace) {
            for (k, v) in d {
                if let Value::Str(s) = &k.0 {
                    dict.insert(s.clone(), v.clone());
                }
            }
        }
        // A class that defines `__eq__` but not `__hash__` is unhashable (CPython sets
        // `__hash__ = None`).
        if dict.contains_key("__eq__") && !dict.contains_key("__hash__") {
            dict.insert(Arc::from("__hash__"), Value::None);
        }
        let bases = if bases.is_empty() {
            vec![Value::Type(Ty::Object)]
        } else {
            bases
        };
        let mro = self.c3_mro(&bases)?;
        let qualname = match dict.get("__qualname__") {
            Some(Value::Str(s)) => s.clone(),
            _ => name.clone(),
        };
        let module = match dict.get("__module__") {
            Some(Value::Str(s)) => s.clone(),
            _ => Arc::from("__main__"),
        };
        let class = self.alloc(Obj::Class(Box::new(Class {
            name,
            qualname,
            module,
            bases,
            mro: Vec::new(),
            dict,
        })));
        let id = class.as_obj().unwrap();
        let mut full = vec![class.clone()];
        full.extend(mro);
        if let Obj::Class(c) = self.obj_mut(id) {
            c.mro = full;
        }
        Ok(class)
    }

    /// C3 linearisation of the bases (without the class itself).
    fn c3_mro(&mut self, bases: &[Value]) -> PyResult<Vec<Value>> {
        let mut seqs: Vec<Vec<Value>> = bases.iter().map(|b| self.mro(b)).collect();
        seqs.push(bases.to_vec());
        let same = |a: &Value, b: &Value| match (a, b) {
            (Value::Type(x), Value::Type(y)) => x == y,
            (Value::Obj(x), Value::Obj(y)) => x == y,
            _ => false,
        };
        let mut out: Vec<Value> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let mut chosen = None;
            for s in &seqs {
                let head = &s[0];
                if !seqs.iter().any(|o| o[1..].iter().any(|x| same(x, head))) {
                    chosen = Some(head.clone());
                    break;
                }
            }
            let Some(c) = chosen else {
                return Err(
                    self.type_error("Cannot create a consistent method resolution order (MRO)")
                );
            };
            for s in seqs.iter_mut() {
                if same(&s[0], &c) {
                    s.remove(0);
                }
            }
            out.push(c);
        }
    }

    /// The cells of a new frame of function `f`: fresh cells for its cellvars, then its closure.
    pub fn make_cells(&mut self, f: &Function, code: &crate::code::Code) -> Vec<ObjId> {
        let mut cells = Vec::with_capacity(code.cellvars.len() + f.closure.len());
        for _ in 0..code.cellvars.len() {
            let c = self.alloc(Obj::Cell(Value::Undef));
            cells.push(c.as_obj().unwrap());
        }
        cells.extend(f.closure.iter().copied());
        cells
    }

    // ------------------------------------------------------------------ globals

    pub fn module_dict_mut(&mut self, module: ObjId) -> &mut Attrs {
        match self.obj_mut(module) {
            Obj::Module { dict, .. } => dict,
            _ => unreachable!("globals live in a module"),
        }
    }

    pub fn load_global(&mut self, module: ObjId, name: &str) -> PyResult<Value> {
        if let Obj::Module { dict, .. } = self.obj(module) {
            if let Some(v) = dict.get(name) {
                return Ok(v.clone());
            }
        }
        if let Some(v) = crate::builtins::builtin_name(name) {
            return Ok(v);
        }
        Err(self.exc(Ty::NameError, format!("name '{name}' is not defined")))
    }

    pub fn dict_get_str(&self, dict: ObjId, name: &str) -> Option<Value> {
        match self.obj(dict) {
            Obj::Dict(d) => d.get(&Key::str(name)).cloned(),
            _ => None,
        }
    }

    // ------------------------------------------------------------------ with

    /// `__enter__`: returns the value to push, or None when a frame was pushed.
    pub fn with_enter(&mut self, ctx: &Value) -> PyResult<Option<Value>> {
        if let Value::Obj(id) = ctx {
            match self.obj(*id) {
                Obj::Lock(_) => {
                    return self.lock_acquire(*id, true, -1.0).map(Some);
                }
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(ctx, "__enter__") {
                        return self.call_value(f, vec![ctx.clone()], Vec::new(), OnReturn::Push);
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(ctx);
        Err(self.type_error(format!(
            "'{tn}' object does not support the context manager protocol"
        )))
    }

    /// `__exit__`: `exc` is the exception leaving the block (None on a normal exit).
    pub fn with_exit(&mut self, ctx: &Value, exc: Option<Value>) -> PyResult<Option<Value>> {
        if let Value::Obj(id) = ctx {
            match self.obj(*id) {
                Obj::Lock(_) => {
                    self.lock_release(*id)?;
                    return Ok(Some(Value::None));
                }
                Obj::Instance(_) => {
                    if let Some(f) = self.lookup_dunder(ctx, "__exit__") {
                        let args = match exc {
                            None => vec![ctx.clone(), Value::None, Value::None, Value::None],
                            Some(e) => {
                                let cls = self.class_of(&e);
                                vec![ctx.clone(), cls, e, Value::None]
                            }
                        };
                        return self.call_value(f, args, Vec::new(), OnReturn::Push);
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(ctx);
        Err(self.type_error(format!(
            "'{tn}' object does not support the context manager protocol"
        )))
    }
}
