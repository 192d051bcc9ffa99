//! Imports and the modelled modules: `time` (virtual), `random` (seeded from the run's seed),
//! `math`, `sys`, `collections`, `itertools`, `functools`, and the Python prelude modules
//! `threading`, `queue`, `concurrent.futures` built on the native `_weft` module.

use crate::call::Kwargs;
use crate::num::{self, as_number, Num};
use crate::ops::int_of;
use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use rand::Rng;
use std::sync::Arc;

use crate::natives::{Effect::*, Native, Stream, Style};

/// The functions and types of the native modules (see `natives.rs`; which modules exist is
/// `natives::MODULES`). `random`'s functions are the methods of a hidden `Random` instance in
/// CPython, so their messages name `Random.randint`.
pub const NATIVES: &[Native] = &[
    Native::new("time.sleep", "secs, /", Sleep),
    Native::new("time.time", "", Clock),
    Native::new("time.monotonic", "", Clock),
    Native::new("time.perf_counter", "", Clock),
    Native::new("time.time_ns", "", Clock),
    Native::new("time.monotonic_ns", "", Clock),
    Native::new("time.perf_counter_ns", "", Clock),
    Native::new("time.process_time", "", Clock),
    // The calendar functions: UTC is the local zone; without an argument they read the clock.
    Native::new("time.gmtime", "seconds=None, /", Clock)
        .style(Style::ParseTuple)
        .shown("gmtime"),
    Native::new("time.localtime", "seconds=None, /", Clock)
        .style(Style::ParseTuple)
        .shown("localtime"),
    Native::new("time.ctime", "seconds=None, /", Clock)
        .style(Style::ParseTuple)
        .shown("ctime"),
    Native::new("time.asctime", "t=?, /", Clock)
        .style(Style::Checked)
        .shown("asctime"),
    Native::new("time.strftime", "format, t=?, /", Clock)
        .style(Style::ParseTuple)
        .shown("strftime"),
    Native::new("time.mktime", "t, /", Pure),
    Native::new("random.random", "", Random).shown("Random.random"),
    Native::new("random.randint", "a, b", Random)
        .style(Style::Python)
        .shown("Random.randint"),
    Native::new("random.uniform", "a, b", Random)
        .style(Style::Python)
        .shown("Random.uniform"),
    Native::new("random.choice", "seq", Random)
        .style(Style::Python)
        .shown("Random.choice"),
    Native::new("random.shuffle", "x", RandomInPlace)
        .style(Style::Python)
        .shown("Random.shuffle"),
    Native::new("random.seed", "a=None, version=2", Random)
        .style(Style::Python)
        .shown("Random.seed"),
    Native::new("random.randrange", "start, stop=None, step=1", Random)
        .style(Style::Python)
        .shown("Random.randrange"),
    Native::new("random.sample", "population, k, *, counts=None", Random)
        .style(Style::Python)
        .shown("Random.sample"),
    Native::new("random.getrandbits", "k, /", Random).shown("Random.getrandbits"),
    Native::new("math.sqrt", "x, /", Pure),
    Native::new("math.floor", "x, /", Pure),
    Native::new("math.ceil", "x, /", Pure),
    Native::new("math.trunc", "x, /", Pure),
    Native::new("math.gcd", "*integers", Pure),
    Native::new("math.lcm", "*integers", Pure),
    Native::new("math.factorial", "n, /", Pure),
    Native::new("math.isqrt", "n, /", Pure),
    Native::new("math.log", "x, base=?, /", Pure),
    Native::new("math.log2", "x, /", Pure),
    Native::new("math.log10", "x, /", Pure),
    Native::new("math.exp", "x, /", Pure),
    Native::new("math.sin", "x, /", Pure),
    Native::new("math.cos", "x, /", Pure),
    Native::new("math.tan", "x, /", Pure),
    Native::new("math.atan", "x, /", Pure),
    Native::new("math.atan2", "y, x, /", Pure),
    Native::new("math.fabs", "x, /", Pure),
    Native::new("math.pow", "x, y, /", Pure),
    Native::new("math.isinf", "x, /", Pure),
    Native::new("math.isnan", "x, /", Pure),
    Native::new("math.isclose", "a, b, *, rel_tol=1e-09, abs_tol=0.0", Pure),
    Native::new("math.hypot", "*coordinates", Pure),
    Native::new("math.prod", "iterable, /, *, start=1", ReadsDeep),
    Native::new("math.fsum", "seq, /", Reads),
    Native::new("math.comb", "n, k, /", Pure),
    Native::new("math.perm", "n, k=None, /", Pure),
    Native::new("math.degrees", "x, /", Pure),
    Native::new("math.radians", "x, /", Pure),
    Native::new("math.copysign", "x, y, /", Pure),
    Native::new("sys.exit", "status=None, /", Pure),
    Native::new("sys.setswitchinterval", "interval, /", Pure),
    Native::new("sys.getswitchinterval", "", Pure),
    Native::new("sys.getrecursionlimit", "", Pure),
    Native::new("sys.setrecursionlimit", "limit, /", Pure),
    Native::new("sys.intern", "string, /", Pure),
    Native::new("sys.stdout.write", "s, /", Print(Stream::Out)).shown("TextIOWrapper.write"),
    Native::new("sys.stderr.write", "s, /", Print(Stream::Err)).shown("TextIOWrapper.write"),
    Native::new("sys.stdout.flush", "", Pure).shown("TextIOWrapper.flush"),
    Native::new("os.cpu_count", "", Pure).shown("posix.cpu_count"),
    Native::new("os.getpid", "", Pure).shown("posix.getpid"),
    Native::new("collections.deque", "iterable=?, maxlen=None", Reads).constructor(),
    Native::new(
        "collections.defaultdict",
        "default_factory=None, /, *args, **kwargs",
        ReadsDeep,
    )
    .constructor(),
    Native::new("collections.Counter", "iterable=None, /, **kwds", ReadsDeep)
        .style(Style::Python)
        .shown("Counter.__init__")
        .constructor(),
    Native::new("collections.OrderedDict", "*args, **kwargs", Unmodelled),
    Native::new("collections.namedtuple", "*args, **kwargs", Unmodelled),
    Native::new("itertools.count", "start=0, step=1", Pure).constructor(),
    Native::new("itertools.chain", "*iterables", Reads).shown("chain"),
    Native::new("itertools.repeat", "object, times=?", Pure),
    Native::new(
        "itertools.islice",
        "iterable, start_or_stop, stop=?, step=?, /",
        Reads,
    ),
    Native::new("itertools.cycle", "*args, **kwargs", Unmodelled),
    Native::new("itertools.product", "*args, **kwargs", Unmodelled),
    Native::new("itertools.permutations", "*args, **kwargs", Unmodelled),
    Native::new("itertools.combinations", "*args, **kwargs", Unmodelled),
    Native::new("itertools.accumulate", "*args, **kwargs", Unmodelled),
    Native::new("itertools.zip_longest", "*args, **kwargs", Unmodelled),
    Native::new("functools.partial", "func, /, *args, **keywords", Lazy).constructor(),
    Native::new(
        "functools.reduce",
        "function, iterable, initial=?, /",
        Reads,
    )
    .shown("reduce"),
    // `_weft`: the preludes' access to the machine (not importable by programs).
    Native::new("_weft.Lock", "", Pure),
    Native::new("_weft.RLock", "", Pure),
    Native::new(
        "_weft.internal_lock",
        "owner=None, reentrant=False, /",
        Pure,
    ),
    Native::new("_weft.set_owner", "lock, owner, /", Pure),
    Native::new("_weft.register", "thread, /", Pure),
    Native::new("_weft.current", "", Pure),
    Native::new("_weft.ident", "thread=?, /", Pure),
    Native::new("_weft.start", "thread, bootstrap, daemon, /", Sync),
    Native::new("_weft.join", "thread, timeout=None, /", Sync),
    Native::new("_weft.is_alive", "thread, /", Sync),
    Native::new("_weft.threads_changed", "", Sync),
    Native::new("_weft.observe_threads", "", Sync),
    Native::new("_weft.hb_acquire", "obj, /", Sync),
    Native::new("_weft.hb_release", "obj, /", Sync),
    Native::new(
        "_weft.print_exception",
        "exc, header=?, record=?, /",
        Print(Stream::Err),
    ),
    // Thread names (`Thread-3`) are numbered in creation order, which the schedule decides.
    Native::new("_weft.next_thread_number", "", Random),
    Native::new("_weft.main_thread", "", Pure),
    Native::new("_weft.option", "name, /", Pure),
    Native::new("_weft.caller_line", "", Pure),
    // logging's view of the user's code: the calling frame, the exception being handled, a
    // traceback as text.
    Native::new("_weft.caller_frame", "level=1, /", Pure),
    Native::new("_weft.handled_exception", "", Pure),
    Native::new("_weft.format_exception", "exc, /", Pure),
    Native::new("_weft.name_lock", "lock, name, /", Pure),
    Native::new("_weft.monotonic", "", Clock),
];

impl Machine {
    pub fn import_module(&mut self, name: &str) -> PyResult<Option<Value>> {
        if let Some((_, m)) = self.modules.iter().find(|(n, _)| &**n == name) {
            return Ok(Some(m.clone()));
        }
        if crate::natives::module(name).is_none() {
            return Err(self.exc(Ty::ModuleNotFoundError, format!("No module named '{name}'")));
        }
        if name == "concurrent" {
            // The package: importing it binds `concurrent` with `futures` as an attribute.
            let futures = self.import_module("concurrent.futures")?;
            let m = self.new_module("concurrent", Attrs::default());
            if let (Some(f), Value::Obj(id)) = (futures, &m) {
                if let Obj::Module { dict, .. } = self.obj_mut(*id) {
                    dict.insert(Arc::from("futures"), f);
                }
            }
            self.modules.push((Arc::from("concurrent"), m.clone()));
            return Ok(Some(m));
        }
        let mut dict = Attrs::default();
        for native in
            crate::natives::members_of(crate::natives::module(name).map_or("", |m| m.name))
        {
            let value = match Ty::from_name(native.member()) {
                Some(t) if native.constructor => Value::Type(t),
                _ => Value::Builtin(native.name),
            };
            dict.insert(Arc::from(native.member()), value);
        }
        match name {
            "math" => {
                dict.insert(Arc::from("pi"), Value::Float(std::f64::consts::PI));
                dict.insert(Arc::from("e"), Value::Float(std::f64::consts::E));
                dict.insert(Arc::from("tau"), Value::Float(std::f64::consts::TAU));
                dict.insert(Arc::from("inf"), Value::Float(f64::INFINITY));
                dict.insert(Arc::from("nan"), Value::Float(f64::NAN));
            }
            "sys" => {
                let out = self.stream(1);
                let err = self.stream(2);
                dict.insert(Arc::from("stdout"), out);
                dict.insert(Arc::from("stderr"), err);
                dict.insert(Arc::from("maxsize"), Value::Int(i64::MAX));
                dict.insert(Arc::from("argv"), Value::Undef);
                dict.insert(
                    Arc::from("version_info"),
                    Value::tuple(vec![Value::Int(3), Value::Int(12), Value::Int(0)]),
                );
                dict.insert(Arc::from("platform"), Value::str("linux"));
            }
            "_thread" => {
                dict.insert(Arc::from("allocate_lock"), Value::Builtin("_weft.Lock"));
                dict.insert(Arc::from("LockType"), Value::Type(Ty::Lock));
                dict.insert(Arc::from("RLock"), Value::Builtin("_weft.RLock"));
            }
            "__future__" => {
                for feature in ["annotations", "division", "print_function", "generators"] {
                    dict.insert(Arc::from(feature), Value::Bool(true));
                }
            }
            _ => {}
        }
        let argv = self.new_list(vec![Value::Str(self.prog.file.clone())]);
        if let Some(v) = dict.get_mut("argv") {
            *v = argv;
        }
        let module = self.new_module(name, dict);
        self.modules.push((Arc::from(name), module.clone()));
        // Prelude modules run their Python source in the module's namespace.
        if let Some(code) = self.prog.prelude_code(name) {
            let Value::Obj(mid) = module else {
                unreachable!()
            };
            // The prelude defines the module's contents; run it as a frame whose result is the module.
            let mut frame = self.new_frame(code, mid, OnReturn::Discard);
            frame.on_return = OnReturn::Nested;
            self.push_frame(frame)?;
            self.run_nested()?;
            return Ok(Some(module));
        }
        Ok(Some(module))
    }

    /// `sys.stdout` / `sys.stderr`: an object whose `write` is a builtin bound to the stream.
    fn stream(&mut self, fd: i64) -> Value {
        let mut dict = Attrs::default();
        dict.insert(Arc::from("_weft_stream"), Value::Int(fd));
        let write = if fd == 2 {
            "sys.stderr.write"
        } else {
            "sys.stdout.write"
        };
        dict.insert(Arc::from("write"), Value::Builtin(write));
        dict.insert(Arc::from("flush"), Value::Builtin("sys.stdout.flush"));
        let name = if fd == 2 { "<stderr>" } else { "<stdout>" };
        dict.insert(Arc::from("name"), Value::str(name));
        self.alloc(Obj::Instance(Box::new(Instance {
            class: Value::Type(Ty::Object),
            dict,
            exc: None,
        })))
    }

    /// A value kept in the `sys` module's namespace (None when `sys` was never imported).
    fn sys_attr(&self, name: &str) -> Option<Value> {
        let (_, Value::Obj(id)) = self.modules.iter().find(|(n, _)| &**n == "sys")? else {
            return None;
        };
        match self.obj(*id) {
            Obj::Module { dict, .. } => dict.get(name).cloned(),
            _ => None,
        }
    }

    fn set_sys_attr(&mut self, name: &str, v: Value) {
        let Some((_, Value::Obj(id))) = self.modules.iter().find(|(n, _)| &**n == "sys") else {
            return;
        };
        let id = *id;
        self.module_dict_mut(id).insert(Arc::from(name), v);
    }

    fn new_module(&mut self, name: &str, mut dict: Attrs) -> Value {
        dict.insert(Arc::from("__name__"), Value::str(name));
        self.alloc(Obj::Module {
            name: Arc::from(name),
            dict,
        })
    }

    pub fn module_name(&self, v: &Value) -> String {
        match v {
            Value::Obj(id) => match self.obj(*id) {
                Obj::Module { name, .. } => name.to_string(),
                _ => "?".into(),
            },
            _ => "?".into(),
        }
    }

    pub fn module_public_names(&self, v: &Value) -> Vec<(Arc<str>, Value)> {
        let Value::Obj(id) = v else { return Vec::new() };
        let Obj::Module { dict, .. } = self.obj(*id) else {
            return Vec::new();
        };
        let all = dict.get("__all__").cloned();
        match all {
            Some(Value::Obj(l)) => {
                let names = match self.obj(l) {
                    Obj::List(items) => items.clone(),
                    _ => Vec::new(),
                };
                names
                    .into_iter()
                    .filter_map(|n| match n {
                        Value::Str(s) => dict.get(&*s).map(|v| (s.clone(), v.clone())),
                        _ => None,
                    })
                    .collect()
            }
            _ => dict
                .iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }

    /// Functions of the native modules. Returns None when `name` is not one of them.
    pub fn call_module_function(
        &mut self,
        name: &'static str,
        args: &[Value],
        kwargs: &Kwargs,
    ) -> PyResult<Option<Option<Value>>> {
        let Some((module, func)) = name.split_once('.') else {
            return Ok(None);
        };
        let f = |v: &Value| crate::num::int_to_f64_checked(v);
        let v = match (module, func) {
            ("time", "sleep") => {
                let Some(secs) = args.first() else {
                    return Err(
                        self.type_error("time.sleep() takes exactly one argument (0 given)")
                    );
                };
                match secs {
                    Value::None => {
                        return Err(self
                            .type_error("'NoneType' object cannot be interpreted as an integer"))
                    }
                    v if as_number(v).is_none() => {
                        let tn = self.type_name(v);
                        return Err(self.type_error(format!(
                            "'{tn}' object cannot be interpreted as an integer"
                        )));
                    }
                    v => {
                        let s = f(v).unwrap();
                        if s.is_nan() {
                            return Err(
                                self.exc(Ty::ValueError, "Invalid value NaN (not a number)")
                            );
                        }
                        if s < 0.0 {
                            return Err(
                                self.exc(Ty::ValueError, "sleep length must be non-negative")
                            );
                        }
                        if s.is_infinite() {
                            return Err(self.exc(
                                Ty::OverflowError,
                                "timestamp out of range for platform time_t",
                            ));
                        }
                    }
                }
                Value::None
            }
            ("time", "time") => Value::Float(1_700_000_000.0 + self.now.as_seconds()),
            ("time", "monotonic" | "perf_counter" | "process_time") | ("_weft", "monotonic") => {
                Value::Float(self.now.as_seconds())
            }
            ("time", "gmtime" | "localtime" | "ctime" | "asctime" | "strftime" | "mktime") => {
                return self.calendar_function(func, args).map(|v| Some(Some(v)))
            }
            ("time", "time_ns") => Value::Int(1_700_000_000_000_000_000 + self.now.0 as i64),
            ("time", "monotonic_ns" | "perf_counter_ns") => Value::Int(self.now.0 as i64),
            ("random", _) => {
                return self
                    .random_function(func, args, kwargs)
                    .map(|v| Some(Some(v)))
            }
            ("math", _) => return self.math_function(func, args).map(|v| Some(Some(v))),
            ("sys", "exit") => {
                let e = self.exc_with_args(Value::Type(Ty::SystemExit), args.to_vec());
                return Err(e);
            }
            ("sys", "getswitchinterval") => self
                .sys_attr("_weft_switchinterval")
                .unwrap_or(Value::Float(0.005)),
            ("sys", "setswitchinterval") => {
                let interval = args.first().and_then(crate::num::int_to_f64_checked);
                match interval {
                    Some(x) if x > 0.0 => {
                        self.set_sys_attr("_weft_switchinterval", Value::Float(x))
                    }
                    Some(_) => {
                        return Err(
                            self.exc(Ty::ValueError, "switch interval must be strictly positive")
                        )
                    }
                    None => return Err(self.type_error("must be real number")),
                }
                Value::None
            }
            ("sys", "stdout.write" | "stderr.write") => {
                let Some(Value::Str(text)) = args.first() else {
                    let tn = args.first().map(|a| self.type_name(a)).unwrap_or_default();
                    return Err(self.type_error(format!("write() argument must be str, not {tn}")));
                };
                self.write_output(text, func == "stderr.write");
                Value::Int(text.chars().count() as i64)
            }
            ("sys", "stdout.flush") => Value::None,
            ("sys", "getrecursionlimit") => Value::Int(RECURSION_LIMIT as i64),
            ("sys", "setrecursionlimit") => Value::None,
            ("sys", "intern") => args[0].clone(),
            ("os", "cpu_count") => Value::Int(2),
            ("os", "getpid") => Value::Int(4242),
            ("itertools", "count") => {
                let start = args.first().cloned().unwrap_or(Value::Int(0));
                let step = args.get(1).cloned().unwrap_or(Value::Int(1));
                self.alloc(Obj::Iter(Box::new(Iter::Count { next: start, step })))
            }
            ("itertools", "chain") => {
                let mut all = Vec::new();
                for a in args {
                    all.extend(self.iterate_to_vec(a)?);
                }
                let l = self.new_list(all);
                self.get_iter(&l)?
            }
            ("itertools", "repeat") => {
                let n = args.get(1).and_then(int_of).unwrap_or(0);
                let l = self.new_list(vec![args[0].clone(); n.max(0) as usize]);
                self.get_iter(&l)?
            }
            ("itertools", "islice") => {
                if args.iter().skip(1).any(|a| matches!(a, Value::Big(_))) {
                    return Err(self.exc(
                        Ty::ValueError,
                        "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                    ));
                }
                let it = self.get_iter(&args[0])?;
                let (start, stop) = match args.len() {
                    2 => (0, args[1].clone()),
                    _ => (
                        args.get(1).and_then(int_of).unwrap_or(0),
                        args.get(2).cloned().unwrap_or(Value::None),
                    ),
                };
                let stop = int_of(&stop);
                let mut out = Vec::new();
                let mut i = 0;
                while stop.is_none_or(|s| i < s) {
                    self.charge(1)?;
                    match self.next_value(&it)? {
                        Some(v) => {
                            if i >= start {
                                out.push(v);
                            }
                        }
                        None => break,
                    }
                    i += 1;
                }
                let l = self.new_list(out);
                self.get_iter(&l)?
            }
            ("functools", "reduce") => {
                let items = self.iterate_to_vec(&args[1])?;
                let mut it = items.into_iter();
                let mut acc = match args.get(2) {
                    Some(v) => v.clone(),
                    None => match it.next() {
                        Some(v) => v,
                        None => {
                            return Err(
                                self.type_error("reduce() of empty iterable with no initial value")
                            )
                        }
                    },
                };
                for x in it {
                    acc = self.call_nested(&args[0], vec![acc, x], Vec::new())?;
                }
                acc
            }
            ("_weft", _) => return self.weft_native(func, args, kwargs).map(Some),
            _ => return Ok(None),
        };
        Ok(Some(Some(v)))
    }

    fn random_function(&mut self, func: &str, args: &[Value], _kwargs: &Kwargs) -> PyResult<Value> {
        Ok(match func {
            "random" => Value::Float(self.rng.gen::<f64>()),
            "uniform" => {
                let a = crate::num::int_to_f64_checked(&args[0]).unwrap_or(0.0);
                let b = crate::num::int_to_f64_checked(&args[1]).unwrap_or(1.0);
                Value::Float(a + (b - a) * self.rng.gen::<f64>())
            }
            "randrange" if args.len() == 3 => {
                let (lo, hi) = (int_of(&args[0]).unwrap_or(0), int_of(&args[1]).unwrap_or(0));
                let step = int_of(&args[2]).unwrap_or(1);
                if step == 0 {
                    return Err(self.exc(Ty::ValueError, "zero step for randrange()"));
                }
                let n = if step > 0 {
                    (hi - lo + step - 1).div_euclid(step)
                } else {
                    (lo - hi - step - 1).div_euclid(-step)
                };
                if n <= 0 {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!("empty range in randrange({lo}, {hi}, {step})"),
                    ));
                }
                Value::Int(lo + step * self.rng.gen_range(0..n))
            }
            "randint" | "randrange" => {
                let (lo, hi) = if func == "randint" {
                    (int_of(&args[0]).unwrap_or(0), int_of(&args[1]).unwrap_or(0))
                } else if args.len() == 1 {
                    (0, int_of(&args[0]).unwrap_or(1) - 1)
                } else {
                    (
                        int_of(&args[0]).unwrap_or(0),
                        int_of(&args[1]).unwrap_or(1) - 1,
                    )
                };
                if hi < lo {
                    return Err(self.exc(
                        Ty::ValueError,
                        format!("empty range in randrange({lo}, {})", hi + 1),
                    ));
                }
                Value::Int(self.rng.gen_range(lo..=hi))
            }
            "choice" => {
                let items = self.iterate_to_vec(&args[0])?;
                if items.is_empty() {
                    return Err(self.exc(Ty::IndexError, "Cannot choose from an empty sequence"));
                }
                let i = self.rng.gen_range(0..items.len());
                items[i].clone()
            }
            "shuffle" => {
                if let Value::Obj(id) = &args[0] {
                    let mut items = match self.obj(*id) {
                        Obj::List(l) => l.clone(),
                        _ => Vec::new(),
                    };
                    for i in (1..items.len()).rev() {
                        let j = self.rng.gen_range(0..=i);
                        items.swap(i, j);
                    }
                    if let Obj::List(l) = self.obj_mut(*id) {
                        *l = items;
                    }
                }
                Value::None
            }
            "sample" => {
                let mut items = self.iterate_to_vec(&args[0])?;
                let k = args.get(1).and_then(int_of).unwrap_or(0).max(0) as usize;
                if k > items.len() {
                    return Err(self.exc(
                        Ty::ValueError,
                        "Sample larger than population or is negative",
                    ));
                }
                for i in 0..k {
                    let j = self.rng.gen_range(i..items.len());
                    items.swap(i, j);
                }
                items.truncate(k);
                self.new_list(items)
            }
            "getrandbits" => Value::Int(
                (self.rng.gen::<u64>() >> (64 - int_of(&args[0]).unwrap_or(32).clamp(1, 63)))
                    as i64,
            ),
            "seed" => {
                use rand::SeedableRng;
                let s = args.first().map(key_hash).unwrap_or(0) as u64;
                self.rng = rand_chacha::ChaCha8Rng::seed_from_u64(s ^ self.options.seed);
                Value::None
            }
            _ => {
                return Err(self.exc(
                    Ty::NotImplementedError,
                    format!("weft does not model random.{func}"),
                ))
            }
        })
    }

    fn math_function(&mut self, func: &str, args: &[Value]) -> PyResult<Value> {
        let fl = |m: &mut Machine, v: &Value| -> PyResult<f64> {
            match crate::num::int_to_f64_checked(v) {
                Some(f) => Ok(f),
                None => {
                    let tn = m.type_name(v);
                    Err(m.type_error(format!("must be real number, not {tn}")))
                }
            }
        };
        let domain = |m: &mut Machine| m.exc(Ty::ValueError, "math domain error");
        Ok(match func {
            "sqrt" => {
                let x = fl(self, &args[0])?;
                if x < 0.0 {
                    return Err(domain(self));
                }
                Value::Float(x.sqrt())
            }
            "floor" | "ceil" | "trunc" => match as_number(&args[0]) {
                Some(Num::Float(x)) => {
                    let r = match func {
                        "floor" => x.floor(),
                        "ceil" => x.ceil(),
                        _ => x.trunc(),
                    };
                    if r.abs() < 9e18 {
                        Value::Int(r as i64)
                    } else {
                        num::big_to_value(format!("{r:.0}").parse().unwrap_or_default())
                    }
                }
                Some(n) => num::big_to_value(num::to_big(&n)),
                None => {
                    let tn = self.type_name(&args[0]);
                    return Err(self.type_error(format!("must be real number, not {tn}")));
                }
            },
            "gcd" | "lcm" => {
                use num_integer::Integer;
                let mut acc = malachite_bigint::BigInt::from(if func == "gcd" { 0 } else { 1 });
                for a in args {
                    let b = num::to_big(&as_number(a).unwrap_or(Num::Int(0)));
                    acc = if func == "gcd" {
                        acc.gcd(&b)
                    } else {
                        acc.lcm(&b)
                    };
                }
                num::big_to_value(acc)
            }
            "factorial" => {
                let Some(n) = int_of(&args[0]) else {
                    return Err(
                        self.type_error("'float' object cannot be interpreted as an integer")
                    );
                };
                if n < 0 {
                    return Err(self.exc(
                        Ty::ValueError,
                        "factorial() not defined for negative values",
                    ));
                }
                let mut acc = malachite_bigint::BigInt::from(1);
                for i in 2..=n {
                    acc *= malachite_bigint::BigInt::from(i);
                    self.charge(crate::limits::bigint_work(&acc))?;
                }
                num::big_to_value(acc)
            }
            "isqrt" if matches!(args.first(), Some(Value::Big(_))) => {
                use malachite_bigint::BigInt;
                let n = num::to_big(&as_number(&args[0]).unwrap_or(Num::Int(0)));
                if n < BigInt::from(0) {
                    return Err(self.exc(Ty::ValueError, "isqrt() argument must be nonnegative"));
                }
                // Newton's method from above.
                let two = BigInt::from(2);
                let mut x = n.clone();
                let mut y = (x.clone() + BigInt::from(1)) / two.clone();
                while y < x {
                    x = y;
                    y = (x.clone() + n.clone() / x.clone()) / two.clone();
                }
                num::big_to_value(x)
            }
            "isqrt" => {
                let n = int_of(&args[0]).unwrap_or(0);
                if n < 0 {
                    return Err(self.exc(Ty::ValueError, "isqrt() argument must be nonnegative"));
                }
                let mut r = (n as f64).sqrt() as i64;
                while r * r > n {
                    r -= 1;
                }
                while (r + 1) * (r + 1) <= n {
                    r += 1;
                }
                Value::Int(r)
            }
            "log" => {
                let x = fl(self, &args[0])?;
                if x <= 0.0 {
                    return Err(domain(self));
                }
                match args.get(1) {
                    Some(b) => {
                        let b = fl(self, b)?;
                        Value::Float(x.ln() / b.ln())
                    }
                    None => Value::Float(x.ln()),
                }
            }
            "log2" | "log10" => {
                let x = fl(self, &args[0])?;
                if x <= 0.0 {
                    return Err(domain(self));
                }
                Value::Float(if func == "log2" { x.log2() } else { x.log10() })
            }
            "exp" | "sin" | "cos" | "tan" | "pow" => {
                let x = fl(self, &args[0])?;
                let y = match args.get(1) {
                    Some(v) => fl(self, v)?,
                    None => 0.0,
                };
                let r = match func {
                    "exp" => x.exp(),
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "tan" => x.tan(),
                    _ => {
                        if x == 0.0 && y < 0.0 {
                            return Err(domain(self));
                        }
                        x.powf(y)
                    }
                };
                // CPython's libm checks: a NaN from non-NaN input is a domain error, an infinity
                // from finite input a range error.
                if r.is_nan() && !x.is_nan() && !y.is_nan() {
                    return Err(domain(self));
                }
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.exc(Ty::OverflowError, "math range error"));
                }
                Value::Float(r)
            }
            "atan" => Value::Float(fl(self, &args[0])?.atan()),
            "atan2" => Value::Float(fl(self, &args[0])?.atan2(fl(self, &args[1])?)),
            "degrees" => Value::Float(fl(self, &args[0])?.to_degrees()),
            "radians" => Value::Float(fl(self, &args[0])?.to_radians()),
            "fabs" => Value::Float(fl(self, &args[0])?.abs()),
            "hypot" => {
                let mut s = 0.0;
                for a in args {
                    let x = fl(self, a)?;
                    s += x * x;
                }
                Value::Float(s.sqrt())
            }
            "copysign" => Value::Float(fl(self, &args[0])?.copysign(fl(self, &args[1])?)),
            "isinf" => Value::Bool(fl(self, &args[0])?.is_infinite()),
            "isnan" => Value::Bool(fl(self, &args[0])?.is_nan()),
            "isclose" => {
                let (a, b) = (fl(self, &args[0])?, fl(self, &args[1])?);
                Value::Bool(a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()))
            }
            "fsum" => {
                let items = self.iterate_to_vec(&args[0])?;
                let mut xs = Vec::new();
                for i in &items {
                    xs.push(fl(self, i)?);
                }
                Value::Float(xs.iter().sum())
            }
            "prod" => {
                let items = self.iterate_to_vec(&args[0])?;
                let mut acc = Value::Int(1);
                for i in items {
                    acc = self
                        .binary_op(crate::code::BinOp::Mul, &acc, &i, false)?
                        .unwrap_or(Value::None);
                }
                acc
            }
            "comb" | "perm" => {
                let (n, k) = (
                    int_of(&args[0]).unwrap_or(0),
                    args.get(1).and_then(int_of).unwrap_or(0),
                );
                if k > n || k < 0 {
                    return Ok(Value::Int(0));
                }
                let mut acc = malachite_bigint::BigInt::from(1);
                for i in 0..k {
                    acc *= malachite_bigint::BigInt::from(n - i);
                    self.charge(crate::limits::bigint_work(&acc))?;
                }
                if func == "comb" {
                    let mut d = malachite_bigint::BigInt::from(1);
                    for i in 2..=k {
                        d *= malachite_bigint::BigInt::from(i);
                        self.charge(crate::limits::bigint_work(&d))?;
                    }
                    acc /= d;
                }
                num::big_to_value(acc)
            }
            _ => {
                return Err(self.exc(
                    Ty::NotImplementedError,
                    format!("weft does not model math.{func}"),
                ))
            }
        })
    }

    /// Constructors of module types: deque, defaultdict, partial, itertools.count.
    pub fn construct_module_type(
        &mut self,
        t: Ty,
        args: Vec<Value>,
        kwargs: Kwargs,
    ) -> PyResult<Value> {
        Ok(match t {
            Ty::Deque => {
                let items = match args.first() {
                    Some(v) => self.iterate_to_vec(v)?,
                    None => Vec::new(),
                };
                let maxlen = args.get(1).cloned().or_else(|| {
                    kwargs
                        .iter()
                        .find(|(k, _)| &**k == "maxlen")
                        .map(|(_, v)| v.clone())
                });
                let maxlen = maxlen.and_then(|m| int_of(&m)).map(|m| m.max(0) as usize);
                let mut d: std::collections::VecDeque<Value> = items.into();
                if let Some(m) = maxlen {
                    while d.len() > m {
                        d.pop_front();
                    }
                }
                self.alloc(Obj::Deque { items: d, maxlen })
            }
            Ty::DefaultDict => {
                let factory = args.first().cloned().unwrap_or(Value::None);
                if !factory.is_none() && !self.is_callable(&factory) {
                    return Err(self.type_error("first argument must be callable or None"));
                }
                let dict = self.dict_from_args(args.get(1..).unwrap_or(&[]), kwargs)?;
                self.alloc(Obj::DefaultDict { factory, dict })
            }
            Ty::Counter => self.new_counter(&args, kwargs)?,
            Ty::Partial => {
                if args.is_empty() {
                    return Err(self.type_error("type 'partial' takes at least one argument"));
                }
                self.alloc(Obj::Partial {
                    func: args[0].clone(),
                    args: args[1..].to_vec(),
                    kwargs,
                })
            }
            Ty::Count => {
                let start = args.first().cloned().unwrap_or(Value::Int(0));
                let step = args.get(1).cloned().unwrap_or(Value::Int(1));
                self.alloc(Obj::Iter(Box::new(Iter::Count { next: start, step })))
            }
            Ty::Lock => self.new_lock(false),
            Ty::RLock => self.new_lock(true),
            other => {
                return Err(self.type_error(format!("cannot create '{}' instances", other.name())));
            }
        })
    }

    /// The native functions the prelude is written against.
    fn weft_native(
        &mut self,
        func: &str,
        args: &[Value],
        kwargs: &Kwargs,
    ) -> PyResult<Option<Value>> {
        let _ = kwargs;
        let v = match func {
            "Lock" => self.new_lock(false),
            "RLock" => self.new_lock(true),
            "internal_lock" => {
                let reentrant = matches!(args.get(1), Some(Value::Bool(true)));
                let owner = args.first().and_then(|o| self.owner_location(o));
                // A waiter lock made for a Condition's lock (`internal_lock(self._lock)`).
                let guard = match args.first() {
                    Some(Value::Obj(g)) if matches!(self.obj_kind(*g), Obj::Lock(_)) => Some(*g),
                    _ => None,
                };
                let l = self.new_lock(reentrant);
                if let Value::Obj(id) = &l {
                    if let Obj::Lock(lk) = self.obj_mut(*id) {
                        lk.created_line = 0;
                        lk.owner = owner;
                        lk.guard = guard;
                    }
                }
                l
            }
            "set_owner" => {
                let owner = self.owner_location(&args[1]);
                if let Value::Obj(id) = &args[0] {
                    if let Obj::Lock(lk) = self.obj_mut(*id) {
                        lk.created_line = 0;
                        lk.owner = owner;
                    }
                }
                Value::None
            }
            "register" => {
                // Register the main thread's Python object.
                if let Value::Obj(id) = &args[0] {
                    self.threads[0].obj = Some(*id);
                }
                Value::None
            }
            "current" => {
                let t = self.current;
                self.threads[t].obj.map(Value::Obj).unwrap_or(Value::None)
            }
            "ident" => match args.first() {
                Some(v) => match self.thread_index_of(v) {
                    Some(t) => Value::Int(crate::format::thread_ident(t) as i64),
                    None => Value::None,
                },
                None => Value::Int(crate::format::thread_ident(self.current) as i64),
            },
            "start" => {
                let Value::Obj(obj) = args[0] else {
                    return Err(self.type_error("start() needs a Thread"));
                };
                let daemon = args
                    .get(2)
                    .map(|d| matches!(d, Value::Bool(true) | Value::Int(1)))
                    .unwrap_or(false);
                let bootstrap = args.get(1).cloned().unwrap_or(Value::None);
                self.spawn_thread(Some(obj), bootstrap, daemon)?;
                Value::None
            }
            "join" => {
                let t = self.current;
                let target = self.thread_index_of(&args[0]);
                if let Some(target) = target {
                    if self.threads[target].finished {
                        let clock = self.threads[target].clock.clone();
                        self.threads[t].clock.join(&clock);
                    }
                }
                self.threads[t].timed_out = false;
                Value::None
            }
            "is_alive" => {
                let target = self.thread_index_of(&args[0]);
                match target {
                    Some(i) => {
                        let alive = !self.threads[i].finished;
                        if !alive {
                            let clock = self.threads[i].clock.clone();
                            let t = self.current;
                            self.threads[t].clock.join(&clock);
                        }
                        Value::Bool(alive)
                    }
                    None => Value::Bool(false),
                }
            }
            // Scheduling points only (see `visible.rs`): nothing to do when performed.
            "threads_changed" | "observe_threads" => Value::None,
            "hb_release" => {
                let t = self.current;
                let clock = self.threads[t].clock.clone();
                self.threads[t].clock.tick(weft_core::ThreadId(t as u32));
                if let Value::Obj(id) = &args[0] {
                    self.sync_clocks_store(*id, clock);
                }
                Value::None
            }
            "hb_acquire" => {
                if let Value::Obj(id) = &args[0] {
                    if let Some(c) = self.sync_clocks_load(*id) {
                        let t = self.current;
                        self.threads[t].clock.join(&c);
                    }
                }
                Value::None
            }
            "print_exception" => {
                // print_exception(exc, header, record=True): the excepthook's output, to stderr;
                // `record=False` for what CPython only logs (a failing done-callback).
                let exc = args[0].clone();
                let header = match args.get(1) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                let record = !matches!(args.get(2), Some(Value::Bool(false)));
                let text = self.format_exception(&exc);
                let t = self.current;
                if record {
                    self.record_failure(t, &exc, format!("{header}{text}"));
                }
                self.write_output(&format!("{header}{text}"), true);
                Value::None
            }
            "next_thread_number" => {
                self.prog_counter += 1;
                Value::Int(self.prog_counter as i64)
            }
            "main_thread" => self.threads[0].obj.map(Value::Obj).unwrap_or(Value::None),
            "option" => Value::Bool(match args.first() {
                Some(Value::Str(name)) => match &**name {
                    "notify_any" => self.options.notify_any,
                    "spurious_wakeups" => self.options.spurious_wakeups,
                    _ => false,
                },
                _ => false,
            }),
            "caller_line" => {
                let t = self.current;
                Value::Int(self.user_site(t).map(|(_, l)| l as i64).unwrap_or(0))
            }
            "monotonic" => Value::Float(self.now.as_seconds()),
            "caller_frame" => {
                // The `level`-th frame of user code from the innermost: (file, line, function).
                let level = args.first().and_then(int_of).unwrap_or(1).max(1) as usize;
                let t = self.current;
                let frame = self.threads[t]
                    .frames
                    .iter()
                    .rev()
                    .filter(|f| self.prog.is_user_code(&f.code))
                    .nth(level - 1)
                    .map(|f| {
                        (
                            f.code.file.clone(),
                            f.code.line_of(f.pc),
                            f.code.name.clone(),
                        )
                    });
                match frame {
                    Some((file, line, name)) => Value::tuple(vec![
                        Value::Str(file),
                        Value::Int(line as i64),
                        Value::Str(name),
                    ]),
                    None => Value::None,
                }
            }
            "name_lock" => {
                // How traces and the lock-order graph name a library's lock (`StreamHandler.lock`).
                if let (Value::Obj(id), Some(Value::Str(name))) = (&args[0], args.get(1)) {
                    if matches!(self.obj_kind(*id), Obj::Lock(_)) {
                        let name = name.clone();
                        if let Obj::Lock(l) = self.obj_mut(*id) {
                            l.name = Some(name);
                        }
                    }
                }
                Value::None
            }
            "handled_exception" => {
                let t = self.current;
                self.threads[t]
                    .handling
                    .last()
                    .cloned()
                    .unwrap_or(Value::None)
            }
            "format_exception" => {
                let is_exception = matches!(&args[0], Value::Obj(id)
                    if matches!(self.obj_kind(*id), Obj::Instance(i) if i.exc.is_some()));
                if !is_exception {
                    return Err(self.type_error("format_exception() needs an exception"));
                }
                let text = self.format_exception(&args[0]);
                Value::str(&text)
            }
            _ => return Err(self.exc(Ty::NotImplementedError, format!("_weft.{func}"))),
        };
        Ok(Some(v))
    }

    fn sync_clocks_store(&mut self, id: ObjId, clock: weft_core::VectorClock) {
        match self.sync_clocks.iter_mut().find(|(o, _)| *o == id) {
            Some((_, c)) => c.join(&clock),
            None => self.sync_clocks.push((id, clock)),
        }
    }
    fn sync_clocks_load(&self, id: ObjId) -> Option<weft_core::VectorClock> {
        self.sync_clocks
            .iter()
            .find(|(o, _)| *o == id)
            .map(|(_, c)| c.clone())
    }
}
