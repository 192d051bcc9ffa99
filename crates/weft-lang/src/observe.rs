//! What an execution reports: the trace, exceptions that escaped threads (with CPython-style
//! tracebacks), data races (vector clocks over the happens-before edges of start, join and lock
//! release->acquire, from which every prelude primitive's edges follow), lock-order edges, and
//! the diagnosis of blocked threads.
//!
//! The race detector is a vector-clock detector in the style of FastTrack (Flanagan & Freund,
//! PLDI 2009): per location, the last write and the reads since it, each as (thread, epoch). It
//! reports a pair of accesses only when neither happens before the other in this execution, so it
//! never reports a false race for the execution it saw; it may miss races of executions not run.
//! Its locations are globals, attributes, container elements and each container's shape (its
//! length and keys, which builtin operations change atomically: `visible::RaceShape`), and a
//! race is named by the element the two accesses meet on, else by the container.

use crate::types::Ty;
use crate::value::*;
use crate::visible::{shape_part, Access, NameHint, RaceShape};
use crate::vm::*;
use std::collections::BTreeMap;
use weft_core::{
    AccessSite, BlockedThread, Failure, Location, LockEdge, LockId, Observe, Race, SourceSite,
    ThreadId, ThreadStatus, TraceEvent, VirtualTime, WaitTarget,
};

#[derive(Clone, Debug, Default)]
struct LocationState {
    last_write: Option<Past>,
    reads: Vec<Past>,
    /// For an element of a container, its key as the program wrote it (an int or a string), so
    /// that a race found by a later access to the whole container still names the element.
    key: Option<Value>,
}

/// An earlier access that an access races with.
struct Conflict {
    thread: usize,
    was_write: bool,
    line: u32,
    /// The element the two meet on, by its key (`None` inside when the program's key is neither
    /// an int nor a string); `None` when they meet on the whole container or its shape (or on a
    /// global or an attribute, which the access's hint names).
    element: Option<Option<Value>>,
}

/// One location an access touches, as the race detector checks it.
#[derive(Clone, Copy)]
struct Touch {
    location: Location,
    write: bool,
    /// An atomic builtin call: two calls never race with each other.
    call: bool,
}

/// An access the race detector remembers: thread, epoch, line, and whether it was an atomic
/// builtin call (two such calls never race).
#[derive(Clone, Copy, Debug)]
struct Past {
    thread: usize,
    epoch: u32,
    line: u32,
    call: bool,
}

/// At most this many accesses of one step are traced (the step's first ones); the rest are
/// still observed by the race detector.
pub const MAX_TRACED_ACCESSES_PER_STEP: usize = 1_000;

#[derive(Clone, Debug, Default)]
pub struct Observations {
    pub trace: Vec<TraceEvent>,
    pub failures: Vec<Failure>,
    pub races: Vec<Race>,
    pub lock_edges: Vec<LockEdge>,
    /// See `Observe::footprint_exceeded`.
    pub footprint_exceeded: Option<SourceSite>,
    /// See `Observe::clock_moved_by_work` (`worktime.rs`).
    pub clock_moved_by_work: Option<SourceSite>,
    locations: BTreeMap<Location, LocationState>,
    /// Trace events of accesses recorded in the current step (`MAX_TRACED_ACCESSES_PER_STEP`).
    step_traced_accesses: usize,
    step_thread: usize,
    step_number: usize,
}

impl Observations {
    /// Drops the access history of objects the garbage collector freed (`keys` sorted).
    pub fn forget_objects(&mut self, keys: &[u64]) {
        if !keys.is_empty() {
            self.locations
                .retain(|loc, _| keys.binary_search(&loc.object).is_err());
        }
    }

    pub fn begin_step(&mut self, thread: usize) {
        self.step_traced_accesses = 0;
        self.step_thread = thread;
        self.step_number += 1;
    }
    /// Whether one more access of the current step may get a trace line: a step that runs user
    /// code atomically (a sort with a user `__lt__` over millions of objects) would otherwise
    /// grow the trace, and the time to name each access, without bound.
    pub fn may_trace_access(&mut self) -> bool {
        self.step_traced_accesses += 1;
        self.step_traced_accesses <= MAX_TRACED_ACCESSES_PER_STEP
    }

    pub fn note_print(&mut self, text: &str) {
        if let Some(last) = self.trace.last_mut() {
            if last.operation == "print" && last.effect.is_empty() {
                last.effect = format!("prints {}", crate::format::str_repr(text));
            }
        }
    }
    pub fn trace_op(
        &mut self,
        _t: usize,
        _line: u32,
        _what: &str,
        _access: &Option<Access>,
        _now: VirtualTime,
    ) {
    }

    fn push_failure(&mut self, f: Failure) {
        self.failures.push(f);
    }
}

impl Machine {
    pub fn record_failure(&mut self, tid: usize, exc: &Value, traceback: String) {
        let m: &Machine = self;
        let exception_type = m.exception_type_name(exc);
        let message = m.exception_message_plain(exc);
        let site = m
            .exc_data(exc)
            .and_then(|d| {
                d.traceback
                    .iter()
                    .rev()
                    .find(|e| m.prog.is_user_code(&e.code))
                    .cloned()
            })
            .map(|e| m.site(&e.code, e.line))
            .unwrap_or_default();
        let failure = Failure {
            thread: ThreadId(tid as u32),
            thread_name: m.thread_display_name(tid),
            is_assertion: m.exc_matches(exc, &Value::Type(Ty::AssertionError)),
            exception_type,
            message,
            site,
            traceback,
        };
        self.obs.push_failure(failure);
    }
}

impl Machine {
    pub fn site(&self, code: &crate::code::Code, line: u32) -> SourceSite {
        let text = if !self.prog.is_user_code(code) {
            self.prog.prelude_line(&code.file, line)
        } else {
            self.prog.source_line(line)
        };
        SourceSite {
            file: code.file.to_string(),
            line,
            text,
        }
    }

    fn user_site_of(&self, tid: usize) -> SourceSite {
        match self.user_site(tid) {
            Some((code, line)) => self.site(&code, line),
            None => SourceSite::default(),
        }
    }

    /// Checks an access against the earlier accesses of every location it overlaps (the whole
    /// container and its elements), FastTrack style (Flanagan & Freund, PLDI 2009: the last
    /// write as an epoch, the reads since as epochs), then records it. An access of a
    /// container's shape or of one dict key (`RaceShape`) is checked as what it touches.
    ///
    /// A race is named by where the two accesses meet, whichever came first: the element when
    /// one of them touched an element (`cache[7]`, even when the other read the whole dict),
    /// else the container (`items`); so a pair of sites gets one name in every execution.
    pub fn check_race(&mut self, t: usize, a: Access, line: u32) {
        let object = a.location.object;
        let shape = Location::part(object, shape_part());
        let touch = |location, write, call| Touch {
            location,
            write,
            call,
        };
        let touches = match a.shape {
            RaceShape::Location => [Some(touch(a.location, a.write, a.call)), None],
            RaceShape::Size => [Some(touch(shape, a.write, a.call)), None],
            RaceShape::KeyStore(p) => [
                Some(touch(Location::part(object, p), true, a.call)),
                Some(touch(shape, true, true)),
            ],
        };
        let key = match &a.hint {
            NameHint::Element(_, k @ (Value::Int(_) | Value::Str(_))) => Some(k.clone()),
            _ => None,
        };
        let mut conflicts: Vec<Conflict> = Vec::new();
        for touch in touches.into_iter().flatten() {
            let element = (matches!(a.hint, NameHint::Element(..))
                && touch.location.part.is_some_and(|p| p != shape_part()))
            .then_some(&key);
            self.conflicts_of(t, touch, element, &mut conflicts);
            self.record_access(t, touch, line, element);
        }
        if conflicts.is_empty() {
            return;
        }
        // An earlier access met on several locations (a dict store's key and the dict's shape)
        // is one race, named by the element.
        conflicts.sort_by_key(|c| (c.thread, c.was_write, c.line, c.element.is_none()));
        conflicts.dedup_by_key(|c| (c.thread, c.was_write, c.line));
        let code = match self.user_site(t) {
            Some((code, _)) => code,
            None => self.frame(t).code.clone(),
        };
        for c in conflicts {
            let first = AccessSite {
                thread: ThreadId(c.thread as u32),
                thread_name: self.thread_display_name(c.thread),
                is_write: c.was_write,
                site: self.site(&code_for_line(&code), c.line),
            };
            let second = AccessSite {
                thread: ThreadId(t as u32),
                thread_name: self.thread_display_name(t),
                is_write: a.write,
                site: self.site(&code, line),
            };
            let race = Race {
                location: self.race_location_name(&a.hint, c.element),
                first,
                second,
            };
            if !self.obs.races.contains(&race) {
                self.obs.races.push(race);
            }
        }
    }

    /// The earlier accesses that `touch` by thread `t` races with; `element` is the key of the
    /// element `touch` is, when it is one.
    fn conflicts_of(
        &self,
        t: usize,
        touch: Touch,
        element: Option<&Option<Value>>,
        out: &mut Vec<Conflict>,
    ) {
        let clock = &self.threads[t].clock;
        let unordered = |p: &Past| {
            p.thread != t
                && p.epoch > clock.get(ThreadId(p.thread as u32))
                && !(p.call && touch.call)
        };
        let mut visit = |at: &Location, state: &LocationState| {
            // Where the two meet: the element this access touches, or the one the earlier did.
            let met = || match element {
                Some(key) => Some(key.clone()),
                None => at
                    .part
                    .is_some_and(|p| p != shape_part())
                    .then(|| state.key.clone()),
            };
            if let Some(w) = state.last_write.filter(|w| unordered(w)) {
                out.push(Conflict {
                    thread: w.thread,
                    was_write: true,
                    line: w.line,
                    element: met(),
                });
            }
            if touch.write {
                for r in state.reads.iter().filter(|r| unordered(r)) {
                    out.push(Conflict {
                        thread: r.thread,
                        was_write: false,
                        line: r.line,
                        element: met(),
                    });
                }
            }
        };
        let object = touch.location.object;
        // A part overlaps only itself and the whole object; the whole object overlaps every part.
        match touch.location.part {
            Some(_) => {
                for loc in [Location::whole(object), touch.location] {
                    if let Some(state) = self.obs.locations.get(&loc) {
                        visit(&loc, state);
                    }
                }
            }
            None => self
                .obs
                .locations
                .range(Location::whole(object)..=Location::part(object, u64::MAX))
                .for_each(|(loc, state)| visit(loc, state)),
        }
    }

    /// Records `touch` by thread `t` at `line`, as the last write or one of the reads since.
    fn record_access(
        &mut self,
        t: usize,
        touch: Touch,
        line: u32,
        element: Option<&Option<Value>>,
    ) {
        let now = Past {
            thread: t,
            epoch: self.threads[t].clock.get(ThreadId(t as u32)),
            line,
            call: touch.call,
        };
        let state = self
            .obs
            .locations
            .entry(touch.location)
            .or_insert_with(|| LocationState {
                key: element.cloned().flatten(),
                ..LocationState::default()
            });
        if touch.write {
            state.last_write = Some(now);
            state.reads.clear();
        } else {
            state.reads.retain(|r| r.thread != t);
            state.reads.push(now);
        }
    }

    /// How a race report names the location two accesses met on (see `check_race`).
    fn race_location_name(&self, hint: &NameHint, element: Option<Option<Value>>) -> String {
        match (hint, element) {
            (NameHint::Element(c, _) | NameHint::Container(c), Some(key)) => {
                self.describe_hint(&NameHint::Element(c.clone(), key.unwrap_or(Value::None)))
            }
            (NameHint::Element(c, _) | NameHint::Container(c), None) => self.describe_object(c),
            (hint, _) => self.describe_hint(hint),
        }
    }

    pub fn describe_hint_pub(&self, hint: &NameHint) -> String {
        self.describe_hint(hint)
    }

    pub fn trace_events(&self) -> Vec<TraceEvent> {
        self.obs.trace.clone()
    }

    fn describe_hint(&self, hint: &NameHint) -> String {
        match hint {
            NameHint::Global(n) | NameHint::Cell(n) => n.to_string(),
            NameHint::Attr(obj, name) => format!("{}.{name}", self.describe_object(obj)),
            NameHint::Element(obj, key) => {
                let k = match key {
                    Value::Str(s) => crate::format::str_repr(s),
                    Value::Int(i) => i.to_string(),
                    _ => "…".into(),
                };
                format!("{}[{k}]", self.describe_object(obj))
            }
            NameHint::Container(obj) => self.describe_object(obj),
        }
    }

    /// A name for a heap object as the program refers to it: a global that holds it, an element
    /// or attribute of a global, or its type.
    pub fn describe_object(&self, v: &Value) -> String {
        // The search for a name is the detector's, not the program's access (`footprint.rs`).
        let recording = self.footprint.pause();
        let name = self.describe_object_now(v);
        self.footprint.resume(recording);
        name
    }

    fn describe_object_now(&self, v: &Value) -> String {
        let Value::Obj(target) = v else {
            return self.type_name(v);
        };
        if let Obj::Module { dict, .. } = self.obj(self.main_module) {
            for (name, val) in dict {
                if matches!(val, Value::Obj(id) if id == target) {
                    return name.to_string();
                }
            }
            for (name, val) in dict {
                if let Value::Obj(id) = val {
                    match self.obj(*id) {
                        Obj::List(items) => {
                            if let Some(i) = items
                                .iter()
                                .position(|x| matches!(x, Value::Obj(o) if o == target))
                            {
                                return format!("{name}[{i}]");
                            }
                        }
                        Obj::Instance(inst) => {
                            for (attr, x) in &inst.dict {
                                if matches!(x, Value::Obj(o) if o == target) {
                                    return self.attribute_path(name, *id, attr);
                                }
                            }
                        }
                        Obj::Dict(d) => {
                            for (k, x) in d {
                                if matches!(x, Value::Obj(o) if o == target) {
                                    if let Value::Str(s) = &k.0 {
                                        return format!("{name}[{}]", crate::format::str_repr(s));
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        // A local or argument of some thread's user frame.
        for th in &self.threads {
            for f in th.frames.iter().rev() {
                if !self.prog.is_user_code(&f.code) {
                    continue;
                }
                for (i, val) in f.locals.iter().enumerate() {
                    if matches!(val, Value::Obj(o) if o == target) {
                        if let Some(n) = f.code.varnames.get(i) {
                            if &**n != "self" {
                                return n.to_string();
                            }
                        }
                    }
                }
                // A local that an inner function or comprehension captured lives in a cell.
                let cell_names = f.code.cellvars.iter().chain(&f.code.freevars);
                for (cell, n) in f.cells.iter().zip(cell_names) {
                    if matches!(self.obj_kind(*cell), Obj::Cell(Value::Obj(o)) if o == target) {
                        return n.to_string();
                    }
                }
                if let Some(Value::Obj(selfobj)) = f.locals.first() {
                    if let Obj::Instance(inst) = self.obj(*selfobj) {
                        for (attr, x) in &inst.dict {
                            if matches!(x, Value::Obj(o) if o == target) {
                                return self.attribute_path("self", *selfobj, attr);
                            }
                        }
                    }
                }
            }
        }
        match self.obj(*target) {
            Obj::Instance(i) => {
                if let Value::Obj(c) = &i.class {
                    if let Obj::Class(c) = self.obj(*c) {
                        return format!("<{} object>", c.name);
                    }
                }
                format!("<{} object>", self.type_name(v))
            }
            _ => format!("<{} object>", self.type_name(v)),
        }
    }

    /// `owner.attr`, as reports name the object held there; a Condition's lock is named as the
    /// Condition (`cond`, not `cond._lock`): the program created the Condition, not its lock.
    fn attribute_path(&self, owner: &str, owner_id: ObjId, attr: &str) -> String {
        if attr == "_lock" && self.class_name_of(owner_id) == Some("Condition") {
            return owner.to_string();
        }
        format!("{owner}.{attr}")
    }

    fn class_name_of(&self, id: ObjId) -> Option<&str> {
        let Obj::Instance(inst) = self.obj_kind(id) else {
            return None;
        };
        let Value::Obj(c) = &inst.class else {
            return None;
        };
        match self.obj_kind(*c) {
            Obj::Class(c) => Some(&c.name),
            _ => None,
        }
    }

    /// How the program refers to a lock (`lock1`, `forks[2]`), as reports name it.
    pub fn lock_name(&self, id: ObjId) -> String {
        match &self.lock_state(id).name {
            Some(name) => name.to_string(),
            None => self.describe_object(&Value::Obj(id)),
        }
    }

    pub fn lock_id(&self, id: ObjId) -> LockId {
        let l = self.lock_state(id);
        LockId {
            name: self.lock_name(id),
            created: SourceSite {
                file: self.prog.file.to_string(),
                line: l.created_line,
                text: self.prog.source_line(l.created_line),
            },
            ordinal: l.ordinal,
        }
    }

    pub fn record_lock_edges(&mut self, acquired: ObjId, line: u32) {
        let t = self.current;
        if self.is_internal_lock(acquired) {
            return;
        }
        let held: Vec<ObjId> = self.threads[t]
            .held_locks
            .iter()
            .copied()
            .filter(|&h| h != acquired && !self.is_internal_lock(h))
            .collect();
        if held.is_empty() {
            return;
        }
        for &lock in held.iter().chain([&acquired]) {
            if self.lock_state(lock).name.is_none() {
                let name: std::sync::Arc<str> = self.describe_object(&Value::Obj(lock)).into();
                if let Obj::Lock(l) = self.obj_mut(lock) {
                    l.name = Some(name);
                }
            }
        }
        let acquired_id = self.lock_id(acquired);
        let acquired_site = SourceSite {
            file: self.prog.file.to_string(),
            line,
            text: self.prog.source_line(line),
        };
        for &h in &held {
            let held_line = self.lock_state(h).acquired_line;
            let edge = LockEdge {
                held: self.lock_id(h),
                acquired: acquired_id.clone(),
                thread: ThreadId(t as u32),
                thread_name: self.thread_display_name(t),
                held_site: SourceSite {
                    file: self.prog.file.to_string(),
                    line: held_line,
                    text: self.prog.source_line(held_line),
                },
                acquired_site: acquired_site.clone(),
                also_held: held
                    .iter()
                    .filter(|&&o| o != h)
                    .map(|&o| self.lock_id(o))
                    .collect(),
            };
            if !self.obs.lock_edges.contains(&edge) {
                self.obs.lock_edges.push(edge);
            }
        }
    }

    pub(crate) fn is_internal_lock(&self, id: ObjId) -> bool {
        self.lock_state(id).created_line == 0
    }

    /// Sets the effect of the current step's trace line, when it is this lock operation's:
    /// `acquired`/`released` when the thread starts/stops holding the lock (what the HTML
    /// timeline's hold bars follow), `re-entered`/`still held` for an RLock's inner levels,
    /// `busy`/`timed out` for an acquire that returned False. The last call of a step wins
    /// (`Condition.wait` releases an RLock level by level in one step).
    pub fn note_lock_effect(&mut self, id: ObjId, effect: &str) {
        if !self.options.record_trace || self.is_internal_lock(id) {
            return;
        }
        let (t, step) = (ThreadId(self.current as u32), self.steps);
        if let Some(last) = self.obs.trace.last_mut() {
            let is_lock_op = ["acquire ", "release "].iter().any(|op| {
                last.operation.starts_with(op) || last.operation.contains(&format!(": {op}"))
            });
            if last.thread == t && last.step == step && is_lock_op {
                last.effect = effect.to_string();
            }
        }
    }

    pub fn record_trace_exit(&mut self, t: usize) {
        if !self.options.record_trace {
            return;
        }
        let event = TraceEvent {
            step: self.steps,
            thread: ThreadId(t as u32),
            thread_name: self.thread_display_name(t),
            site: SourceSite {
                file: self.prog.file.to_string(),
                line: 0,
                text: String::new(),
            },
            operation: "exit".into(),
            effect: if self.threads[t].uncaught.is_some() {
                "raised".into()
            } else {
                String::new()
            },
            time: self.now,
        };
        self.obs.trace.push(event);
    }

    // ------------------------------------------------------------------ exceptions as text

    pub fn exception_type_name(&self, exc: &Value) -> String {
        let cls = self.class_of(exc);
        match &cls {
            Value::Type(t) => crate::format::qualified_type_name(*t),
            Value::Obj(id) => match self.obj(*id) {
                Obj::Class(c) => {
                    if &*c.module == "__main__" || &*c.module == "builtins" {
                        c.qualname.to_string()
                    } else {
                        format!("{}.{}", c.module, c.qualname)
                    }
                }
                _ => "?".into(),
            },
            _ => "?".into(),
        }
    }

    /// `str(exc)` without running user code when it can be avoided.
    pub fn exception_message_plain(&self, exc: &Value) -> String {
        let Some(d) = self.exc_data(exc) else {
            return String::new();
        };
        match d.args.len() {
            0 => String::new(),
            1 => match &d.args[0] {
                Value::Str(s) => {
                    if self.exc_matches(exc, &Value::Type(Ty::KeyError)) {
                        crate::format::str_repr(s)
                    } else {
                        s.to_string()
                    }
                }
                Value::Int(i) => i.to_string(),
                other => format!("{other:?}"),
            },
            _ => String::new(),
        }
    }

    /// The final line of a traceback: `Type: message` or `Type`.
    fn exception_line(&mut self, exc: &Value) -> String {
        let ty = self.exception_type_name(exc);
        let is_key_error = self.exc_matches(exc, &Value::Type(Ty::KeyError));
        let args = self
            .exc_data(exc)
            .map(|d| d.args.clone())
            .unwrap_or_default();
        let msg = if is_key_error && args.len() == 1 && self.lookup_dunder(exc, "__str__").is_none()
        {
            self.repr(&args[0]).unwrap_or_default()
        } else {
            self.to_str(exc)
                .unwrap_or_else(|_| "<exception str() failed>".into())
        };
        if msg.is_empty() {
            ty
        } else {
            format!("{ty}: {msg}")
        }
    }

    /// The traceback as CPython prints it, with chained causes and contexts.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_exception_into(exc, &mut out, &mut seen);
        out
    }

    fn format_exception_into(&mut self, exc: &Value, out: &mut String, seen: &mut Vec<ObjId>) {
        if let Value::Obj(id) = exc {
            if seen.contains(id) {
                return;
            }
            seen.push(*id);
        }
        let (cause, context, suppress) = match self.exc_data(exc) {
            Some(d) => (d.cause.clone(), d.context.clone(), d.suppress_context),
            None => (None, None, false),
        };
        if let Some(c) = cause {
            self.format_exception_into(&c, out, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let (Some(c), false) = (context, suppress) {
            self.format_exception_into(&c, out, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        let tb = self
            .exc_data(exc)
            .map(|d| d.traceback.clone())
            .unwrap_or_default();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            let mut last: Option<(String, u32, String)> = None;
            let mut repeat = 0;
            // weft's own helpers for builtins stand where CPython runs C code, and the methods
            // dataclasses generates where CPython runs code it compiled with exec: no frame.
            for e in tb.iter().filter(|e| {
                !e.code.file.starts_with("<weft>/")
                    && !crate::program::is_library_file(&e.code.file)
            }) {
                let (file, line, text, fname) = if e.code.internal {
                    let (file, line, fname) = self.prog.cpython_frame(&e.code, e.line);
                    (
                        file,
                        line,
                        self.prog.prelude_line(&e.code.file, e.line),
                        fname,
                    )
                } else {
                    (
                        e.code.file.to_string(),
                        e.line,
                        self.prog.source_line(e.line),
                        e.code.name.to_string(),
                    )
                };
                let key = (file.clone(), line, e.code.name.to_string());
                if last.as_ref() == Some(&key) {
                    repeat += 1;
                    if repeat >= 3 {
                        continue;
                    }
                } else {
                    if repeat >= 3 {
                        out.push_str(&format!(
                            "  [Previous line repeated {} more time{}]\n",
                            repeat - 2,
                            if repeat - 2 == 1 { "" } else { "s" }
                        ));
                    }
                    repeat = 0;
                }
                last = Some(key);
                out.push_str(&format!("  File \"{file}\", line {line}, in {fname}\n"));
                if !text.is_empty() {
                    out.push_str(&format!("    {text}\n"));
                }
            }
            if repeat >= 3 {
                out.push_str(&format!(
                    "  [Previous line repeated {} more time{}]\n",
                    repeat - 2,
                    if repeat - 2 == 1 { "" } else { "s" }
                ));
            }
        }
        let line = self.exception_line(exc);
        out.push_str(&line);
        out.push('\n');
    }

    // ------------------------------------------------------------------ blocked threads

    fn blocked_diagnosis(&self, tid: usize) -> Option<BlockedThread> {
        let th = &self.threads[tid];
        let site = self.user_site_of(tid);
        let holding: Vec<(LockId, SourceSite)> = th
            .held_locks
            .iter()
            .filter(|&&l| !self.is_internal_lock(l))
            .map(|&l| {
                let line = self.lock_state(l).acquired_line;
                (
                    self.lock_id(l),
                    SourceSite {
                        file: self.prog.file.to_string(),
                        line,
                        text: self.prog.source_line(line),
                    },
                )
            })
            .collect();
        let waits_for = match &th.pending {
            Pending::Acquire { lock, .. } if !self.is_internal_lock(*lock) => {
                let state = self.lock_state(*lock);
                WaitTarget::Lock {
                    lock: self.lock_id(*lock),
                    owner: state.state.owner,
                    taken_at: state.state.owner.map(|_| SourceSite {
                        file: self.prog.file.to_string(),
                        line: state.acquired_line,
                        text: self.prog.source_line(state.acquired_line),
                    }),
                }
            }
            Pending::Join { thread, .. } => WaitTarget::Join {
                thread: ThreadId(*thread as u32),
            },
            _ => {
                let (object, explanation) = self.explain_internal_wait(tid);
                WaitTarget::Other {
                    object,
                    explanation,
                }
            }
        };
        Some(BlockedThread {
            thread: ThreadId(tid as u32),
            thread_name: self.thread_display_name(tid),
            waits_for,
            site,
            holding,
        })
    }

    /// Why a thread blocked inside a prelude primitive can never continue.
    fn explain_internal_wait(&self, tid: usize) -> (String, String) {
        let th = &self.threads[tid];
        let mut primitive = None;
        let mut receiver = None;
        for f in th.frames.iter().rev() {
            if f.code.internal {
                primitive = Some(f.code.qualname.to_string());
                receiver = f.locals.first().cloned();
            } else {
                break;
            }
        }
        let primitive = primitive.unwrap_or_default();
        let name = receiver
            .as_ref()
            .map(|r| self.describe_object(r))
            .unwrap_or_default();
        let alive_others = self
            .threads
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                *i != tid
                    && !t.finished
                    && matches!(self.thread_status_pub(*i), ThreadStatus::Enabled)
            })
            .count();
        let _ = alive_others;
        let explanation = match primitive.as_str() {
            p if p.starts_with("Condition.wait") => {
                let lost = receiver
                    .as_ref()
                    .and_then(|r| self.instance_attr(r, "_weft_lost_notify"));
                let call = match receiver
                    .as_ref()
                    .and_then(|r| self.instance_attr(r, "_weft_lost_call"))
                {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => "notify()".to_string(),
                };
                match lost {
                    Some(Value::Int(line)) if line > 0 => format!(
                        "it waits for notify() on {name}, but {call} at line {line} ran before this wait() and found no waiter: a lost wakeup"
                    ),
                    _ => format!("it waits for notify() on {name}, and no thread that could notify it can run"),
                }
            }
            p if p.starts_with("Event.wait") => {
                format!("it waits for {name}.set(), and no thread that could set it can run")
            }
            p if p.starts_with("Queue.get") || p.starts_with("SimpleQueue.get") => {
                format!("the queue {name} is empty and every thread that could put an item has finished or is blocked (a missing sentinel?)")
            }
            p if p.starts_with("Queue.put") => {
                format!("the queue {name} is full and no thread can take an item")
            }
            p if p.starts_with("Queue.join") => {
                format!("{name}.join() waits for task_done() calls that no thread will make")
            }
            p if p.starts_with("Barrier.wait") => {
                let parties = receiver
                    .as_ref()
                    .and_then(|r| self.instance_attr(r, "_parties"));
                let count = receiver
                    .as_ref()
                    .and_then(|r| self.instance_attr(r, "_count"));
                match (parties, count) {
                    (Some(Value::Int(p)), Some(Value::Int(c))) => {
                        format!("Barrier({p}) has {c} of {p} parties and no thread left to arrive")
                    }
                    _ => format!("{name} can never fill"),
                }
            }
            p if p.contains("Semaphore.acquire") => {
                format!("it waits for a permit of {name} that no thread will release")
            }
            p if p.starts_with("Future.result") || p.starts_with("Future.exception") => {
                format!("it waits for {name} to complete")
            }
            p if p.starts_with("Thread.join") => {
                "it waits for a thread that cannot finish".to_string()
            }
            "" => "it waits for a lock".to_string(),
            other => format!("it waits inside {other}"),
        };
        let object = if name.is_empty() { primitive } else { name };
        (object, explanation)
    }

    fn instance_attr(&self, v: &Value, name: &str) -> Option<Value> {
        let Value::Obj(id) = v else { return None };
        match self.obj(*id) {
            Obj::Instance(i) => i.dict.get(name).cloned(),
            _ => None,
        }
    }
}

/// Races keep the line of the earlier access; its code is the same user file.
fn code_for_line(code: &std::sync::Arc<crate::code::Code>) -> crate::code::Code {
    crate::code::Code {
        name: code.name.clone(),
        qualname: code.qualname.clone(),
        file: code.file.clone(),
        instrs: Vec::new(),
        lines: Vec::new(),
        consts: Vec::new(),
        names: Vec::new(),
        varnames: Vec::new(),
        cellvars: Vec::new(),
        freevars: Vec::new(),
        cell_params: Vec::new(),
        argcount: 0,
        posonly: 0,
        kwonly: 0,
        varargs: false,
        varkw: false,
        is_generator: false,
        is_class_body: false,
        internal: false,
        first_line: 0,
    }
}

impl Observe for Machine {
    fn trace(&self) -> &[TraceEvent] {
        &self.obs.trace
    }
    fn footprint_exceeded(&self) -> Option<SourceSite> {
        self.obs.footprint_exceeded.clone()
    }
    fn clock_moved_by_work(&self) -> Option<SourceSite> {
        Machine::clock_moved_by_work(self)
    }
    fn stdout(&self) -> &str {
        &self.stdout
    }
    fn stderr(&self) -> &str {
        &self.stderr
    }
    fn thread_site(&self, thread: ThreadId) -> Option<SourceSite> {
        let th = self.threads.get(thread.index())?;
        if th.finished {
            return None;
        }
        let (code, line) = self.user_site(thread.index())?;
        Some(self.site(&code, line))
    }
    fn thread_function(&self, thread: ThreadId) -> Option<String> {
        let th = self.threads.get(thread.index())?;
        if th.finished {
            return None;
        }
        let (code, _) = self.user_site(thread.index())?;
        Some(format!(
            "{}:{}:{}",
            code.file, code.qualname, code.first_line
        ))
    }
    fn thread_name(&self, thread: ThreadId) -> String {
        self.thread_display_name(thread.index())
    }
    fn failures(&self) -> &[Failure] {
        &self.obs.failures
    }
    fn races(&self) -> &[Race] {
        &self.obs.races
    }
    fn lock_edges(&self) -> &[LockEdge] {
        &self.obs.lock_edges
    }
    fn blocked_threads(&self) -> Vec<BlockedThread> {
        (0..self.threads.len())
            .filter(|&t| matches!(self.thread_status_pub(t), ThreadStatus::Blocked { .. }))
            .filter_map(|t| self.blocked_diagnosis(t))
            .collect()
    }
    fn state_hash(&mut self) -> Option<u64> {
        self.offered_state_hash()
    }
    fn full_state_hash(&mut self) -> Option<u64> {
        Some(self.compute_state_hash())
    }
    fn exit_status(&self) -> i32 {
        self.exit_status
    }
}

impl Machine {
    pub fn thread_status_pub(&self, t: usize) -> ThreadStatus {
        weft_core::StepMachine::status(self, ThreadId(t as u32))
    }
}
