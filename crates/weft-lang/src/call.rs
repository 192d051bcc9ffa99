//! Calling: binding arguments to parameters with CPython's error messages, user functions as
//! frames, generators, class instantiation, bound methods, partials and builtins.

use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

pub type Kwargs = Vec<(Arc<str>, Value)>;

impl Machine {
    /// Call `callee`. Returns `Some(result)` when the call completed, or `None` when a frame was
    /// pushed (its result arrives according to `on_return`).
    pub fn call_value(
        &mut self,
        callee: Value,
        mut args: Vec<Value>,
        kwargs: Kwargs,
        on_return: OnReturn,
    ) -> PyResult<Option<Value>> {
        if let (Value::Builtin("next"), [Value::Obj(gen), ..], OnReturn::Push) =
            (&callee, &args[..], &on_return)
        {
            if args.len() <= 2 && matches!(self.obj(*gen), Obj::Generator(_)) {
                let gen = *gen;
                return self.resume_generator_for_next(gen, args.get(1).cloned());
            }
        }
        if let Some(helper) = self.builtin_consumer(&callee, &args) {
            return self.call_weftlib(helper, callee, args, kwargs, on_return);
        }
        match &callee {
            Value::Obj(id) => {
                let id = *id;
                match self.obj(id) {
                    Obj::Function(_) => self.call_function(id, args, kwargs, on_return),
                    Obj::BoundMethod { receiver, func } => {
                        let (receiver, func) = (receiver.clone(), func.clone());
                        match func {
                            Value::Str(name) if matches!(receiver, Value::Type(_)) => {
                                let Value::Type(t) = receiver else {
                                    unreachable!()
                                };
                                if args.is_empty() || !self.isinstance(&args[0], &receiver) {
                                    return Err(self.type_error(format!(
                                        "descriptor '{name}' for '{}' objects doesn't apply to this argument",
                                        t.name()
                                    )));
                                }
                                let recv = args.remove(0);
                                self.call_builtin_method(&recv, &name, args, kwargs)
                                    .map(Some)
                            }
                            Value::Str(name) => self
                                .call_builtin_method(&receiver, &name, args, kwargs)
                                .map(Some),
                            _ => {
                                args.insert(0, receiver);
                                self.call_value(func, args, kwargs, on_return)
                            }
                        }
                    }
                    Obj::Class(_) => self.instantiate(callee.clone(), args, kwargs, on_return),
                    Obj::Partial {
                        func,
                        args: pargs,
                        kwargs: pkw,
                    } => {
                        let func = func.clone();
                        let mut all = pargs.clone();
                        all.extend(args);
                        let mut kw = pkw.clone();
                        for (k, v) in kwargs {
                            if let Some(slot) = kw.iter_mut().find(|(n, _)| *n == k) {
                                slot.1 = v;
                            } else {
                                kw.push((k, v));
                            }
                        }
                        self.call_value(func, all, kw, on_return)
                    }
                    Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
                        let f = f.clone();
                        self.call_value(f, args, kwargs, on_return)
                    }
                    Obj::Instance(_) => match self.lookup_dunder(&callee, "__call__") {
                        Some(f) => {
                            args.insert(0, callee.clone());
                            self.call_value(f, args, kwargs, on_return)
                        }
                        None => {
                            let tn = self.type_name(&callee);
                            Err(self.type_error(format!("'{tn}' object is not callable")))
                        }
                    },
                    _ => {
                        let tn = self.type_name(&callee);
                        Err(self.type_error(format!("'{tn}' object is not callable")))
                    }
                }
            }
            Value::Type(t) => {
                let t = *t;
                if t.is_exception() {
                    return self.instantiate(callee, args, kwargs, on_return);
                }
                self.construct(t, args, kwargs).map(Some)
            }
            Value::Builtin(name) => self.call_builtin(name, args, kwargs),
            _ => {
                let tn = self.type_name(&callee);
                Err(self.type_error(format!("'{tn}' object is not callable")))
            }
        }
    }

    /// A builtin that would run user code atomically (a generator or a user iterator it consumes,
    /// a user function `map` or `filter` calls) runs as a weftlib helper instead, so that the user
    /// code runs as scheduled frames: it may block, and its visible operations are choice points.
    /// Returns the helper's name; the helper takes `callee` first when its name says `call_`.
    fn builtin_consumer(&self, callee: &Value, args: &[Value]) -> Option<&'static str> {
        let first_runs_code = args.first().is_some_and(|a| self.iterates_user_code(a));
        match callee {
            Value::Builtin("next") => match args {
                [Value::Obj(id)] | [Value::Obj(id), _]
                    if matches!(self.obj_kind(*id), Obj::Instance(_))
                        && self.lookup_dunder(&args[0], "__next__").is_some() =>
                {
                    Some("next_from_iterator")
                }
                _ => None,
            },
            Value::Builtin("map") => (args.len() >= 2
                && (self.is_user_callable(&args[0])
                    || args[1..].iter().any(|a| self.iterates_user_code(a))))
            .then_some("map_gen"),
            Value::Builtin("filter") => (args.len() == 2
                && (self.is_user_callable(&args[0]) || self.iterates_user_code(&args[1])))
            .then_some("filter_gen"),
            Value::Builtin("zip") => args
                .iter()
                .any(|a| self.iterates_user_code(a))
                .then_some("zip_gen"),
            Value::Builtin("enumerate") => first_runs_code.then_some("enumerate_gen"),
            Value::Builtin("any") if args.len() == 1 => first_runs_code.then_some("any_from"),
            Value::Builtin("all") if args.len() == 1 => first_runs_code.then_some("all_from"),
            Value::Builtin("sorted" | "sum") => first_runs_code.then_some("call_on_list"),
            Value::Builtin("min" | "max") if args.len() == 1 => {
                first_runs_code.then_some("call_on_list")
            }
            Value::Type(
                Ty::List | Ty::Tuple | Ty::Set | Ty::FrozenSet | Ty::Dict | Ty::Deque | Ty::Counter,
            ) if args.len() == 1 => first_runs_code.then_some("call_on_list"),
            Value::Obj(id) => match self.obj_kind(*id) {
                Obj::BoundMethod {
                    func: Value::Str(name),
                    ..
                } if is_eager_consumer_method(name) => first_runs_code.then_some("call_on_list"),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether iterating `v` runs user code: a generator, a user iterable or iterator, or a
    /// builtin iterator (map, filter, zip, enumerate) over one.
    pub fn iterates_user_code(&self, v: &Value) -> bool {
        let Value::Obj(id) = v else {
            return false;
        };
        match self.obj_kind(*id) {
            Obj::Generator(_) | Obj::Instance(_) => true,
            Obj::Iter(it) => match &**it {
                Iter::Map { func, inners } => {
                    self.is_user_callable(func) || inners.iter().any(|i| self.iterates_user_code(i))
                }
                Iter::Filter { func, inner } => {
                    self.is_user_callable(func) || self.iterates_user_code(inner)
                }
                Iter::Zip { inners } => inners.iter().any(|i| self.iterates_user_code(i)),
                Iter::Enumerate { inner, .. } => self.iterates_user_code(inner),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether calling `f` runs Python code (a function, a user class, a callable instance).
    pub fn is_user_callable(&self, f: &Value) -> bool {
        let Value::Obj(id) = f else {
            return false;
        };
        match self.obj_kind(*id) {
            Obj::Function(_) | Obj::Class(_) | Obj::Instance(_) => true,
            Obj::BoundMethod { func, .. } => !matches!(func, Value::Str(_)),
            Obj::Partial { func, .. } => self.is_user_callable(func),
            Obj::StaticMethod(inner) | Obj::ClassMethod(inner) => self.is_user_callable(inner),
            _ => false,
        }
    }

    /// `receiver.name(args)` of a builtin method that consumes an iterable argument that runs
    /// user code: call it through weftlib (see `builtin_consumer`). Some(result) or None when a
    /// frame was pushed; Ok(Err(args)) gives the arguments back when no redirect applies.
    pub fn redirect_builtin_method(
        &mut self,
        receiver: &Value,
        name: &Arc<str>,
        args: Vec<Value>,
    ) -> PyResult<Result<Option<Value>, Vec<Value>>> {
        if !is_eager_consumer_method(name)
            || !args.first().is_some_and(|a| self.iterates_user_code(a))
        {
            return Ok(Err(args));
        }
        let bound = self.alloc(Obj::BoundMethod {
            receiver: receiver.clone(),
            func: Value::Str(name.clone()),
        });
        self.call_value(bound, args, Vec::new(), OnReturn::Push)
            .map(Ok)
    }

    /// Calls weftlib's `helper` in place of `callee`.
    fn call_weftlib(
        &mut self,
        helper: &'static str,
        callee: Value,
        mut args: Vec<Value>,
        kwargs: Kwargs,
        on_return: OnReturn,
    ) -> PyResult<Option<Value>> {
        let module = self.import_module("_weftlib")?.unwrap_or(Value::None);
        let crate::interp::AttrResult::Value(f) = self.get_attr(&module, helper)? else {
            unreachable!("weftlib helpers are plain functions")
        };
        if helper.starts_with("call_") {
            args.insert(0, callee);
        }
        self.call_value(f, args, kwargs, on_return)
    }

    fn call_function(
        &mut self,
        fid: ObjId,
        args: Vec<Value>,
        kwargs: Kwargs,
        on_return: OnReturn,
    ) -> PyResult<Option<Value>> {
        let Obj::Function(f) = self.obj(fid) else {
            unreachable!()
        };
        let f = f.clone();
        let mut frame = self.new_frame(f.code.clone(), f.globals, OnReturn::Push);
        self.bind_arguments(&f, &mut frame.locals, args, kwargs)?;
        frame.cells = self.make_cells(&f, &f.code);
        for (ci, p) in f.code.cell_params.iter().enumerate() {
            if let Some(p) = p {
                let v = std::mem::replace(&mut frame.locals[*p as usize], Value::Undef);
                *self.obj_mut(frame.cells[ci]) = Obj::Cell(v);
            }
        }
        if f.code.is_generator {
            let gen = self.alloc(Obj::Generator(Box::new(Generator {
                frame: Some(frame),
                running: false,
            })));
            return Ok(Some(gen));
        }
        let nested = matches!(on_return, OnReturn::Nested);
        frame.on_return = on_return;
        self.push_frame(frame)?;
        if nested {
            // The caller runs it (run_nested).
        }
        Ok(None)
    }

    /// Bind call arguments to a function's parameters (CPython's rules and messages).
    pub fn bind_arguments(
        &mut self,
        f: &Function,
        locals: &mut [Value],
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<()> {
        let code = &f.code;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonly as usize;
        let posonly = code.posonly as usize;
        let name = f.qualname.clone();
        let nargs = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < argcount {
                locals[i] = a;
            } else {
                extra.push(a);
            }
        }
        let mut slot = argcount + kwonly;
        if code.varargs {
            locals[slot] = Value::tuple(extra);
            slot += 1;
        } else if !extra.is_empty() {
            let ndefaults = f.defaults.len();
            let given_kw = kwargs
                .iter()
                .filter(|(k, _)| code.varnames[..argcount].iter().any(|n| n == k))
                .count();
            let takes = if ndefaults > 0 {
                format!(
                    "from {} to {} positional arguments",
                    argcount - ndefaults,
                    argcount
                )
            } else if argcount == 1 {
                "1 positional argument".to_string()
            } else {
                format!("{argcount} positional arguments")
            };
            let given = if given_kw > 0 {
                format!(
                    "{nargs} positional argument{} (and {given_kw} keyword-only argument{}) were given",
                    if nargs == 1 { "" } else { "s" },
                    if given_kw == 1 { "" } else { "s" }
                )
            } else if nargs == 1 {
                "1 was given".to_string()
            } else {
                format!("{nargs} were given")
            };
            return Err(self.type_error(format!("{name}() takes {takes} but {given}")));
        }
        let kw_slot = if code.varkw { Some(slot) } else { None };
        let mut kwdict = Dict::default();
        for (k, v) in kwargs {
            let pos = code.varnames[..argcount + kwonly]
                .iter()
                .position(|n| **n == *k);
            match pos {
                Some(p) if p >= posonly => {
                    if !matches!(locals[p], Value::Undef) {
                        return Err(self.type_error(format!(
                            "{name}() got multiple values for argument '{k}'"
                        )));
                    }
                    locals[p] = v;
                }
                _ => {
                    if kw_slot.is_some() {
                        kwdict.insert(Key::str(k), v);
                    } else if pos.is_some() {
                        return Err(self.type_error(format!(
                            "{name}() got some positional-only arguments passed as keyword arguments: '{k}'"
                        )));
                    } else {
                        return Err(self.type_error(format!(
                            "{name}() got an unexpected keyword argument '{k}'"
                        )));
                    }
                }
            }
        }
        if let Some(s) = kw_slot {
            locals[s] = self.new_dict(kwdict);
        }
        // Defaults for the last positional parameters.
        let ndefaults = f.defaults.len();
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if matches!(local, Value::Undef) {
                if i >= argcount - ndefaults {
                    *local = f.defaults[i - (argcount - ndefaults)].clone();
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        for (slot, n) in locals
            .iter_mut()
            .zip(code.varnames.iter())
            .skip(argcount)
            .take(kwonly)
        {
            if matches!(slot, Value::Undef) {
                match f.kwdefaults.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => *slot = v.clone(),
                    None => missing_kw.push(n.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                join_names(&missing_kw)
            )));
        }
        Ok(())
    }

    /// Call a user class (or a builtin exception class): make the instance, run `__init__`.
    pub fn instantiate(
        &mut self,
        class: Value,
        args: Vec<Value>,
        kwargs: Kwargs,
        on_return: OnReturn,
    ) -> PyResult<Option<Value>> {
        let mro = self.mro(&class);
        let is_exc = mro
            .iter()
            .any(|c| matches!(c, Value::Type(t) if t.is_exception()));
        // Builtin bases other than object and exceptions carry no native state in weft.
        for c in &mro {
            if let Value::Type(t) = c {
                if !t.is_exception() && *t != Ty::Object {
                    let cn = self.class_name(&class);
                    return Err(self.type_error(format!(
                        "weft does not support subclassing the builtin type '{}' (class {cn})",
                        t.name()
                    )));
                }
            }
        }
        let init = self.class_lookup(&class, "__init__");
        let exc = if is_exc {
            Some(Box::new(ExcData {
                args: args.clone(),
                ..Default::default()
            }))
        } else {
            None
        };
        if init.is_none() && !is_exc && (!args.is_empty() || !kwargs.is_empty()) {
            let cn = self.class_name(&class);
            return Err(self.type_error(format!("{cn}() takes no arguments")));
        }
        if init.is_none() && is_exc && !kwargs.is_empty() {
            let cn = self.class_name(&class);
            return Err(self.type_error(format!("{cn}() takes no keyword arguments")));
        }
        let inst = self.alloc(Obj::Instance(Box::new(Instance {
            class,
            dict: Attrs::default(),
            exc,
        })));
        let Some(init) = init else {
            return Ok(Some(inst));
        };
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(inst.clone());
        full.extend(args);
        match on_return {
            OnReturn::Push => {
                match self.call_value(init, full, kwargs, OnReturn::Init(inst.clone()))? {
                    Some(_) => Ok(Some(inst)),
                    None => Ok(None),
                }
            }
            _ => {
                let r = self.call_nested(&init, full, kwargs)?;
                if !r.is_none() {
                    let tn = self.type_name(&r);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{tn}'"))
                    );
                }
                Ok(Some(inst))
            }
        }
    }
}

fn join_names(names: &[Arc<str>]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    }
}

/// Builtin methods that consume a whole iterable argument before doing their work.
fn is_eager_consumer_method(name: &str) -> bool {
    matches!(
        name,
        "join"
            | "extend"
            | "extendleft"
            | "update"
            | "union"
            | "intersection"
            | "intersection_update"
            | "difference"
            | "difference_update"
            | "symmetric_difference"
            | "symmetric_difference_update"
            | "issubset"
            | "issuperset"
            | "isdisjoint"
            | "fromkeys"
            | "subtract"
    )
}
