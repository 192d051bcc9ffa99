//! The instruction set's semantics: one `match` arm per instruction.

use crate::code::{CmpOp, Instr, UnOp};
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use std::sync::Arc;

impl Machine {
    pub(crate) fn exec_instr(&mut self, instr: Instr) -> PyResult<Flow> {
        let t = self.current;
        match instr {
            Instr::Nop | Instr::Line => {}
            Instr::Pop => {
                self.pop();
            }
            Instr::Dup => {
                let v = self.top().clone();
                self.push(v);
            }
            Instr::Dup2 => {
                let a = self.peek(1).clone();
                let b = self.peek(0).clone();
                self.push(a);
                self.push(b);
            }
            Instr::Rot2 => {
                let s = &mut self.frame_mut(t).stack;
                let n = s.len();
                s.swap(n - 1, n - 2);
            }
            Instr::Rot3 => {
                let s = &mut self.frame_mut(t).stack;
                let top = s.pop().unwrap();
                let n = s.len();
                s.insert(n - 2, top);
            }
            Instr::Const(i) => {
                let v = self.frame(t).code.consts[i as usize].clone();
                self.push(v);
            }
            Instr::LoadFast(i) => {
                let v = self.frame(t).locals[i as usize].clone();
                if let Value::Undef = v {
                    let name = self.frame(t).code.varnames[i as usize].clone();
                    return Err(self.exc(
                        Ty::UnboundLocalError,
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                self.push(v);
            }
            Instr::StoreFast(i) => {
                let v = self.pop();
                self.frame_mut(t).locals[i as usize] = v;
            }
            Instr::DeleteFast(i) => {
                let f = self.frame_mut(t);
                if let Value::Undef = f.locals[i as usize] {
                    let name = f.code.varnames[i as usize].clone();
                    return Err(self.exc(
                        Ty::UnboundLocalError,
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                f.locals[i as usize] = Value::Undef;
            }
            Instr::LoadDeref(i) => {
                let cell = self.frame(t).cells[i as usize];
                let v = match self.obj(cell) {
                    Obj::Cell(v) => v.clone(),
                    _ => Value::Undef,
                };
                if let Value::Undef = v {
                    let name = self.cell_name(i);
                    return Err(self.exc(
                        Ty::NameError,
                        format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                    ));
                }
                self.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = self.pop();
                let cell = self.frame(t).cells[i as usize];
                *self.obj_mut(cell) = Obj::Cell(v);
            }
            Instr::DeleteDeref(i) => {
                let cell = self.frame(t).cells[i as usize];
                *self.obj_mut(cell) = Obj::Cell(Value::Undef);
            }
            Instr::LoadCell(i) => {
                let cell = self.frame(t).cells[i as usize];
                self.push(Value::Obj(cell));
            }
            Instr::LoadGlobal(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let globals = self.frame(t).globals;
                let v = self.load_global(globals, &name)?;
                self.push(v);
            }
            Instr::StoreGlobal(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let v = self.pop();
                let globals = self.frame(t).globals;
                self.module_dict_mut(globals).insert(name, v);
            }
            Instr::DeleteGlobal(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let globals = self.frame(t).globals;
                if self.module_dict_mut(globals).shift_remove(&name).is_none() {
                    return Err(self.exc(Ty::NameError, format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadName(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                if let Some(ns) = self.frame(t).namespace {
                    if let Some(v) = self.dict_get_str(ns, &name) {
                        self.push(v);
                        return Ok(Flow::Continue);
                    }
                }
                let globals = self.frame(t).globals;
                let v = self.load_global(globals, &name)?;
                self.push(v);
            }
            Instr::StoreName(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let v = self.pop();
                match self.frame(t).namespace {
                    Some(ns) => {
                        if let Obj::Dict(d) = self.obj_mut(ns) {
                            d.insert(Key::str(name), v);
                        }
                    }
                    None => {
                        let globals = self.frame(t).globals;
                        self.module_dict_mut(globals).insert(name, v);
                    }
                }
            }
            Instr::DeleteName(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let removed = match self.frame(t).namespace {
                    Some(ns) => match self.obj_mut(ns) {
                        Obj::Dict(d) => d.shift_remove(&Key::str(name.clone())).is_some(),
                        _ => false,
                    },
                    None => {
                        let globals = self.frame(t).globals;
                        self.module_dict_mut(globals).shift_remove(&name).is_some()
                    }
                };
                if !removed {
                    return Err(self.exc(Ty::NameError, format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadAttr(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let obj = self.pop();
                match self.get_attr(&obj, &name)? {
                    AttrResult::Value(v) => self.push(v),
                    AttrResult::CallPushed => {}
                }
            }
            Instr::StoreAttr(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let obj = self.pop();
                let v = self.pop();
                self.set_attr(&obj, &name, v)?;
            }
            Instr::DeleteAttr(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let obj = self.pop();
                self.del_attr(&obj, &name)?;
            }
            Instr::LoadMethod(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let obj = self.pop();
                self.load_method(obj, i, &name)?;
            }
            Instr::Call(argc) => {
                let args = self.pop_n(argc as usize);
                let callee = self.pop();
                if let Some(v) = self.call_value(callee, args, Vec::new(), OnReturn::Push)? {
                    self.push(v);
                }
            }
            Instr::CallKw(argc, names) => {
                let Value::Tuple(kwnames) = self.frame(t).code.consts[names as usize].clone()
                else {
                    unreachable!("CallKw names are a tuple")
                };
                let mut all = self.pop_n(argc as usize);
                let kwvalues = all.split_off(all.len() - kwnames.len());
                let callee = self.pop();
                let kwargs = kwnames
                    .iter()
                    .zip(kwvalues)
                    .map(|(n, v)| match n {
                        Value::Str(s) => (s.clone(), v),
                        _ => unreachable!("keyword names are strings"),
                    })
                    .collect();
                if let Some(v) = self.call_value(callee, all, kwargs, OnReturn::Push)? {
                    self.push(v);
                }
            }
            Instr::CallMethod(argc) => {
                let mut args = self.pop_n(argc as usize);
                let receiver = self.pop();
                let method = self.pop();
                let result = match method {
                    Value::Undef => self.call_value(receiver, args, Vec::new(), OnReturn::Push)?,
                    Value::MethodName(n) => {
                        let name = self.frame(t).code.names[n as usize].clone();
                        match self.redirect_builtin_method(&receiver, &name, args)? {
                            Ok(result) => result,
                            Err(args) => Some(self.call_builtin_method(
                                &receiver,
                                &name,
                                args,
                                Vec::new(),
                            )?),
                        }
                    }
                    func => {
                        args.insert(0, receiver);
                        self.call_value(func, args, Vec::new(), OnReturn::Push)?
                    }
                };
                if let Some(v) = result {
                    self.push(v);
                }
            }
            Instr::CallEx(has_kw) => {
                let kwargs = if has_kw { self.pop() } else { Value::None };
                let args = self.pop();
                let callee = self.pop();
                // `f(*x)` and `f(**m)` pass x and m as they are: CPython's messages name the callee.
                let args = match args {
                    Value::Tuple(items) => items.to_vec(),
                    other => match self.iterate_to_vec(&other) {
                        Ok(v) => v,
                        Err(e) if self.is_not_iterable_error(&e, &other) => {
                            let (f, tn) = (self.function_str(&callee), self.type_name(&other));
                            return Err(self.type_error(format!(
                                "{f} argument after * must be an iterable, not {tn}"
                            )));
                        }
                        Err(e) => return Err(e),
                    },
                };
                let kwargs = if has_kw {
                    let is_dict = matches!(&kwargs, Value::Obj(id)
                        if matches!(self.obj(*id), Obj::Dict(_) | Obj::DefaultDict { .. }));
                    if !is_dict {
                        let (f, tn) = (self.function_str(&callee), self.type_name(&kwargs));
                        return Err(self.type_error(format!(
                            "{f} argument after ** must be a mapping, not {tn}"
                        )));
                    }
                    self.kwargs_from_dict(&kwargs)?
                } else {
                    Vec::new()
                };
                if let Some(v) = self.call_value(callee, args, kwargs, OnReturn::Push)? {
                    self.push(v);
                }
            }
            Instr::Binary(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(v) = self.binary_op(op, &a, &b, false)? {
                    self.push(v);
                }
            }
            Instr::Inplace(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(v) = self.binary_op(op, &a, &b, true)? {
                    self.push(v);
                }
            }
            Instr::Unary(op) => {
                let a = self.pop();
                let v = match op {
                    UnOp::Not => Value::Bool(!self.truthy(&a)?),
                    UnOp::Neg => self.unary_neg(&a)?,
                    UnOp::Pos => self.unary_pos(&a)?,
                    UnOp::Invert => self.unary_invert(&a)?,
                };
                self.push(v);
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                let v = match op {
                    CmpOp::Is => Value::Bool(self.is(&a, &b)),
                    CmpOp::IsNot => Value::Bool(!self.is(&a, &b)),
                    CmpOp::In => Value::Bool(self.contains(&b, &a)?),
                    CmpOp::NotIn => Value::Bool(!self.contains(&b, &a)?),
                    _ => self.compare(op, &a, &b)?,
                };
                self.push(v);
            }
            Instr::Subscr => {
                let key = self.pop();
                let obj = self.pop();
                if let Some(v) = self.get_item(&obj, &key)? {
                    self.push(v);
                }
            }
            Instr::StoreSubscr => {
                let key = self.pop();
                let obj = self.pop();
                let v = self.pop();
                self.set_item(&obj, key, v)?;
            }
            Instr::DeleteSubscr => {
                let key = self.pop();
                let obj = self.pop();
                self.del_item(&obj, &key)?;
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { self.pop() } else { Value::None };
                let stop = self.pop();
                let start = self.pop();
                let s = self.alloc(Obj::Slice(start, stop, step));
                self.push(s);
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                let l = self.new_list(items);
                self.push(l);
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::tuple(items));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let s = self.new_set(items, false)?;
                self.push(s);
            }
            Instr::BuildDict(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut pairs = Vec::with_capacity(n as usize);
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                let v = self.new_dict_from_pairs(pairs)?;
                self.push(v);
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n(n as usize);
                let mut s = String::new();
                for p in parts {
                    match p {
                        Value::Str(x) => s.push_str(&x),
                        other => s.push_str(&self.to_str(&other)?),
                    }
                }
                self.push(Value::str(&s));
            }
            Instr::ListAppend(depth) => {
                let v = self.pop();
                let target = self.peek(depth as usize - 1).clone();
                if let Value::Obj(id) = target {
                    if let Obj::List(l) = self.obj_mut(id) {
                        l.push(v);
                    }
                }
            }
            Instr::SetAdd(depth) => {
                let v = self.pop();
                let k = self.hashable(v)?;
                if let Value::Obj(id) = self.peek(depth as usize - 1).clone() {
                    self.set_insert(id, k)?;
                }
            }
            Instr::MapAdd(depth) => {
                let v = self.pop();
                let k = self.pop();
                let k = self.hashable(k)?;
                if let Value::Obj(id) = self.peek(depth as usize - 1).clone() {
                    self.dict_store(id, k, v)?;
                }
            }
            Instr::ListExtend(depth) => {
                let v = self.pop();
                let items = match self.iterate_to_vec(&v) {
                    Ok(items) => items,
                    Err(e) if self.is_not_iterable_error(&e, &v) => {
                        let tn = self.type_name(&v);
                        return Err(
                            self.type_error(format!("Value after * must be an iterable, not {tn}"))
                        );
                    }
                    Err(e) => return Err(e),
                };
                let target = self.peek(depth as usize - 1).clone();
                if let Value::Obj(id) = target {
                    if let Obj::List(l) = self.obj_mut(id) {
                        l.extend(items);
                    }
                }
            }
            Instr::SetUpdate(depth) => {
                let v = self.pop();
                let items = self.iterate_to_vec(&v)?;
                if let Value::Obj(id) = self.peek(depth as usize - 1).clone() {
                    for it in items {
                        let k = self.hashable(it)?;
                        self.set_insert(id, k)?;
                    }
                }
            }
            Instr::DictUpdate(depth) => {
                let v = self.pop();
                let pairs = self.mapping_items(&v)?;
                if let Value::Obj(id) = self.peek(depth as usize - 1).clone() {
                    for (k, v) in pairs {
                        self.dict_store(id, k, v)?;
                    }
                }
            }
            Instr::ListToTuple => {
                let v = self.pop();
                let items = match v {
                    Value::Obj(id) => match self.obj(id) {
                        Obj::List(l) => l.clone(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                self.push(Value::tuple(items));
            }
            Instr::FormatValue(conv, has_spec) => {
                let spec = if has_spec { Some(self.pop()) } else { None };
                let v = self.pop();
                let v = match conv {
                    1 => Value::str(&self.to_str(&v)?),
                    2 | 3 => Value::str(&self.repr(&v)?),
                    _ => v,
                };
                let spec = match spec {
                    Some(Value::Str(s)) => s.to_string(),
                    Some(other) => self.to_str(&other)?,
                    None => String::new(),
                };
                let s = self.format_value(&v, &spec)?;
                self.push(Value::str(&s));
            }
            Instr::Unpack(n) => {
                let v = self.pop();
                let items = self.iterate_to_vec(&v)?;
                if items.len() != n as usize {
                    return Err(if items.len() > n as usize {
                        self.exc(
                            Ty::ValueError,
                            format!("too many values to unpack (expected {n})"),
                        )
                    } else {
                        self.exc(
                            Ty::ValueError,
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            ),
                        )
                    });
                }
                for it in items.into_iter().rev() {
                    self.push(it);
                }
            }
            Instr::UnpackEx(before, after) => {
                let v = self.pop();
                let items = self.iterate_to_vec(&v)?;
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            b + a,
                            items.len()
                        ),
                    ));
                }
                let tail = items[items.len() - a..].to_vec();
                let middle = items[b..items.len() - a].to_vec();
                for it in tail.into_iter().rev() {
                    self.push(it);
                }
                let l = self.new_list(middle);
                self.push(l);
                for it in items[..b].iter().rev() {
                    self.push(it.clone());
                }
            }
            Instr::Jump(target) => self.jump(t, target),
            Instr::JumpIfFalse(target) => {
                let v = self.pop();
                if !self.truthy(&v)? {
                    self.jump(t, target);
                }
            }
            Instr::JumpIfTrue(target) => {
                let v = self.pop();
                if self.truthy(&v)? {
                    self.jump(t, target);
                }
            }
            Instr::JumpIfFalseOrPop(target) => {
                let v = self.top().clone();
                if !self.truthy(&v)? {
                    self.jump(t, target);
                } else {
                    self.pop();
                }
            }
            Instr::JumpIfTrueOrPop(target) => {
                let v = self.top().clone();
                if self.truthy(&v)? {
                    self.jump(t, target);
                } else {
                    self.pop();
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                let it = self.get_iter(&v)?;
                self.push(it);
            }
            Instr::ForIter(exit) => {
                let it = self.top().clone();
                match self.for_iter_next(&it, exit)? {
                    IterStep::Value(v) => self.push(v),
                    IterStep::Exhausted => {
                        self.pop();
                        self.frame_mut(t).pc = exit as usize;
                    }
                    IterStep::FramePushed => {}
                }
            }
            Instr::MakeFunction(code_idx, flags) => {
                let Value::Code(code) = self.frame(t).code.consts[code_idx as usize].clone() else {
                    unreachable!("MakeFunction takes a code constant")
                };
                let closure = if flags & 4 != 0 {
                    match self.pop() {
                        Value::Tuple(cells) => cells.iter().filter_map(|c| c.as_obj()).collect(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let kwdefaults = if flags & 2 != 0 {
                    let d = self.pop();
                    self.mapping_items(&d)?
                        .into_iter()
                        .map(|(k, v)| match k.0 {
                            Value::Str(s) => (s, v),
                            _ => (Arc::from("?"), v),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let defaults = if flags & 1 != 0 {
                    match self.pop() {
                        Value::Tuple(d) => d.to_vec(),
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                let globals = self.frame(t).globals;
                let f = Function {
                    name: code.name.clone(),
                    qualname: code.qualname.clone(),
                    code,
                    defaults,
                    kwdefaults,
                    closure,
                    globals,
                    attrs: Attrs::default(),
                };
                let v = self.alloc(Obj::Function(Box::new(f)));
                self.push(v);
            }
            Instr::BuildClass(name_idx) => {
                let Value::Str(name) = self.frame(t).code.consts[name_idx as usize].clone() else {
                    unreachable!("class names are strings")
                };
                let bases = match self.pop() {
                    Value::Tuple(b) => b.to_vec(),
                    _ => Vec::new(),
                };
                let body = self.pop();
                self.start_class_body(name, bases, body)?;
            }
            Instr::SetupExcept(h) | Instr::SetupFinally(h) => {
                let level = self.frame(t).stack.len();
                let handling_level = self.threads[t].handling.len();
                let kind = if matches!(instr, Instr::SetupExcept(_)) {
                    BlockKind::Except
                } else {
                    BlockKind::Finally
                };
                self.frame_mut(t).blocks.push(Block {
                    kind,
                    handler: h,
                    stack_level: level,
                    handling_level,
                });
            }
            Instr::SetupWith(h) => {
                // The context manager stays under the block; the enter result is above it.
                let level = self.frame(t).stack.len() - 1;
                let handling_level = self.threads[t].handling.len();
                self.frame_mut(t).blocks.push(Block {
                    kind: BlockKind::With,
                    handler: h,
                    stack_level: level,
                    handling_level,
                });
            }
            Instr::PopBlock => {
                self.frame_mut(t).blocks.pop();
            }
            Instr::EnterHandler => {
                let exc = self.pop();
                self.threads[t].handling.push(exc);
            }
            Instr::ExitHandler => {
                self.threads[t].handling.pop();
            }
            Instr::LoadHandled => {
                let v = self.threads[t]
                    .handling
                    .last()
                    .cloned()
                    .unwrap_or(Value::None);
                self.push(v);
            }
            Instr::Raise(kind) => return self.do_raise(kind),
            Instr::Reraise => {
                let exc = self.pop();
                return Ok(self.unwind(exc, false));
            }
            Instr::CheckExcMatch => {
                let cls = self.pop();
                if !self.is_exception_class_or_tuple(&cls) {
                    return Err(self.type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                let exc = self.top().clone();
                let m = self.exc_matches(&exc, &cls);
                self.push(Value::Bool(m));
            }
            Instr::WithEnter => {
                let ctx = self.top().clone();
                if let Some(v) = self.with_enter(&ctx)? {
                    self.push(v);
                }
            }
            Instr::WithExit => {
                let ctx = self.pop();
                if let Some(v) = self.with_exit(&ctx, None)? {
                    self.push(v);
                }
            }
            Instr::WithExitExc => {
                let exc = self.pop();
                let ctx = self.pop();
                self.push(exc.clone());
                if let Some(v) = self.with_exit(&ctx, Some(exc))? {
                    self.push(v);
                }
            }
            Instr::WithFinish => {
                let result = self.pop();
                let exc = self.pop();
                if !self.truthy(&result)? {
                    return Ok(self.unwind(exc, false));
                }
            }
            Instr::Return => {
                let v = self.pop();
                return self.do_return(v);
            }
            Instr::Yield => {
                let v = self.pop();
                return self.do_yield(v);
            }
            Instr::Import(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                if let Some(m) = self.import_module(&name)? {
                    self.push(m);
                }
            }
            Instr::ImportFrom(i) => {
                let name = self.frame(t).code.names[i as usize].clone();
                let module = self.top().clone();
                let v = match self.get_attr(&module, &name) {
                    Ok(AttrResult::Value(v)) => v,
                    _ => {
                        let mname = self.module_name(&module);
                        return Err(self.exc(
                            Ty::ImportError,
                            format!("cannot import name '{name}' from '{mname}'"),
                        ));
                    }
                };
                self.push(v);
            }
            Instr::ImportStar => {
                let module = self.pop();
                let globals = self.frame(t).globals;
                let names = self.module_public_names(&module);
                for (k, v) in names {
                    self.module_dict_mut(globals).insert(k, v);
                }
            }
            Instr::LoadAssertionError => self.push(Value::Type(Ty::AssertionError)),
        }
        Ok(Flow::Continue)
    }

    pub fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let t = self.current;
        let s = &mut self.frame_mut(t).stack;
        let at = s.len() - n;
        s.split_off(at)
    }

    fn cell_name(&self, i: u32) -> Arc<str> {
        let code = &self.frame(self.current).code;
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars
                .get(i - code.cellvars.len())
                .cloned()
                .unwrap_or_else(|| Arc::from("?"))
        }
    }

    fn do_raise(&mut self, kind: u8) -> PyResult<Flow> {
        let t = self.current;
        match kind {
            0 => {
                let Some(exc) = self.threads[t].handling.last().cloned() else {
                    return Err(self.exc(Ty::RuntimeError, "No active exception to reraise"));
                };
                // A bare `raise` keeps the traceback: this frame is already in it when the
                // exception was caught here.
                let code = self.frame(t).code.clone();
                let here = self
                    .exc_data(&exc)
                    .and_then(|d| d.traceback.first())
                    .is_some_and(|e| Arc::ptr_eq(&e.code, &code));
                Ok(self.unwind(exc, !here))
            }
            _ => {
                let cause = if kind == 2 { Some(self.pop()) } else { None };
                let v = self.pop();
                let exc = self.make_exception(v)?;
                if let Some(cause) = cause {
                    let cause = if cause.is_none() {
                        None
                    } else {
                        Some(self.make_exception(cause)?)
                    };
                    if let Some(d) = self.exc_data_mut(&exc) {
                        d.cause = cause;
                        d.suppress_context = true;
                    }
                }
                Err(exc)
            }
        }
    }

    /// `raise X`: X may be an exception class (instantiate it) or instance.
    pub fn make_exception(&mut self, v: Value) -> PyResult<Value> {
        if self.exc_data(&v).is_some() {
            return Ok(v);
        }
        if self.is_exception_class(&v) {
            return match self.call_nested(&v, Vec::new(), Vec::new()) {
                Ok(inst) => Ok(inst),
                Err(e) => Err(e),
            };
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    pub fn is_exception_class(&self, v: &Value) -> bool {
        self.is_subclass(v, &Value::Type(Ty::BaseException))
    }

    fn is_exception_class_or_tuple(&self, v: &Value) -> bool {
        match v {
            Value::Tuple(items) => items.iter().all(|i| self.is_exception_class_or_tuple(i)),
            other => self.is_exception_class(other),
        }
    }

    /// Record context for an exception raised while another is being handled.
    pub fn set_context(&mut self, exc: &Value) {
        let t = self.current;
        if let Some(ctx) = self.threads[t].handling.last().cloned() {
            if !self.is(&ctx, exc) {
                if let Some(d) = self.exc_data_mut(exc) {
                    if d.context.is_none() {
                        d.context = Some(ctx);
                    }
                }
            }
        }
    }

    /// `exc` is the TypeError iterating `v` raises because `v` is not iterable at all (not an
    /// error raised while iterating it).
    fn is_not_iterable_error(&self, exc: &Value, v: &Value) -> bool {
        if !self.exc_matches(exc, &Value::Type(Ty::TypeError)) {
            return false;
        }
        let expected = format!("'{}' object is not iterable", self.type_name(v));
        matches!(self.exc_data(exc).map(|d| d.args.as_slice()),
            Some([Value::Str(m)]) if **m == *expected)
    }

    /// How CPython names a callable in call errors (`_PyObject_FunctionStr`): `print()`,
    /// `__main__.f()`, `__main__.C.m()`, or `C object` for other callables.
    pub fn function_str(&self, callee: &Value) -> String {
        match callee {
            Value::Builtin(name) => format!("{name}()"),
            Value::Type(t) => format!("{}()", t.name()),
            Value::Obj(id) => match self.obj(*id) {
                Obj::Function(f) => format!("__main__.{}()", f.qualname),
                Obj::Class(c) => format!("__main__.{}()", c.name),
                Obj::BoundMethod { func, .. } => match func {
                    Value::Str(name) => format!("{name}()"),
                    f => self.function_str(f),
                },
                _ => format!("{} object", self.type_name(callee)),
            },
            _ => format!("{} object", self.type_name(callee)),
        }
    }
}

pub enum IterStep {
    Value(Value),
    Exhausted,
    FramePushed,
}

pub enum AttrResult {
    Value(Value),
    /// A property getter's frame was pushed; its result will be pushed when it returns.
    CallPushed,
}
