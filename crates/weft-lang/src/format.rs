//! `repr()`, `str()`, `format()` with the format-spec mini-language, and `%` formatting.

use crate::num::{self, as_number, Num};
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;

impl Machine {
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        self.repr_depth(v, 0)
    }

    fn repr_depth(&mut self, v: &Value, depth: usize) -> PyResult<String> {
        if depth > 200 {
            return Err(self.exc(
                Ty::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Big(b) => b.to_string(),
            Value::Float(f) => num::float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::Tuple(t) => {
                let mut parts = Vec::with_capacity(t.len());
                for x in t.iter() {
                    parts.push(self.repr_depth(x, depth + 1)?);
                }
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Value::Type(t) => format!("<class '{}'>", qualified_type_name(*t)),
            Value::Builtin(name) => format!(
                "<built-in function {}>",
                name.rsplit('.').next().unwrap_or(name)
            ),
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::MethodName(_) | Value::Code(_) | Value::Undef => "<internal>".into(),
            Value::Obj(id) => {
                let id = *id;
                match self.obj(id) {
                    Obj::List(l) => {
                        let l = l.clone();
                        let mut parts = Vec::with_capacity(l.len());
                        for x in &l {
                            parts.push(if matches!(x, Value::Obj(o) if *o == id) {
                                "[...]".into()
                            } else {
                                self.repr_depth(x, depth + 1)?
                            });
                        }
                        format!("[{}]", parts.join(", "))
                    }
                    Obj::Dict(d) => {
                        let d = d.clone();
                        format!("{{{}}}", self.dict_body(&d, depth)?)
                    }
                    Obj::DefaultDict { factory, dict } => {
                        let (f, d) = (factory.clone(), dict.clone());
                        let fr = if f.is_none() {
                            "None".to_string()
                        } else {
                            self.repr_depth(&f, depth + 1)?
                        };
                        format!("defaultdict({fr}, {{{}}})", self.dict_body(&d, depth)?)
                    }
                    Obj::Counter(_) => {
                        // Most common first, as `Counter.__repr__` shows it.
                        let items = self.counter_most_common(id, None)?;
                        if items.is_empty() {
                            "Counter()".into()
                        } else {
                            let d: Dict = items.into_iter().collect();
                            format!("Counter({{{}}})", self.dict_body(&d, depth)?)
                        }
                    }
                    Obj::DictView { source, kind } => {
                        let (source, kind) = (*source, *kind);
                        let name = match kind {
                            0 => "dict_keys",
                            1 => "dict_values",
                            _ => "dict_items",
                        };
                        let items = self.view_items(source, kind);
                        let mut parts = Vec::with_capacity(items.len());
                        for x in &items {
                            parts.push(self.repr_depth(x, depth + 1)?);
                        }
                        format!("{name}([{}])", parts.join(", "))
                    }
                    Obj::Free => unreachable!("a live value never refers to a freed slot"),
                    Obj::Set(s) => {
                        let s: Vec<Value> = s.iter().map(|k| k.0.clone()).collect();
                        if s.is_empty() {
                            "set()".into()
                        } else {
                            let mut parts = Vec::new();
                            for x in &s {
                                parts.push(self.repr_depth(x, depth + 1)?);
                            }
                            format!("{{{}}}", parts.join(", "))
                        }
                    }
                    Obj::FrozenSet(s) => {
                        let s: Vec<Value> = s.iter().map(|k| k.0.clone()).collect();
                        if s.is_empty() {
                            "frozenset()".into()
                        } else {
                            let mut parts = Vec::new();
                            for x in &s {
                                parts.push(self.repr_depth(x, depth + 1)?);
                            }
                            format!("frozenset({{{}}})", parts.join(", "))
                        }
                    }
                    Obj::Deque { items, maxlen } => {
                        let (items, maxlen): (Vec<Value>, _) =
                            (items.iter().cloned().collect(), *maxlen);
                        let mut parts = Vec::new();
                        for x in &items {
                            parts.push(self.repr_depth(x, depth + 1)?);
                        }
                        match maxlen {
                            Some(m) => format!("deque([{}], maxlen={m})", parts.join(", ")),
                            None => format!("deque([{}])", parts.join(", ")),
                        }
                    }
                    Obj::Range { start, stop, step } => {
                        if *step == 1 {
                            format!("range({start}, {stop})")
                        } else {
                            format!("range({start}, {stop}, {step})")
                        }
                    }
                    Obj::Slice(a, b, c) => {
                        let (a, b, c) = (a.clone(), b.clone(), c.clone());
                        format!(
                            "slice({}, {}, {})",
                            self.repr_depth(&a, depth + 1)?,
                            self.repr_depth(&b, depth + 1)?,
                            self.repr_depth(&c, depth + 1)?
                        )
                    }
                    Obj::Function(f) => {
                        format!("<function {} at {}>", f.qualname, fake_address(id))
                    }
                    Obj::Class(c) => format!("<class '{}.{}'>", c.module, c.qualname),
                    Obj::Module { name, .. } => format!("<module '{name}'>"),
                    Obj::BoundMethod { receiver, func } => {
                        let (receiver, func) = (receiver.clone(), func.clone());
                        let fname = match &func {
                            Value::Obj(f) => match self.obj(*f) {
                                Obj::Function(f) => f.qualname.to_string(),
                                _ => "?".into(),
                            },
                            Value::Str(s) => s.to_string(),
                            _ => "?".into(),
                        };
                        let r = self.repr_depth(&receiver, depth + 1)?;
                        format!("<bound method {fname} of {r}>")
                    }
                    Obj::Instance(inst) => {
                        let is_exc = inst.exc.is_some();
                        let class = inst.class.clone();
                        if let Some(f) = self.lookup_dunder(v, "__repr__") {
                            let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                            return match r {
                                Value::Str(s) => Ok(s.to_string()),
                                other => {
                                    let tn = self.type_name(&other);
                                    Err(self.type_error(format!(
                                        "__repr__ returned non-string (type {tn})"
                                    )))
                                }
                            };
                        }
                        if is_exc {
                            let args = self.exc_data(v).map(|d| d.args.clone()).unwrap_or_default();
                            let cn = self.class_name(&class);
                            let inner = if args.len() == 1 {
                                self.repr_depth(&args[0], depth + 1)?
                            } else {
                                let mut parts = Vec::new();
                                for a in &args {
                                    parts.push(self.repr_depth(a, depth + 1)?);
                                }
                                parts.join(", ")
                            };
                            format!("{cn}({inner})")
                        } else {
                            let module = match &class {
                                Value::Obj(c) => match self.obj(*c) {
                                    Obj::Class(c) => c.module.to_string(),
                                    _ => "__main__".into(),
                                },
                                _ => "builtins".into(),
                            };
                            let cn = match &class {
                                Value::Obj(c) => match self.obj(*c) {
                                    Obj::Class(c) => c.qualname.to_string(),
                                    _ => "?".into(),
                                },
                                _ => self.class_name(&class),
                            };
                            format!("<{module}.{cn} object at {}>", fake_address(id))
                        }
                    }
                    Obj::Lock(l) => {
                        if l.state.reentrant {
                            format!(
                                "<{} _thread.RLock object owner={} count={} at {}>",
                                if l.state.is_locked() {
                                    "locked"
                                } else {
                                    "unlocked"
                                },
                                l.state
                                    .owner
                                    .map(|o| thread_ident(o.0 as usize))
                                    .unwrap_or(0),
                                l.state.count,
                                fake_address(id)
                            )
                        } else {
                            format!(
                                "<{} _thread.lock object at {}>",
                                if l.state.is_locked() {
                                    "locked"
                                } else {
                                    "unlocked"
                                },
                                fake_address(id)
                            )
                        }
                    }
                    Obj::Cell(_) => format!("<cell at {}>", fake_address(id)),
                    Obj::Iter(_) => format!("<iterator object at {}>", fake_address(id)),
                    Obj::Generator(_) => format!("<generator object at {}>", fake_address(id)),
                    Obj::Property { .. } => format!("<property object at {}>", fake_address(id)),
                    Obj::StaticMethod(_) => {
                        format!("<staticmethod object at {}>", fake_address(id))
                    }
                    Obj::ClassMethod(_) => format!("<classmethod object at {}>", fake_address(id)),
                    Obj::Partial { func, args, .. } => {
                        let (func, args) = (func.clone(), args.clone());
                        let mut parts = vec![self.repr_depth(&func, depth + 1)?];
                        for a in &args {
                            parts.push(self.repr_depth(a, depth + 1)?);
                        }
                        format!("functools.partial({})", parts.join(", "))
                    }
                    Obj::Super { .. } => "<super object>".into(),
                }
            }
        })
    }

    fn dict_body(&mut self, d: &Dict, depth: usize) -> PyResult<String> {
        let mut parts = Vec::with_capacity(d.len());
        for (k, v) in d {
            let kr = self.repr_depth(&k.0, depth + 1)?;
            let vr = self.repr_depth(v, depth + 1)?;
            parts.push(format!("{kr}: {vr}"));
        }
        Ok(parts.join(", "))
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Obj(id) if matches!(self.obj(*id), Obj::Instance(_)) => {
                if let Some(f) = self.lookup_dunder(v, "__str__") {
                    let r = self.call_nested(&f, vec![v.clone()], Vec::new())?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => {
                            let tn = self.type_name(&other);
                            Err(self.type_error(format!("__str__ returned non-string (type {tn})")))
                        }
                    };
                }
                if self.lookup_dunder(v, "__repr__").is_none() {
                    if let Some(d) = self.exc_data(v) {
                        let args = d.args.clone();
                        let key_error = self.exc_matches(v, &Value::Type(Ty::KeyError));
                        return match args.len() {
                            0 => Ok(String::new()),
                            1 if key_error => self.repr(&args[0]),
                            1 => self.to_str(&args[0]),
                            _ => self.repr(&Value::tuple(args)),
                        };
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Some(f) = self.lookup_dunder(v, "__format__") {
            let r = self.call_nested(&f, vec![v.clone(), Value::str(spec)], Vec::new())?;
            return self.to_str(&r);
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let Some(sp) = Spec::parse(spec) else {
            return Err(self.exc(Ty::ValueError, "Invalid format specifier"));
        };
        let too_many_digits = |n: Option<usize>| n.is_some_and(|n| n > isize::MAX as usize);
        if too_many_digits(sp.width) || too_many_digits(sp.precision) {
            return Err(self.exc(Ty::ValueError, "Too many decimal digits in format string"));
        }
        // The padding (and the digits of a precision) are allocated: within the memory budget.
        self.check_alloc(sp.width.unwrap_or(0) as u64)?;
        self.check_alloc(sp.precision.unwrap_or(0) as u64)?;
        match v {
            Value::Str(s) => {
                if !matches!(sp.ty, None | Some('s')) {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!(
                            "Unknown format code '{}' for object of type 'str'",
                            sp.ty.unwrap()
                        ),
                    ));
                }
                let s: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.to_string(),
                };
                Ok(sp.pad(&s, '<'))
            }
            Value::Bool(_) | Value::Int(_) | Value::Big(_) | Value::Float(_) => {
                let n = as_number(v).unwrap();
                self.format_number(&n, &sp, v)
            }
            _ => {
                let s = self.to_str(v)?;
                if sp.ty.is_some() || sp.precision.is_some() {
                    let tn = self.type_name(v);
                    return Err(self.type_error(format!(
                        "unsupported format string passed to {tn}.__format__"
                    )));
                }
                Ok(sp.pad(&s, '<'))
            }
        }
    }

    fn format_number(&mut self, n: &Num, sp: &Spec, v: &Value) -> PyResult<String> {
        let is_float = matches!(n, Num::Float(_));
        let ty = sp.ty.unwrap_or(if is_float { 'r' } else { 'd' });
        let (negative, body) = match ty {
            'd' | 'n' => {
                if is_float {
                    return Err(self.exc(
                        Ty::ValueError,
                        "Unknown format code 'd' for object of type 'float'",
                    ));
                }
                let b = num::to_big(n);
                (
                    b < malachite_bigint::BigInt::from(0),
                    group(b.to_string().trim_start_matches('-'), sp.grouping),
                )
            }
            'x' | 'X' | 'o' | 'b' => {
                if is_float {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!("Unknown format code '{ty}' for object of type 'float'"),
                    ));
                }
                let b = num::to_big(n);
                let neg = b < malachite_bigint::BigInt::from(0);
                let mag = if neg { -b } else { b };
                let s = match ty {
                    'x' => format!("{:x}", mag),
                    'X' => format!("{:X}", mag),
                    'o' => format!("{:o}", mag),
                    _ => format!("{:b}", mag),
                };
                let prefix = if sp.alternate {
                    match ty {
                        'x' => "0x",
                        'X' => "0X",
                        'o' => "0o",
                        _ => "0b",
                    }
                } else {
                    ""
                };
                (neg, format!("{prefix}{s}"))
            }
            'c' => {
                let code = num::to_big(n).to_string().parse::<u32>().unwrap_or(0);
                (
                    false,
                    char::from_u32(code)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                )
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%' | 'r' => {
                let f = num::to_f64(n);
                let neg = f.is_sign_negative();
                let a = f.abs();
                let prec = sp.precision.unwrap_or(6);
                let s = if a.is_nan() {
                    "nan".to_string()
                } else if a.is_infinite() {
                    "inf".to_string()
                } else {
                    match ty {
                        'f' | 'F' => group_float(&format!("{:.*}", prec, a), sp.grouping),
                        '%' => format!("{:.*}%", prec, a * 100.0),
                        'e' | 'E' => {
                            let s = sci(a, prec);
                            if ty == 'E' {
                                s.to_uppercase()
                            } else {
                                s
                            }
                        }
                        'g' | 'G' => general(a, sp.precision.unwrap_or(6).max(1), sp.alternate),
                        _ => {
                            // No type: like repr for floats, like 'd' for ints.
                            if is_float {
                                match sp.precision {
                                    Some(p) => general(a, p.max(1), false),
                                    None => group_float(&num::float_repr(a), sp.grouping),
                                }
                            } else {
                                group(&num::to_big(n).to_string(), sp.grouping)
                            }
                        }
                    }
                };
                let _ = v;
                (neg, s)
            }
            other => {
                let tn = if is_float { "float" } else { "int" };
                return Err(self.exc(
                    Ty::ValueError,
                    format!("Unknown format code '{other}' for object of type '{tn}'"),
                ));
            }
        };
        let sign = if negative {
            "-"
        } else {
            match sp.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        if sp.zero_pad && sp.align.is_none() {
            let width = sp.width.unwrap_or(0);
            let len = sign.chars().count() + body.chars().count();
            let zeros = width.saturating_sub(len);
            return Ok(format!("{sign}{}{body}", "0".repeat(zeros)));
        }
        if sp.align == Some('=') {
            let width = sp.width.unwrap_or(0);
            let len = sign.chars().count() + body.chars().count();
            let fill = sp.fill.unwrap_or(' ');
            return Ok(format!(
                "{sign}{}{body}",
                fill.to_string().repeat(width.saturating_sub(len))
            ));
        }
        Ok(sp.pad(&format!("{sign}{body}"), '>'))
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let mut items: Vec<Value> = match args {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let mapping = match args {
            Value::Obj(id) if matches!(self.obj(*id), Obj::Dict(_)) => Some(args.clone()),
            _ => None,
        };
        items.reverse();
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            if i >= chars.len() {
                return Err(self.exc(Ty::ValueError, "incomplete format"));
            }
            let mut key = None;
            if chars[i] == '(' {
                let end = chars[i..].iter().position(|&c| c == ')').map(|p| p + i);
                let Some(end) = end else {
                    return Err(self.exc(Ty::ValueError, "incomplete format key"));
                };
                key = Some(chars[i + 1..end].iter().collect::<String>());
                i = end + 1;
            }
            let start = i;
            while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
                i += 1;
            }
            let flags: String = chars[start..i].iter().collect();
            if i >= chars.len() {
                return Err(self.exc(Ty::ValueError, "incomplete format"));
            }
            let conv = chars[i];
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let value = match (&key, &mapping) {
                (Some(k), Some(m)) => {
                    let r = self.get_item(m, &Value::str(k))?;
                    r.unwrap_or(Value::None)
                }
                _ => match items.pop() {
                    Some(v) => v,
                    None => return Err(self.type_error("not enough arguments for format string")),
                },
            };
            let (align_left, rest) = match flags.strip_prefix('-') {
                Some(r) => (true, r.to_string()),
                None => (false, flags.clone()),
            };
            let num_spec = if align_left {
                // `-` wins over `0`; the format spec aligns left itself.
                let lead = rest.len() - rest.trim_start_matches(['+', ' ', '#', '0']).len();
                let (fl, tail) = rest.split_at(lead);
                format!("<{}{tail}", fl.replace('0', ""))
            } else {
                rest.clone()
            };
            let spec_body = rest;
            let s = match conv {
                's' => self.to_str(&value)?,
                'r' | 'a' => self.repr(&value)?,
                'd' | 'i' | 'u' => {
                    let Some(n) = as_number(&value) else {
                        let tn = self.type_name(&value);
                        return Err(self.type_error(format!(
                            "%{conv} format: a real number is required, not {tn}"
                        )));
                    };
                    let iv = match n {
                        Num::Float(f) => Value::Int(f.trunc() as i64),
                        _ => value.clone(),
                    };
                    self.format_value(&iv, &format!("{num_spec}d"))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                    if as_number(&value).is_none() {
                        let tn = self.type_name(&value);
                        return Err(self.type_error(format!("must be real number, not {tn}")));
                    }
                    self.format_value(&value, &format!("{num_spec}{conv}"))?
                }
                other => {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!(
                            "unsupported format character '{other}' (0x{:x}) at index {}",
                            other as u32,
                            i - 1
                        ),
                    ))
                }
            };
            let width: usize = spec_body
                .split('.')
                .next()
                .unwrap_or("")
                .trim_start_matches(['+', ' ', '#', '0'])
                .parse()
                .unwrap_or(0);
            self.check_alloc(width as u64)?;
            if matches!(conv, 's' | 'r' | 'a') && s.chars().count() < width {
                let pad = " ".repeat(width - s.chars().count());
                out.push_str(&if align_left {
                    format!("{s}{pad}")
                } else {
                    format!("{pad}{s}")
                });
            } else if align_left && s.chars().count() < width {
                out.push_str(&format!("{s}{}", " ".repeat(width - s.chars().count())));
            } else {
                out.push_str(&s);
            }
        }
        if !items.is_empty() && mapping.is_none() {
            return Err(self.type_error("not all arguments converted during string formatting"));
        }
        Ok(out)
    }
}

pub fn thread_ident(tid: usize) -> u64 {
    140_000_000_000_000 + tid as u64 * 4096
}

/// A stable stand-in for an object's address: the same in every run of the same execution.
pub fn fake_address(id: ObjId) -> String {
    format!("0x{:012x}", 0x7f00_0000_0000u64 + id as u64 * 0x40)
}

pub fn qualified_type_name(t: Ty) -> String {
    match t {
        Ty::Lock => "_thread.lock".into(),
        Ty::RLock => "_thread.RLock".into(),
        Ty::Deque | Ty::DefaultDict | Ty::Counter => format!("collections.{}", t.name()),
        Ty::Partial => "functools.partial".into(),
        Ty::Count => "itertools.count".into(),
        _ => t.name().to_string(),
    }
}

pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alternate: bool,
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl Spec {
    pub fn parse(s: &str) -> Option<Spec> {
        let c: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut sp = Spec::default();
        if c.len() >= 2 && "<>^=".contains(c[1]) {
            sp.fill = Some(c[0]);
            sp.align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && "<>^=".contains(c[0]) {
            sp.align = Some(c[0]);
            i = 1;
        }
        if i < c.len() && "+- ".contains(c[i]) {
            sp.sign = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '#' {
            sp.alternate = true;
            i += 1;
        }
        if i < c.len() && c[i] == '0' {
            sp.zero_pad = true;
            i += 1;
        }
        let ws = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i > ws {
            // Too many digits for a usize is still "too many digits" (checked by the caller).
            sp.width = Some(
                c[ws..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(usize::MAX),
            );
        }
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            sp.grouping = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            let ps = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i == ps {
                return None;
            }
            sp.precision = Some(
                c[ps..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(usize::MAX),
            );
        }
        if i < c.len() {
            sp.ty = Some(c[i]);
            i += 1;
        }
        if i != c.len() {
            return None;
        }
        if sp.zero_pad && sp.fill.is_none() && sp.align.is_none() {
            sp.fill = Some('0');
        }
        Some(sp)
    }

    pub fn pad(&self, s: &str, default_align: char) -> String {
        let width = self.width.unwrap_or(0);
        let len = s.chars().count();
        if len >= width {
            return s.to_string();
        }
        let fill = self.fill.unwrap_or(' ');
        let n = width - len;
        let f = |k: usize| fill.to_string().repeat(k);
        match self.align.unwrap_or(default_align) {
            '<' => format!("{s}{}", f(n)),
            '^' => format!("{}{s}{}", f(n / 2), f(n - n / 2)),
            _ => format!("{}{s}", f(n)),
        }
    }
}

fn group(digits: &str, sep: Option<char>) -> String {
    let Some(sep) = sep else {
        return digits.to_string();
    };
    let bytes: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn group_float(s: &str, sep: Option<char>) -> String {
    match s.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group(int, sep)),
        None => group(s, sep),
    }
}

fn sci(a: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, a);
    let (m, e) = s.split_once('e').unwrap();
    let e: i32 = e.parse().unwrap();
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

fn general(a: f64, prec: usize, alternate: bool) -> String {
    if a == 0.0 {
        return "0".into();
    }
    let exp = a.log10().floor() as i32;
    let s = sci(a, prec - 1);
    let real_exp: i32 = s.split_once('e').unwrap().1.parse().unwrap();
    let exp = if real_exp != exp { real_exp } else { exp };
    let out = if exp < -4 || exp >= prec as i32 {
        let (m, e) = s.split_once('e').unwrap();
        let m = if alternate {
            m.to_string()
        } else {
            trim_zeros(m)
        };
        format!("{m}e{e}")
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        let f = format!("{:.*}", decimals, a);
        if alternate {
            f
        } else {
            trim_zeros(&f)
        }
    };
    out
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}
