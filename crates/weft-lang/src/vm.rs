//! The interpreter: a [`Machine`] is one execution of a program, with Python threads as green
//! threads. Each thread runs its invisible work (locals, arithmetic, calls of its own functions)
//! freely and stops in front of its next visible operation (see `visible.rs`), which the scheduler
//! then grants. Frames live in an explicit stack, so Python recursion never grows weft's own stack.

use crate::code::{Code, Instr};
use crate::program::ProgramData;
use crate::types::Ty;
use crate::value::*;
use std::sync::Arc;
use weft_core::{Operation, VirtualTime};

pub type PyResult<T> = Result<T, Value>;

/// At most this many frames per thread (CPython's default recursion limit).
pub const RECURSION_LIMIT: usize = 1000;
/// Builtins that call back into Python (sort keys, `__eq__`, ...) nest at most this deep.
/// (Each level is a Python frame plus the builtin's own Rust frames, on the command thread's
/// large stack: a 100-deep chain of `__repr__` or `__hash__` calls, ordinary in CPython, fits.)
pub const NESTED_LIMIT: usize = 300;

#[derive(Clone, Debug)]
pub enum BlockKind {
    Except,
    Finally,
    With,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    pub stack_level: usize,
    pub handling_level: usize,
}

/// What to do with a frame's return value.
#[derive(Clone, Debug)]
pub enum OnReturn {
    Push,
    Discard,
    /// `__init__` of a new instance: check it returned None, then push the instance.
    Init(Value),
    /// A class body: build the class from its namespace.
    ClassBody {
        name: Arc<str>,
        bases: Vec<Value>,
        namespace: ObjId,
    },
    /// A call made by a builtin on weft's own stack: return the value to it.
    Nested,
    /// A generator frame resumed by `ForIter` (exhaustion jumps to the target) or by `next()`.
    Generator {
        gen: ObjId,
        for_exit: Option<u32>,
    },
    /// A generator frame resumed by a `next(gen[, default])` call of Python code: a yield pushes
    /// the value for the caller (like a return), exhaustion pushes `default` or raises
    /// StopIteration in the caller. The generator runs as scheduled frames, so it may block.
    GeneratorNext {
        gen: ObjId,
        default: Option<Value>,
    },
    /// A user iterator's `__next__` called by `ForIter`: its result is the loop's next item, and
    /// StopIteration escaping it ends the loop (jumps to `exit`).
    ForNext {
        exit: u32,
    },
    /// The bottom frame of a thread.
    ThreadBottom,
}

#[derive(Clone, Debug)]
pub struct Frame {
    pub code: Arc<Code>,
    pub pc: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    /// Cells: the code's cellvars, then its freevars.
    pub cells: Vec<ObjId>,
    pub blocks: Vec<Block>,
    /// The namespace dict of a class body being executed.
    pub namespace: Option<ObjId>,
    pub globals: ObjId,
    pub on_return: OnReturn,
    pub handling_base: usize,
}

#[derive(Clone, Debug)]
pub struct Generator {
    pub frame: Option<Frame>,
    pub running: bool,
}

/// What a thread waits to do: the pending visible operation, and what enables it.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// The thread has finished.
    Nothing,
    /// The instruction at pc is visible; it can always be performed.
    Op(Operation),
    /// A lock acquire: enabled when the lock can be taken, or when the deadline has passed.
    Acquire {
        lock: ObjId,
        deadline: Option<VirtualTime>,
        op: Operation,
    },
    /// A join: enabled when the thread has finished, or when the deadline has passed.
    Join {
        thread: usize,
        deadline: Option<VirtualTime>,
        op: Operation,
    },
    /// `time.sleep`: enabled when virtual time reaches `until`.
    Sleep { until: VirtualTime },
    /// The end of the thread: writes its thread location.
    Exit(Operation),
}

#[derive(Clone, Debug)]
pub struct Thread {
    pub frames: Vec<Frame>,
    pub pending: Pending,
    pub finished: bool,
    /// The Python `Thread` object (None for a main thread that never touched threading).
    pub obj: Option<ObjId>,
    pub daemon: bool,
    pub handling: Vec<Value>,
    pub allocations: u64,
    /// The program's locks this thread holds, in acquisition order (internal locks not listed).
    pub held_locks: Vec<ObjId>,
    pub clock: weft_core::VectorClock,
    /// The exception that ended the thread, if any (for the main thread: printed at exit).
    pub uncaught: Option<Value>,
    /// Set when the thread's timed wait ran out (the blocking call returns False).
    pub timed_out: bool,
    pub nested: usize,
    /// The site where the thread waits (for reports).
    pub wait_line: u32,
    /// `--switch-points=gil`: a checkpoint was passed since the thread's last switch point.
    pub gil_checkpoint: bool,
    /// The rest of a `print` (to stderr?, text): CPython writes each argument, separator and
    /// end with its own `write` call, and another thread may print in between.
    pub pending_writes: Vec<(bool, Arc<str>)>,
    /// The operation of the step this thread is performing inside the prelude, while it runs
    /// the prelude (see `Machine::in_section`): the prelude's further synchronisation that this
    /// operation covers joins the step instead of becoming steps of its own.
    pub section: Option<Operation>,
    /// The trace row of the prelude call the thread is in (its index), and the depth of the
    /// call's frame: the row's effect gets the call's result when it returns to the program.
    pub section_row: Option<(usize, usize)>,
    /// The timed wait the thread is in, counting the other threads' work (`worktime.rs`).
    pub timed_wait: Option<crate::worktime::TimedWait>,
}

impl Thread {
    pub fn new(obj: Option<ObjId>, daemon: bool) -> Thread {
        Thread {
            frames: Vec::new(),
            pending: Pending::Nothing,
            finished: false,
            obj,
            daemon,
            handling: Vec::new(),
            allocations: 0,
            held_locks: Vec::new(),
            clock: weft_core::VectorClock::new(),
            uncaught: None,
            timed_out: false,
            nested: 0,
            wait_line: 0,
            gil_checkpoint: true,
            pending_writes: Vec::new(),
            section: None,
            section_row: None,
            timed_wait: None,
        }
    }
}

/// The operation a pending step announces, when it has one.
pub fn pending_operation(pending: &Pending) -> Option<Operation> {
    match pending {
        Pending::Op(op) | Pending::Acquire { op, .. } | Pending::Join { op, .. } => Some(*op),
        Pending::Nothing | Pending::Sleep { .. } | Pending::Exit(_) => None,
    }
}

/// Whether `covering` announces everything `op` touches: each of `op`'s locations is one of
/// its locations or a part of one, accessed no more strongly.
pub fn covers(covering: &Operation, op: &Operation) -> bool {
    op.accesses().all(|(l, a)| {
        covering.accesses().any(|(c, ca)| {
            c.object == l.object
                && (c.part.is_none() || c.part == l.part)
                && (a == weft_core::Access::Read || ca == weft_core::Access::Write)
        })
    })
}

/// How one instruction ended.
pub enum Flow {
    Continue,
    /// The thread stopped in front of a visible operation.
    Stop,
    /// A frame with `OnReturn::Nested` returned this value.
    NestedReturn(Value),
    /// An exception escaped a frame with `OnReturn::Nested`.
    NestedError(Value),
    /// The thread's bottom frame finished (normally or with the thread's uncaught exception).
    ThreadDone,
    /// The machine halted at a limit (`limits.rs`): nothing more runs in this execution.
    Halt,
}

#[derive(Clone, Debug)]
pub struct Machine {
    pub prog: Arc<ProgramData>,
    pub heap: Vec<HeapObj>,
    pub threads: Vec<Thread>,
    pub now: VirtualTime,
    pub stdout: String,
    pub stderr: String,
    pub main_module: ObjId,
    /// Imported modules by name.
    pub modules: Vec<(Arc<str>, Value)>,
    pub rng: rand_chacha::ChaCha8Rng,
    /// Set while a visible operation granted by the scheduler is being performed.
    pub granted: bool,
    pub current: usize,
    pub steps: usize,
    pub finished: bool,
    pub exit_status: i32,
    pub obs: crate::observe::Observations,
    pub options: crate::program::RunOptions,
    pub lock_ordinals: Vec<(u32, u32)>,
    /// Set when a thread jumps backwards; cleared at the start of each step (`statehash.rs`).
    pub looped: bool,
    /// Instructions executed since the last state hash (`statehash.rs`).
    pub work: u64,
    /// Instructions executed (and native work charged) in this execution, against
    /// `RunOptions::max_instructions` (`limits.rs`). Not part of the state hash.
    pub instructions: u64,
    /// How deep natives recurse over nested data right now (`limits.rs`: NATIVE_DEPTH_LIMIT).
    pub native_depth: usize,
    /// Set when the execution stopped at a limit inside a step (`limits.rs`).
    pub halted: Option<weft_core::LimitHit>,
    /// The garbage collector's state (`gc.rs`).
    pub gc: crate::gc::GcState,
    pub prog_counter: u32,
    /// Vector clocks of objects synchronised through `_weft.hb_release`/`hb_acquire`.
    pub sync_clocks: Vec<(ObjId, weft_core::VectorClock)>,
    /// The footprint assertion's record of the instruction being checked (`footprint.rs`).
    pub footprint: crate::footprint::Footprint,
    /// Some thread may be in a timed wait (`worktime.rs`).
    pub timed_waits: bool,
    /// `steps` at the last clock advance (`worktime.rs`).
    pub last_advance_step: usize,
}

impl Machine {
    // ------------------------------------------------------------------ heap

    pub fn alloc(&mut self, obj: Obj) -> Value {
        let t = self.current;
        let n = self.threads.get_mut(t).map(|th| {
            th.allocations += 1;
            th.allocations
        });
        let key = ((t as u64) << 40) | n.unwrap_or(self.heap.len() as u64);
        self.gc.allocations += 1;
        match self.gc.free.pop() {
            Some(slot) => {
                self.heap[slot as usize] = HeapObj { key, obj };
                Value::Obj(slot)
            }
            None => {
                self.heap.push(HeapObj { key, obj });
                Value::Obj((self.heap.len() - 1) as ObjId)
            }
        }
    }

    /// The object at `id`: a touch of its contents, as the footprint assertion counts them
    /// (`obj_kind` looks at what kind of object it is without touching it).
    pub fn obj(&self, id: ObjId) -> &Obj {
        let h = &self.heap[id as usize];
        self.footprint.touch(h.key, &h.obj);
        &h.obj
    }
    pub fn obj_mut(&mut self, id: ObjId) -> &mut Obj {
        let footprint = &self.footprint;
        let h = &mut self.heap[id as usize];
        footprint.touch(h.key, &h.obj);
        &mut h.obj
    }
    pub fn key_of(&self, id: ObjId) -> u64 {
        self.heap[id as usize].key
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        self.alloc(Obj::List(items))
    }
    pub fn new_dict(&mut self, d: Dict) -> Value {
        self.alloc(Obj::Dict(d))
    }

    // ------------------------------------------------------------------ exceptions

    /// A new exception instance of a builtin type with a message (no message: no args).
    pub fn exc(&mut self, ty: Ty, msg: impl Into<String>) -> Value {
        let msg = msg.into();
        let args = if msg.is_empty() {
            vec![]
        } else {
            vec![Value::str(&msg)]
        };
        self.exc_with_args(Value::Type(ty), args)
    }

    pub fn exc_with_args(&mut self, class: Value, args: Vec<Value>) -> Value {
        self.alloc(Obj::Instance(Box::new(Instance {
            class,
            dict: Attrs::default(),
            exc: Some(Box::new(ExcData {
                args,
                ..Default::default()
            })),
        })))
    }

    pub fn type_error(&mut self, msg: impl Into<String>) -> Value {
        self.exc(Ty::TypeError, msg)
    }

    pub fn exc_data(&self, exc: &Value) -> Option<&ExcData> {
        match exc {
            Value::Obj(id) => match self.obj(*id) {
                Obj::Instance(i) => i.exc.as_deref(),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn exc_data_mut(&mut self, exc: &Value) -> Option<&mut ExcData> {
        match exc {
            Value::Obj(id) => match self.obj_mut(*id) {
                Obj::Instance(i) => i.exc.as_deref_mut(),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether `exc` is an instance of the class `cls` (a builtin type or a user class).
    pub fn exc_matches(&self, exc: &Value, cls: &Value) -> bool {
        let exc_class = self.class_of(exc);
        match cls {
            Value::Tuple(items) => items.iter().any(|c| self.exc_matches(exc, c)),
            _ => self.is_subclass(&exc_class, cls),
        }
    }

    // ------------------------------------------------------------------ threads & frames

    pub fn frame(&self, tid: usize) -> &Frame {
        self.threads[tid]
            .frames
            .last()
            .expect("a running thread has a frame")
    }
    pub fn frame_mut(&mut self, tid: usize) -> &mut Frame {
        self.threads[tid]
            .frames
            .last_mut()
            .expect("a running thread has a frame")
    }
    pub fn push(&mut self, v: Value) {
        let t = self.current;
        self.frame_mut(t).stack.push(v);
    }
    pub fn pop(&mut self) -> Value {
        let t = self.current;
        self.frame_mut(t)
            .stack
            .pop()
            .expect("the compiler keeps the value stack balanced")
    }
    pub fn top(&self) -> &Value {
        self.frame(self.current)
            .stack
            .last()
            .expect("the compiler keeps the value stack balanced")
    }
    pub fn peek(&self, depth: usize) -> &Value {
        let s = &self.frame(self.current).stack;
        &s[s.len() - 1 - depth]
    }

    pub fn new_frame(&self, code: Arc<Code>, globals: ObjId, on_return: OnReturn) -> Frame {
        let n = code.varnames.len();
        Frame {
            code,
            pc: 0,
            stack: Vec::with_capacity(8),
            locals: vec![Value::Undef; n],
            cells: Vec::new(),
            blocks: Vec::new(),
            namespace: None,
            globals,
            on_return,
            handling_base: self
                .threads
                .get(self.current)
                .map(|t| t.handling.len())
                .unwrap_or(0),
        }
    }

    /// Push a frame on the current thread, checking the recursion limit.
    pub fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        let t = self.current;
        if self.threads[t].frames.len() >= RECURSION_LIMIT {
            return Err(self.exc(Ty::RecursionError, "maximum recursion depth exceeded"));
        }
        self.threads[t].frames.push(frame);
        Ok(())
    }

    pub fn current_line(&self, tid: usize) -> u32 {
        match self.threads[tid].frames.last() {
            Some(f) => f.code.line_of(f.pc),
            None => 0,
        }
    }

    /// The innermost frame of user (non-internal) code of a thread: its code and line.
    pub fn user_site(&self, tid: usize) -> Option<(Arc<Code>, u32)> {
        self.threads[tid]
            .frames
            .iter()
            .rev()
            .find(|f| self.prog.is_user_code(&f.code))
            .map(|f| (f.code.clone(), f.code.line_of(f.pc)))
    }

    // ------------------------------------------------------------------ the run loop

    /// Run the current thread until it stops in front of a visible operation or ends.
    pub fn run_thread(&mut self) {
        loop {
            self.collect_garbage_if_due();
            match self.exec_one(false) {
                Flow::Continue => {}
                Flow::Stop => return,
                Flow::ThreadDone => {
                    self.thread_done();
                    return;
                }
                Flow::Halt => return,
                Flow::NestedReturn(_) | Flow::NestedError(_) => {
                    unreachable!("a nested frame returns only inside run_nested")
                }
            }
        }
    }

    /// Run frames pushed by a builtin until the frame marked `OnReturn::Nested` returns.
    /// Visible operations inside are performed at once (the callback is atomic).
    pub fn run_nested(&mut self) -> PyResult<Value> {
        let t = self.current;
        if self.threads[t].nested >= NESTED_LIMIT {
            let exc = self.exc(Ty::RecursionError, "maximum recursion depth exceeded");
            // The frame the caller pushed for this call never runs: unwinding it hands the
            // exception back to the caller (leaving it on the stack would return into a loop
            // that no longer runs).
            return match self.unwind(exc, false) {
                Flow::NestedError(e) => Err(e),
                _ => unreachable!("a frame pushed for a nested call returns to its native caller"),
            };
        }
        self.threads[t].nested += 1;
        let result = loop {
            match self.exec_one(true) {
                Flow::Continue => {}
                Flow::NestedReturn(v) => break Ok(v),
                Flow::NestedError(e) => break Err(e),
                Flow::Halt => break Err(self.halting_error()),
                Flow::Stop => unreachable!("atomic execution does not stop"),
                Flow::ThreadDone => unreachable!("the nested frame sits above the bottom frame"),
            }
        };
        self.threads[t].nested -= 1;
        result
    }

    /// Call `callable` from a builtin and run it to completion (atomically).
    pub fn call_nested(
        &mut self,
        callable: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        match self.call_value(callable.clone(), args, kwargs, OnReturn::Nested)? {
            Some(v) => Ok(v),
            None => self.run_nested(),
        }
    }

    /// Execute one instruction of the current thread.
    fn exec_one(&mut self, atomic: bool) -> Flow {
        // An instruction that user code runs inside a native (a sort key, a `__repr__`) is
        // checked in a window of its own; the enclosing native's window waits meanwhile.
        let outer = self.footprint.pause();
        let flow = self.exec_one_now(atomic);
        self.footprint.resume(outer);
        flow
    }

    fn exec_one_now(&mut self, atomic: bool) -> Flow {
        let t = self.current;
        if !self.threads[t].pending_writes.is_empty() && !atomic {
            return self.pending_write(t);
        }
        let (instr, internal) = {
            let f = self.frame(t);
            (f.code.instrs[f.pc], f.code.internal)
        };
        if !internal && self.threads[t].section.is_some() {
            // Back in user code (a return, or a callback the prelude calls): the section ends.
            self.threads[t].section = None;
            self.end_section_row(t);
        }
        let mut announced: Option<Vec<u64>> = None;
        let mut overflowed = false;
        // Classified as touching no shared state: still held to that (the footprint check).
        let mut classified_invisible = false;
        if crate::visible::may_be_visible(&instr) {
            if !atomic
                && !self.granted
                && !self.options.gil_switch_points
                && !self.options.check_footprints
                && crate::visible::is_memory_access(&instr)
                && self.runs_solo(t)
            {
                // A memory access while nothing else can run or race with it: performed without
                // being classified (the `runs_solo` case below, decided first because
                // classifying is a fifth of a lone thread's time).
            } else if let Some(c) = self.classify_full(&instr, internal) {
                // A step that reads more than it can announce is the explorer's to handle
                // (`footprint_exceeded`); every other one is checked.
                overflowed = c.access.as_ref().is_some_and(|a| a.overflow);
                if !internal && !overflowed && checks_containers(&instr) {
                    announced = Some(self.announced_objects(&c.pending));
                }
                if atomic {
                    // Performed at once; still observed (races, trace) as part of the step.
                    self.note_unannounced_access(internal, &c);
                    self.observe_access(&instr, internal, c);
                } else if self.granted {
                    self.granted = false;
                    self.threads[t].gil_checkpoint = false;
                    // A step that starts in the prelude covers the prelude's further work on
                    // what it announced, until the thread leaves the prelude or stops.
                    self.threads[t].section = if internal {
                        pending_operation(&c.pending)
                    } else {
                        None
                    };
                    self.observe_access(&instr, internal, c);
                } else if internal && self.in_section(t, &c.pending) {
                    // The prelude's synchronisation on what the step announced (a Condition's
                    // waiter lock inside `Queue.put`): part of the step, with no trace row.
                } else if self.options.gil_switch_points
                    && !self.threads[t].gil_checkpoint
                    && matches!(c.pending, Pending::Op(_))
                {
                    // --switch-points=gil: no checkpoint since this thread last ran a switch
                    // point, so CPython's GIL cannot hand over here; the operation joins the step.
                    self.note_unannounced_access(internal, &c);
                    self.observe_access(&instr, internal, c);
                } else if c.access.is_some() && self.runs_solo(t) {
                    // A memory access while nothing else can run or race with it: no choice
                    // point, no race check, no trace line (see `runs_solo`).
                } else {
                    self.threads[t].pending = c.pending;
                    self.threads[t].section = None;
                    self.begin_timed_wait(t);
                    return Flow::Stop;
                }
            } else {
                classified_invisible = true;
            }
        }
        if !self.count_instruction() {
            return Flow::Halt;
        }
        let pc = self.frame(t).pc;
        let frames = self.threads[t].frames.len();
        self.frame_mut(t).pc += 1;
        self.work += 1;
        // Compiler temporaries the instruction fills or consumes (the list a display or a
        // `*args` call builds) are the thread's own.
        if let Some(announced) = announced.as_mut() {
            announced.extend(self.temporaries(&instr));
        }
        let window = match announced {
            Some(announced) => Some(self.open_footprint(announced)),
            None if (classified_invisible || self.options.check_footprints)
                && !internal
                && !overflowed
                && checks_containers(&instr) =>
            {
                Some(self.open_footprint(self.temporaries(&instr)))
            }
            None => None,
        };
        let result = self.exec_instr(instr);
        if let Some(window) = window {
            // An instruction that raises is not held to its footprint: its error path looks at
            // the kinds of its operands (`pow([1], [1])`), which reads nothing another thread
            // could change between the step and the error.
            if let Some(overrun) = self.close_footprint(window, result.is_err()) {
                if self.options.check_footprints {
                    let (code, line) = self.user_site(t).unwrap_or((self.frame(t).code.clone(), 0));
                    panic!(
                        "footprint overrun: {instr:?} at {}:{line} {overrun}",
                        code.file
                    );
                }
                self.note_footprint_overrun();
            }
        }
        if self.is_halted() {
            // A native stopped at a limit (or swallowed the error it got): no handler runs.
            return Flow::Halt;
        }
        if self.options.gil_switch_points && !atomic {
            self.note_gil_checkpoint(t, &instr, pc, frames);
        }
        match result {
            Ok(flow) => flow,
            Err(exc) => {
                self.set_context(&exc);
                self.unwind(exc, true)
            }
        }
    }

    /// The heap keys of the compiler temporaries `instr` works on: the display a `ListExtend`,
    /// `SetUpdate` or `DictUpdate` fills, the argument list and keyword dict of a `CallEx`.
    fn temporaries(&self, instr: &Instr) -> Vec<u64> {
        let s = &self.frame(self.current).stack;
        let n = s.len();
        let at = |depth: usize| match n.checked_sub(depth).and_then(|i| s.get(i)) {
            Some(Value::Obj(id)) => Some(self.key_of(*id)),
            _ => None,
        };
        match instr {
            Instr::ListExtend(d) | Instr::SetUpdate(d) | Instr::DictUpdate(d) => {
                at(*d as usize + 1).into_iter().collect()
            }
            Instr::CallEx(true) => at(1).into_iter().chain(at(2)).collect(),
            Instr::CallEx(false) => at(1).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The next piece of a `print` another thread may interleave with: a visible write.
    fn pending_write(&mut self, t: usize) -> Flow {
        let to_stderr = self.threads[t].pending_writes[0].0;
        if !self.granted {
            let loc = if to_stderr {
                crate::threads::STDERR_LOCATION
            } else {
                crate::threads::STDOUT_LOCATION
            };
            self.threads[t].pending =
                Pending::Op(weft_core::Operation::write(weft_core::Location::whole(loc)));
            return Flow::Stop;
        }
        self.granted = false;
        let (to_stderr, text) = self.threads[t].pending_writes.remove(0);
        if self.options.record_trace {
            self.trace_print_piece(t);
        }
        self.write_output(&text, to_stderr);
        Flow::Continue
    }

    /// Jump to `target`; a backward jump (a loop going round) may close a cycle of states.
    #[inline]
    pub fn jump(&mut self, t: usize, target: u32) {
        let frame = self.frame_mut(t);
        if (target as usize) < frame.pc {
            self.looped = true;
        }
        self.frame_mut(t).pc = target as usize;
    }

    /// Whether thread `t` runs alone: every other thread has finished and everything it did
    /// happens before `t`'s present (joined, directly or through others), and threads not yet
    /// started will start after it. Then no other thread's operation can be reordered with, or
    /// race with, what `t` does next: its visible operations need no choice point and no race
    /// check (before the first `start()` and after the last `join()` of a typical program).
    pub(crate) fn runs_solo(&self, t: usize) -> bool {
        let me = &self.threads[t].clock;
        self.threads.iter().enumerate().all(|(u, th)| {
            let id = weft_core::ThreadId(u as u32);
            u == t || (th.finished && me.get(id) >= th.clock.get(id))
        })
    }

    /// CPython 3.12's eval-breaker checkpoints: a taken loop back-edge, entry of a Python frame,
    /// the return of a call into C (section 1.2 of the semantics reference).
    fn note_gil_checkpoint(&mut self, t: usize, instr: &Instr, pc: usize, frames_before: usize) {
        let Some(th) = self.threads.get_mut(t) else {
            return;
        };
        let now_frames = th.frames.len();
        let checkpoint = match instr {
            Instr::Jump(target) => (*target as usize) <= pc,
            Instr::Call(_)
            | Instr::CallKw(..)
            | Instr::CallMethod(_)
            | Instr::CallEx(_)
            | Instr::WithEnter
            | Instr::WithExit => now_frames >= frames_before,
            _ => false,
        };
        if checkpoint {
            th.gil_checkpoint = true;
        }
    }

    /// Propagate `exc` from the current frame outwards to the nearest handler.
    pub fn unwind(&mut self, exc: Value, add_current: bool) -> Flow {
        let t = self.current;
        let mut add = add_current;
        loop {
            let Some(frame) = self.threads[t].frames.last() else {
                unreachable!("unwinding past the bottom frame")
            };
            if add {
                // The instruction that raised is at pc - 1.
                let line = frame.code.line_of(frame.pc.saturating_sub(1));
                let entry = TbEntry {
                    code: frame.code.clone(),
                    line,
                };
                if let Some(d) = self.exc_data_mut(&exc) {
                    d.traceback.insert(0, entry);
                }
            }
            add = true;
            let frame = self.threads[t].frames.last_mut().unwrap();
            if let Some(block) = frame.blocks.pop() {
                frame.stack.truncate(block.stack_level);
                frame.stack.push(exc);
                frame.pc = block.handler as usize;
                let level = block.handling_level;
                self.threads[t].handling.truncate(level);
                return Flow::Continue;
            }
            let frame = self.threads[t].frames.pop().unwrap();
            self.threads[t].handling.truncate(frame.handling_base);
            match frame.on_return {
                OnReturn::Nested => return Flow::NestedError(exc),
                OnReturn::ThreadBottom => {
                    self.threads[t].uncaught = Some(exc);
                    return Flow::ThreadDone;
                }
                OnReturn::Generator { gen, for_exit } => {
                    if let Obj::Generator(g) = self.obj_mut(gen) {
                        g.running = false;
                        g.frame = None;
                    }
                    if for_exit.is_none() {
                        return Flow::NestedError(exc);
                    }
                }
                OnReturn::GeneratorNext { gen, .. } => {
                    if let Obj::Generator(g) = self.obj_mut(gen) {
                        g.running = false;
                        g.frame = None;
                    }
                }
                OnReturn::ForNext { exit }
                    if self.exc_matches(&exc, &Value::Type(Ty::StopIteration)) =>
                {
                    let f = self.frame_mut(t);
                    f.stack.pop();
                    f.pc = exit as usize;
                    return Flow::Continue;
                }
                _ => {}
            }
        }
    }

    /// Return `value` from the current frame.
    pub fn do_return(&mut self, value: Value) -> PyResult<Flow> {
        let t = self.current;
        let frame = self.threads[t].frames.pop().unwrap();
        self.threads[t].handling.truncate(frame.handling_base);
        match frame.on_return {
            OnReturn::Push | OnReturn::ForNext { .. } => self.push(value),
            OnReturn::Discard => {}
            OnReturn::Init(instance) => {
                if !value.is_none() {
                    let tn = self.type_name(&value);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{tn}'"))
                    );
                }
                self.push(instance);
            }
            OnReturn::ClassBody {
                name,
                bases,
                namespace,
            } => {
                let class = self.build_class(name, bases, namespace, &frame.globals)?;
                // The body returned its `__class__` cell (or None): fill it.
                if let Value::Obj(cell) = value {
                    if let Obj::Cell(c) = self.obj_mut(cell) {
                        *c = class.clone();
                    }
                }
                self.push(class);
            }
            OnReturn::Nested => return Ok(Flow::NestedReturn(value)),
            OnReturn::Generator { gen, for_exit } => {
                if let Obj::Generator(g) = self.obj_mut(gen) {
                    g.running = false;
                    g.frame = None;
                }
                match for_exit {
                    Some(exit) => {
                        let f = self.frame_mut(t);
                        f.stack.pop();
                        f.pc = exit as usize;
                    }
                    None => {
                        // `return value` in a generator: StopIteration(value).
                        let args = if value.is_none() { vec![] } else { vec![value] };
                        let stop = self.exc_with_args(Value::Type(Ty::StopIteration), args);
                        return Ok(Flow::NestedError(stop));
                    }
                }
            }
            OnReturn::GeneratorNext { gen, default } => {
                if let Obj::Generator(g) = self.obj_mut(gen) {
                    g.running = false;
                    g.frame = None;
                }
                match default {
                    Some(d) => self.push(d),
                    None => {
                        let args = if value.is_none() { vec![] } else { vec![value] };
                        return Err(self.exc_with_args(Value::Type(Ty::StopIteration), args));
                    }
                }
            }
            OnReturn::ThreadBottom => return Ok(Flow::ThreadDone),
        }
        Ok(Flow::Continue)
    }

    /// `yield value` from the current (generator) frame.
    pub fn do_yield(&mut self, value: Value) -> PyResult<Flow> {
        let t = self.current;
        let frame = self.threads[t].frames.pop().unwrap();
        let (gen, gen_mode) = match frame.on_return {
            OnReturn::Generator { gen, for_exit } => (gen, for_exit),
            // `next(gen)` from Python code: the yielded value is the call's result.
            OnReturn::GeneratorNext { gen, .. } => (gen, Some(0)),
            _ => return Err(self.exc(Ty::RuntimeError, "yield outside a generator frame")),
        };
        if let Obj::Generator(g) = self.obj_mut(gen) {
            g.running = false;
            g.frame = Some(frame);
        }
        if gen_mode.is_none() {
            return Ok(Flow::NestedReturn(value));
        }
        self.push(value);
        Ok(Flow::Continue)
    }

    /// Resume generator `gen` for `next(gen[, default])` called by Python code: the generator's
    /// frame is pushed and scheduled like a call. `Some(value)` when it is already exhausted.
    pub fn resume_generator_for_next(
        &mut self,
        gen: ObjId,
        default: Option<Value>,
    ) -> PyResult<Option<Value>> {
        let frame = match self.obj_mut(gen) {
            Obj::Generator(g) => {
                if g.running {
                    return Err(self.exc(Ty::ValueError, "generator already executing"));
                }
                match g.frame.take() {
                    Some(f) => {
                        g.running = true;
                        f
                    }
                    None => {
                        return match default {
                            Some(d) => Ok(Some(d)),
                            None => Err(self.exc(Ty::StopIteration, "")),
                        }
                    }
                }
            }
            _ => unreachable!("resume_generator_for_next on a generator"),
        };
        self.push_resumed_frame(frame, OnReturn::GeneratorNext { gen, default })?;
        Ok(None)
    }

    /// Push a suspended generator frame to run again with `on_return`.
    fn push_resumed_frame(&mut self, mut frame: Frame, on_return: OnReturn) -> PyResult<()> {
        // Resuming after a `yield`: the yield expression evaluates to None (no `send`).
        if frame.pc > 0 && matches!(frame.code.instrs[frame.pc - 1], Instr::Yield) {
            frame.stack.push(Value::None);
        }
        frame.on_return = on_return;
        frame.handling_base = self.threads[self.current].handling.len();
        self.push_frame(frame)
    }

    /// Resume generator `gen`: for a ForIter (`for_exit` Some) or for a nested `next()`.
    pub fn resume_generator(
        &mut self,
        gen: ObjId,
        for_exit: Option<u32>,
    ) -> PyResult<Option<Value>> {
        let frame = match self.obj_mut(gen) {
            Obj::Generator(g) => {
                if g.running {
                    return Err(self.exc(Ty::ValueError, "generator already executing"));
                }
                match g.frame.take() {
                    Some(f) => {
                        g.running = true;
                        f
                    }
                    None => {
                        return match for_exit {
                            Some(exit) => {
                                let t = self.current;
                                let f = self.frame_mut(t);
                                f.stack.pop();
                                f.pc = exit as usize;
                                Ok(None)
                            }
                            None => Err(self.exc(Ty::StopIteration, "")),
                        }
                    }
                }
            }
            _ => unreachable!("resume_generator on a generator"),
        };
        self.push_resumed_frame(frame, OnReturn::Generator { gen, for_exit })?;
        if for_exit.is_some() {
            return Ok(None);
        }
        self.run_nested().map(Some)
    }
}

/// The instructions whose footprint the assertion checks: those that may touch a container's
/// contents. Name and attribute accesses touch namespaces, cells and instances (a container's
/// attribute is found by its type), which their own locations name.
fn checks_containers(instr: &Instr) -> bool {
    crate::visible::may_be_visible(instr)
        && !crate::visible::is_name_access(instr)
        && !matches!(
            instr,
            Instr::LoadAttr(_) | Instr::LoadMethod(_) | Instr::StoreAttr(_) | Instr::DeleteAttr(_)
        )
}
