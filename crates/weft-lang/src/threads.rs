//! Native threading: locks (acquire with blocking and timeout, release, ownership for RLock),
//! thread start/join/exit, `time.sleep`, and the step-machine interface the scheduler drives.
//! Everything else in `threading`, `queue` and `concurrent.futures` is Python (prelude/) on top.

use crate::types::Ty;
use crate::value::*;
use crate::vm::*;
use weft_core::{Location, Operation, StepMachine, ThreadId, ThreadStatus, VirtualTime};

use crate::natives::{Effect::Sync, Native};

/// The methods of the native locks (`_weft.Lock()`, `_weft.RLock()`; see `natives.rs`). Their
/// footprints are the lock's (`visible.rs`: `classify_lock_call`).
pub const NATIVES: &[Native] = &[
    Native::new("lock.acquire", "blocking=True, timeout=-1", Sync),
    Native::new("lock.acquire_lock", "blocking=True, timeout=-1", Sync),
    Native::new("lock.__enter__", "", Sync),
    Native::new("lock.release", "", Sync),
    Native::new("lock.release_lock", "", Sync),
    Native::new("lock.__exit__", "*args", Sync),
    Native::new("lock.locked", "", Sync),
    Native::new("lock.locked_lock", "", Sync),
    Native::new("lock._is_owned", "", Sync),
    Native::new("lock._recursion_count", "", Sync),
    Native::new("lock._release_save", "", Sync),
    Native::new("lock._acquire_restore", "state, /", Sync),
];

/// Location objects that are not heap objects.
pub const STDOUT_LOCATION: u64 = u64::MAX - 1;
pub const STDERR_LOCATION: u64 = u64::MAX - 2;
/// The set of live threads (`threading.enumerate()` reads it; start and exit change it).
pub const THREADS_LOCATION: u64 = u64::MAX - 3;
/// The sequences the machine draws from (the seeded generator, thread numbers): draws of
/// different threads are ordered by it.
pub const SEQUENCE_LOCATION: u64 = u64::MAX - 4;
pub const THREAD_LOCATION_BASE: u64 = u64::MAX - 1_000_000;

pub fn thread_location(tid: usize) -> Location {
    Location::whole(THREAD_LOCATION_BASE + tid as u64)
}

impl Machine {
    pub fn lock_state(&self, id: ObjId) -> &LockObj {
        match self.obj(id) {
            Obj::Lock(l) => l,
            _ => unreachable!("a lock"),
        }
    }

    /// `lock.acquire(blocking, timeout)`, performed when the scheduler granted it (so the lock is
    /// free, or the deadline has passed, or the call does not block).
    pub fn lock_acquire(&mut self, id: ObjId, blocking: bool, timeout: f64) -> PyResult<Value> {
        if !blocking && timeout != -1.0 {
            return Err(self.exc(
                Ty::ValueError,
                "can't specify a timeout for a non-blocking call",
            ));
        }
        if timeout < 0.0 && timeout != -1.0 {
            return Err(self.exc(
                Ty::ValueError,
                "timeout value must be a non-negative number",
            ));
        }
        let t = self.current;
        let me = ThreadId(t as u32);
        let can = self.lock_state(id).state.can_acquire(me);
        if !can && blocking && timeout < 0.0 && self.threads[t].nested > 0 {
            return Err(self.exc(
                Ty::RuntimeError,
                "weft: a blocking lock acquire inside a callback that weft runs atomically (a sort key, \
                 __eq__, __repr__, a generator consumed by a builtin) would wait forever; weft cannot \
                 suspend it there",
            ));
        }
        if !can {
            // Granted without the lock: a non-blocking try, or the timeout ran out.
            self.threads[t].timed_out = false;
            self.note_lock_effect(id, if blocking { "timed out" } else { "busy" });
            return Ok(Value::Bool(false));
        }
        let line = self.user_site(t).map(|(_, l)| l).unwrap_or(0);
        let (first, clock) = {
            let Obj::Lock(l) = self.obj_mut(id) else {
                unreachable!()
            };
            let first = l.state.count == 0;
            l.state.acquire(me);
            if first {
                l.acquired_line = line;
            }
            (first, l.state.clock.clone())
        };
        if first {
            self.threads[t].clock.join(&clock);
            // A non-blocking try cannot deadlock, so it adds no lock-order edge (as lockdep).
            if blocking {
                self.record_lock_edges(id, line);
            }
            // The prelude's internal locks (a Condition's waiter locks) are not listed: a waiter
            // is left acquired when its wait ends, so listing them would grow the list (and
            // the cost of every acquire) with every wait; reports never show them anyway.
            if !self.is_internal_lock(id) {
                self.threads[t].held_locks.push(id);
            }
        }
        self.note_lock_effect(id, if first { "acquired" } else { "re-entered" });
        Ok(Value::Bool(true))
    }

    pub fn lock_release(&mut self, id: ObjId) -> PyResult<()> {
        let t = self.current;
        let me = ThreadId(t as u32);
        let (reentrant, owner, count) = {
            let l = self.lock_state(id);
            (l.state.reentrant, l.state.owner, l.state.count)
        };
        if count == 0 {
            return Err(if reentrant {
                self.exc(Ty::RuntimeError, "cannot release un-acquired lock")
            } else {
                self.exc(Ty::RuntimeError, "release unlocked lock")
            });
        }
        if reentrant && owner != Some(me) {
            return Err(self.exc(Ty::RuntimeError, "cannot release un-acquired lock"));
        }
        // Release: the lock carries the clock of everything before the release; later accesses
        // of this thread get a new epoch, so they are not ordered before the next acquire.
        let clock = self.threads[t].clock.clone();
        self.threads[t].clock.tick(me);
        let freed = {
            let Obj::Lock(l) = self.obj_mut(id) else {
                unreachable!()
            };
            let freed = l.state.release();
            if freed {
                l.state.clock = clock;
            }
            freed
        };
        self.note_lock_effect(id, if freed { "released" } else { "still held" });
        if freed {
            // A plain Lock may be released by a thread that does not hold it.
            if let Some(o) = owner {
                let holder = &mut self.threads[o.index()].held_locks;
                if let Some(p) = holder.iter().rposition(|&l| l == id) {
                    holder.remove(p);
                }
            }
        }
        Ok(())
    }

    pub fn new_lock(&mut self, reentrant: bool) -> Value {
        let t = self.current;
        let line = self.user_site(t).map(|(_, l)| l).unwrap_or(0);
        let ordinal = match self.lock_ordinals.iter_mut().find(|(l, _)| *l == line) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.lock_ordinals.push((line, 0));
                0
            }
        };
        self.alloc(Obj::Lock(Box::new(LockObj {
            state: weft_core::sync::LockState::new(reentrant),
            created_line: line,
            ordinal,
            acquired_line: 0,
            name: None,
            owner: None,
            guard: None,
        })))
    }

    /// The location a lock's operations announce: its own, or for a lock of the prelude's, the
    /// synchronisation part of the object it belongs to (`LockObj::owner`).
    pub fn lock_location(&self, id: ObjId) -> Location {
        self.lock_state(id)
            .owner
            .unwrap_or_else(|| Location::whole(self.key_of(id)))
    }

    /// The location a prelude lock belonging to `owner` announces: a lock's own (a Condition
    /// built on the program's lock), else `owner`'s synchronisation part.
    pub fn owner_location(&self, owner: &Value) -> Option<Location> {
        match owner {
            Value::Obj(id) if matches!(self.obj_kind(*id), Obj::Lock(_)) => {
                Some(self.lock_location(*id))
            }
            Value::Obj(id) => Some(Location::part(
                self.key_of(*id),
                crate::visible::name_hash("<sync>"),
            )),
            _ => None,
        }
    }

    /// Methods of `_thread.lock` and `_thread.RLock`.
    pub fn lock_method(
        &mut self,
        id: ObjId,
        name: &str,
        args: Vec<Value>,
        kwargs: crate::call::Kwargs,
    ) -> PyResult<Value> {
        match name {
            "acquire" | "acquire_lock" | "__enter__" => {
                let (blocking, timeout) = self.acquire_args(&args, &kwargs)?;
                self.lock_acquire(id, blocking, timeout)
            }
            "release" | "release_lock" | "__exit__" => {
                self.lock_release(id)?;
                Ok(Value::None)
            }
            "locked" | "locked_lock" => Ok(Value::Bool(self.lock_state(id).state.is_locked())),
            "_is_owned" => {
                let me = ThreadId(self.current as u32);
                let l = &self.lock_state(id).state;
                Ok(Value::Bool(if l.reentrant {
                    l.owner == Some(me)
                } else {
                    l.is_locked()
                }))
            }
            "_recursion_count" => {
                let me = ThreadId(self.current as u32);
                let l = &self.lock_state(id).state;
                Ok(Value::Int(if l.owner == Some(me) {
                    l.count as i64
                } else {
                    0
                }))
            }
            "_release_save" => {
                let me = ThreadId(self.current as u32);
                let (count, owner) = {
                    let l = &self.lock_state(id).state;
                    (l.count, l.owner)
                };
                if count == 0 || owner != Some(me) {
                    return Err(self.exc(Ty::RuntimeError, "cannot release un-acquired lock"));
                }
                for _ in 0..count {
                    self.lock_release(id)?;
                }
                Ok(Value::Int(count as i64))
            }
            "_acquire_restore" => {
                let count = args
                    .first()
                    .and_then(crate::ops::int_of)
                    .unwrap_or(1)
                    .max(1);
                self.lock_acquire(id, true, -1.0)?;
                if let Obj::Lock(l) = self.obj_mut(id) {
                    l.state.count = count as u32;
                }
                Ok(Value::None)
            }
            _ => Err(self.attribute_error(&Value::Obj(id), name)),
        }
    }

    /// Parse `acquire(blocking=True, timeout=-1)` arguments.
    pub fn acquire_args(
        &mut self,
        args: &[Value],
        kwargs: &crate::call::Kwargs,
    ) -> PyResult<(bool, f64)> {
        let mut blocking = args.first().cloned();
        let mut timeout = args.get(1).cloned();
        for (k, v) in kwargs {
            match &**k {
                "blocking" => blocking = Some(v.clone()),
                "timeout" => timeout = Some(v.clone()),
                other => {
                    return Err(self.type_error(format!(
                        "acquire() got an unexpected keyword argument '{other}'"
                    )))
                }
            }
        }
        let blocking = match blocking {
            Some(b) => self.truthy(&b)?,
            None => true,
        };
        let timeout = match timeout {
            None => -1.0,
            Some(Value::None) => {
                return Err(self.type_error("'NoneType' object cannot be interpreted as an integer"))
            }
            Some(v) => match crate::num::int_to_f64_checked(&v) {
                Some(f) if f.is_nan() => {
                    return Err(self.exc(Ty::ValueError, "Invalid value NaN (not a number)"))
                }
                Some(f) => f,
                None => {
                    let tn = self.type_name(&v);
                    return Err(self
                        .type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                }
            },
        };
        Ok((blocking, timeout))
    }

    // ------------------------------------------------------------------ threads

    /// Start a new thread that runs `callable()`; returns its index.
    pub fn spawn_thread(
        &mut self,
        thread_obj: Option<ObjId>,
        callable: Value,
        daemon: bool,
    ) -> PyResult<usize> {
        if self.threads.len() >= self.options.max_threads {
            return Err(self.exc(Ty::RuntimeError, "can't start new thread"));
        }
        let parent = self.current;
        let tid = self.threads.len();
        let mut th = Thread::new(thread_obj, daemon);
        // Happens-before: everything the parent did so far is visible to the child.
        th.clock = self.threads[parent].clock.clone();
        th.clock.tick(ThreadId(tid as u32));
        self.threads[parent].clock.tick(ThreadId(parent as u32));
        self.threads.push(th);
        // The child's bottom frame calls `callable()`.
        let saved = self.current;
        self.current = tid;
        let globals = self.main_module;
        let code = self.prog.bootstrap_code.clone();
        let mut frame = self.new_frame(code, globals, OnReturn::ThreadBottom);
        frame.stack.push(callable);
        self.threads[tid].frames.push(frame);
        // The parent is inside its `start()` call, holding values no root shows: no collection.
        self.gc.barrier += 1;
        self.run_thread();
        self.gc.barrier -= 1;
        self.current = saved;
        Ok(tid)
    }

    /// The current thread's bottom frame ended.
    pub fn thread_done(&mut self) {
        let t = self.current;
        if t == 0 && !self.threads[0].obs_exit_started() {
            // Main thread: print an uncaught exception first, then run threading._shutdown().
            if let Some(exc) = self.threads[0].uncaught.take() {
                if self.exc_matches(&exc, &Value::Type(Ty::SystemExit)) {
                    self.exit_status = self.system_exit_code(&exc);
                } else {
                    let text = self.format_exception(&exc);
                    self.write_output(&text, true);
                    self.exit_status = 1;
                    self.record_failure(0, &exc, text);
                }
            }
            self.threads[0].mark_exit_started();
            if let Some(shutdown) = self.shutdown_hook() {
                let code = self.prog.bootstrap_code.clone();
                let mut frame = self.new_frame(code, self.main_module, OnReturn::ThreadBottom);
                frame.stack.push(shutdown);
                self.threads[0].frames.push(frame);
                self.run_thread();
                return;
            }
        }
        let op = Operation::write(thread_location(t));
        self.threads[t].pending = Pending::Exit(op);
    }

    fn system_exit_code(&mut self, exc: &Value) -> i32 {
        let args = self
            .exc_data(exc)
            .map(|d| d.args.clone())
            .unwrap_or_default();
        match args.first() {
            None | Some(Value::None) => 0,
            Some(Value::Int(i)) => *i as i32,
            Some(other) => {
                let s = self.to_str(other).unwrap_or_default();
                self.write_output(&format!("{s}\n"), true);
                1
            }
        }
    }

    /// `threading._shutdown`, when the program imported threading.
    fn shutdown_hook(&mut self) -> Option<Value> {
        let module = self
            .modules
            .iter()
            .find(|(n, _)| &**n == "threading")
            .map(|(_, m)| m.clone())?;
        match self.get_attr_opt(&module, "_shutdown") {
            Ok(Some(crate::interp::AttrResult::Value(v))) => Some(v),
            _ => None,
        }
    }

    pub fn thread_index_of(&self, thread_obj: &Value) -> Option<usize> {
        let Value::Obj(id) = thread_obj else {
            return None;
        };
        self.threads.iter().position(|t| t.obj == Some(*id))
    }

    /// The name a thread has now (its Python object's `_name`), as CPython prints it.
    pub fn thread_display_name(&self, tid: usize) -> String {
        if let Some(obj) = self.threads.get(tid).and_then(|t| t.obj) {
            if let Obj::Instance(i) = self.obj(obj) {
                if let Some(Value::Str(s)) = i.dict.get("_name") {
                    return s.to_string();
                }
            }
        }
        if tid == 0 {
            "MainThread".into()
        } else {
            format!("Thread-{tid}")
        }
    }

    /// Perform the pending operation of the current thread (the scheduler chose it).
    pub fn perform_pending(&mut self) {
        let t = self.current;
        self.end_timed_wait(t);
        let pending = std::mem::replace(&mut self.threads[t].pending, Pending::Nothing);
        match pending {
            Pending::Nothing => {}
            Pending::Exit(_) => {
                let me = ThreadId(t as u32);
                self.threads[t].clock.tick(me);
                self.threads[t].finished = true;
                self.record_trace_exit(t);
                if let Some(exc) = self.threads[t].uncaught.take() {
                    let _ = exc;
                }
                if t == 0 {
                    self.finished = true;
                }
            }
            Pending::Sleep { until } => {
                if self.now < until {
                    self.now = until;
                }
                self.granted = true;
                self.run_thread();
            }
            Pending::Acquire { deadline, .. } | Pending::Join { deadline, .. } => {
                if let Some(d) = deadline {
                    if self.now >= d {
                        self.threads[t].timed_out = true;
                    }
                }
                self.granted = true;
                self.run_thread();
            }
            Pending::Op(_) => {
                self.granted = true;
                self.run_thread();
            }
        }
    }

    pub(crate) fn thread_status(&self, tid: usize) -> ThreadStatus {
        let th = &self.threads[tid];
        if th.finished {
            return ThreadStatus::Finished;
        }
        match &th.pending {
            Pending::Nothing => ThreadStatus::Finished,
            Pending::Op(_) | Pending::Exit(_) => ThreadStatus::Enabled,
            Pending::Sleep { until } => {
                if self.now >= *until || self.options.free_time {
                    ThreadStatus::Enabled
                } else {
                    ThreadStatus::Sleeping { until: *until }
                }
            }
            Pending::Acquire { lock, deadline, .. } => {
                if self.can_take(*lock, tid) {
                    ThreadStatus::Enabled
                } else {
                    self.deadline_status(*deadline)
                }
            }
            Pending::Join {
                thread, deadline, ..
            } => {
                if self.threads[*thread].finished {
                    ThreadStatus::Enabled
                } else {
                    self.deadline_status(*deadline)
                }
            }
        }
    }

    /// Whether thread `t`'s next synchronisation in the prelude, `pending`, joins the step it
    /// is performing: the step started in the prelude, announced everything `pending` touches,
    /// and `pending` need not wait (a lock that is free, or a try that fails at once). So each
    /// call of a threading, queue or futures API is one step, or two around a wait, and the
    /// prelude's own locks are no scheduling points: the state they guard belongs to the object
    /// the step announced, and no other thread can see it until the step ends.
    pub(crate) fn in_section(&self, t: usize, pending: &Pending) -> bool {
        let Some(section) = &self.threads[t].section else {
            return false;
        };
        let Some(mut op) = crate::vm::pending_operation(pending) else {
            return false;
        };
        if op.location == Some(thread_location(self.threads.len())) {
            // Starting a thread writes the new thread's location, which no other thread can
            // touch before it exists: what the section must cover is the set of live threads.
            op.location = None;
        }
        if !crate::vm::covers(section, &op) {
            return false;
        }
        match pending {
            Pending::Op(_) => true,
            Pending::Acquire { lock, deadline, .. } => {
                self.can_take(*lock, t) || self.deadline_passed(*deadline)
            }
            Pending::Join {
                thread, deadline, ..
            } => self.threads[*thread].finished || self.deadline_passed(*deadline),
            Pending::Nothing | Pending::Sleep { .. } | Pending::Exit(_) => false,
        }
    }

    /// Whether thread `t` can take `lock` now: it is free (or `t`'s own RLock), and for a
    /// Condition's waiter lock, so is the Condition's lock that the woken waiter re-takes.
    fn can_take(&self, lock: ObjId, t: usize) -> bool {
        let me = ThreadId(t as u32);
        let l = self.lock_state(lock);
        // The waiter's first acquire happens while the thread still holds the Condition's lock.
        l.state.can_acquire(me)
            && l.guard.is_none_or(|g| {
                let g = &self.lock_state(g).state;
                g.can_acquire(me) || g.owner == Some(me)
            })
    }

    fn deadline_status(&self, deadline: Option<VirtualTime>) -> ThreadStatus {
        match deadline {
            Some(d) if self.now >= d || self.options.free_time => ThreadStatus::Enabled,
            d => ThreadStatus::Blocked { deadline: d },
        }
    }
}

impl Thread {
    fn obs_exit_started(&self) -> bool {
        self.wait_line == u32::MAX
    }
    fn mark_exit_started(&mut self) {
        self.wait_line = u32::MAX;
    }
}

impl StepMachine for Machine {
    fn thread_count(&self) -> usize {
        self.threads.len()
    }
    fn status(&self, thread: ThreadId) -> ThreadStatus {
        self.thread_status(thread.index())
    }
    fn pending(&self, thread: ThreadId) -> Option<Operation> {
        match &self.threads[thread.index()].pending {
            Pending::Nothing => None,
            Pending::Op(op) | Pending::Exit(op) => Some(*op),
            Pending::Acquire { op, .. } | Pending::Join { op, .. } => Some(*op),
            Pending::Sleep { .. } => Some(Operation::LOCAL),
        }
    }
    fn step(&mut self, thread: ThreadId) {
        self.current = thread.index();
        self.steps += 1;
        self.looped = false;
        self.obs.begin_step(thread.index());
        self.perform_pending();
        self.count_work(thread.index());
    }
    fn advance_clock(&mut self) -> bool {
        let mut next: Option<VirtualTime> = None;
        for (i, _) in self.threads.iter().enumerate() {
            let d = match self.thread_status(i) {
                ThreadStatus::Sleeping { until } => Some(until),
                ThreadStatus::Blocked { deadline } => deadline,
                _ => None,
            };
            if let Some(d) = d {
                if d > self.now {
                    next = Some(next.map_or(d, |n: VirtualTime| n.min(d)));
                }
            }
        }
        match next {
            Some(n) => {
                self.now = n;
                self.clock_advanced();
                true
            }
            None => false,
        }
    }
    fn is_finished(&self) -> bool {
        self.finished
    }
    fn limit_reached(&self) -> Option<weft_core::LimitHit> {
        self.halted
    }
    fn now(&self) -> VirtualTime {
        self.now
    }
}
