//! A toy threaded language for testing explorers without the Python interpreter: threads are
//! little programs over shared integer variables, array elements and locks, with registers,
//! jumps, assertions, prints, spawn/join, sleep and a blocking `await`. It implements
//! [`StepMachine`], [`Observe`] and [`Program`] exactly as a language must (the weft-core
//! contract), including a vector-clock data-race detector, lock-order edges, blocked-thread
//! diagnoses and a state hash, so other crates' tests can use it too.
//!
//! Visible operations and their locations: a scalar variable is one whole object; an array is one
//! object whose elements are its parts; a lock, a thread and stdout are objects of their own.
//! Lock and unlock write the lock; spawn and exit write the thread; join reads it; `await` reads
//! its variable and is enabled only while the variable has the awaited value; print writes stdout;
//! sleep touches nothing shared. Register arithmetic, jumps and assertions are invisible.

use std::cell::OnceCell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use weft_core::observe::{
    AccessSite, BlockedThread, Failure, LockEdge, LockId, Observe, Program, Race, SourceSite,
    TraceEvent, WaitTarget,
};
use weft_core::{
    Location, Operation, StepMachine, ThreadId, ThreadStatus, VectorClock, VirtualTime,
};

/// A register index (each thread has [`REGISTERS`] registers, all starting at 0).
pub type Reg = u8;
pub const REGISTERS: usize = 8;

/// The most invisible instructions a thread may run between two visible operations.
const MAX_LOCAL_STEPS: usize = 100_000;

const OBJECT_LOCK_BASE: u64 = 1 << 40;
const OBJECT_THREAD_BASE: u64 = 2 << 40;
const OBJECT_STDOUT: u64 = 3 << 40;

/// A shared variable: a scalar, or an array whose elements are separate locations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var(pub u32);

/// A lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lock(pub u32);

/// A place in shared memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Scalar(Var),
    Element(Var, Index),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Index {
    Const(u32),
    Reg(Reg),
}

/// A value to write or compare: a constant, or a register plus a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Const(i64),
    Reg(Reg, i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Ge,
}

impl Cmp {
    fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
            Cmp::Lt => a < b,
            Cmp::Ge => a >= b,
        }
    }
    fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Ge => ">=",
        }
    }
}

/// One instruction of a toy thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instr {
    /// Visible: read `place` into `reg`.
    Read { reg: Reg, place: Place },
    /// Visible: write `value` to `place`.
    Write { place: Place, value: Value },
    /// Visible: acquire (blocks while held; not reentrant).
    Acquire(Lock),
    /// Visible: release (a RuntimeError if the lock is not held).
    Release(Lock),
    /// Visible: acquire without blocking; `reg` becomes 1 on success, 0 otherwise.
    TryAcquire(Lock, Reg),
    /// Visible: blocks until `place` holds `value` (a read of `place`).
    Await { place: Place, value: i64 },
    /// Visible: print `text` followed by the listed registers and a newline.
    Print { text: String, regs: Vec<Reg> },
    /// Visible (a write of stdout): print every variable's current value. The values are read
    /// without visible reads, so use it only where no other thread can write (after joining all).
    PrintVars,
    /// Visible: start a new thread running code `code`.
    Spawn { code: u32, daemon: bool },
    /// Visible: wait for thread `thread` to finish.
    Join(ThreadId),
    /// Visible (touches nothing shared): sleep `nanos` of virtual time.
    Sleep { nanos: u64 },
    /// Invisible: `reg = value`.
    Set { reg: Reg, value: Value },
    /// Invisible: jump to `target` when `reg cmp value`.
    JumpIf {
        reg: Reg,
        cmp: Cmp,
        value: i64,
        target: u32,
    },
    /// Invisible: jump to `target`.
    Jump(u32),
    /// Invisible: raise AssertionError(`message`) unless `reg cmp value`.
    Assert {
        reg: Reg,
        cmp: Cmp,
        value: i64,
        message: String,
    },
    /// Invisible: raise an exception of type `exception` with `message`.
    Raise { exception: String, message: String },
}

impl Instr {
    fn is_visible(&self) -> bool {
        !matches!(
            self,
            Instr::Set { .. }
                | Instr::JumpIf { .. }
                | Instr::Jump(_)
                | Instr::Assert { .. }
                | Instr::Raise { .. }
        )
    }
}

#[derive(Clone, Debug)]
struct VarDecl {
    name: String,
    len: u32,
    is_array: bool,
    init: i64,
}

#[derive(Clone, Debug)]
struct Code {
    name: String,
    instrs: Vec<Instr>,
    /// The source line of instruction 0 (instructions are numbered consecutively from it).
    first_line: u32,
}

#[derive(Debug)]
struct ProgramData {
    file: String,
    /// The source site of each line (index = line number).
    sites: Vec<SourceSite>,
    history_in_stdout: bool,
    vars: Vec<VarDecl>,
    var_offsets: Vec<usize>,
    locks: Vec<String>,
    codes: Vec<Code>,
}

impl ProgramData {
    fn line_text(&self, line: u32) -> String {
        for code in &self.codes {
            let end = code.first_line + code.instrs.len() as u32;
            if line >= code.first_line && line < end {
                return self.describe(&code.instrs[(line - code.first_line) as usize]);
            }
            if line == end {
                return format!("end of {}", code.name);
            }
        }
        String::new()
    }

    fn describe(&self, instr: &Instr) -> String {
        let place = |p: &Place| self.place_text(p, None);
        match instr {
            Instr::Read { reg, place: p } => format!("r{} = {}", reg, place(p)),
            Instr::Write { place: p, value } => format!("{} = {}", place(p), value_text(value)),
            Instr::Acquire(l) => format!("{}.acquire()", self.locks[l.0 as usize]),
            Instr::Release(l) => format!("{}.release()", self.locks[l.0 as usize]),
            Instr::TryAcquire(l, r) => format!(
                "r{} = {}.acquire(blocking=False)",
                r, self.locks[l.0 as usize]
            ),
            Instr::Await { place: p, value } => format!("await {} == {}", place(p), value),
            Instr::Print { text, .. } => format!("print({:?})", text),
            Instr::PrintVars => "print(vars)".into(),
            Instr::Spawn { code, .. } => {
                format!("start {}", self.codes[*code as usize].name)
            }
            Instr::Join(t) => format!("join thread {}", t),
            Instr::Sleep { nanos } => format!("sleep({})", VirtualTime(*nanos).as_seconds()),
            Instr::Set { reg, value } => format!("r{} = {}", reg, value_text(value)),
            Instr::JumpIf {
                reg,
                cmp,
                value,
                target,
            } => format!("if r{} {} {}: goto {}", reg, cmp.symbol(), value, target),
            Instr::Jump(target) => format!("goto {}", target),
            Instr::Assert {
                reg, cmp, value, ..
            } => format!("assert r{} {} {}", reg, cmp.symbol(), value),
            Instr::Raise { exception, .. } => format!("raise {}", exception),
        }
    }

    fn place_text(&self, p: &Place, regs: Option<&[i64; REGISTERS]>) -> String {
        match p {
            Place::Scalar(v) => self.vars[v.0 as usize].name.clone(),
            Place::Element(v, i) => {
                let name = &self.vars[v.0 as usize].name;
                match (i, regs) {
                    (Index::Const(c), _) => format!("{}[{}]", name, c),
                    (Index::Reg(r), Some(regs)) => format!("{}[{}]", name, regs[*r as usize]),
                    (Index::Reg(r), None) => format!("{}[r{}]", name, r),
                }
            }
        }
    }
}

/// A compiled toy program (cheap to clone; shared by every execution).
#[derive(Clone, Debug)]
pub struct ToyProgram {
    data: Arc<ProgramData>,
}

/// Builds a toy program. Code 0 is the main thread.
pub struct ToyBuilder {
    file: String,
    history_in_stdout: bool,
    vars: Vec<VarDecl>,
    locks: Vec<String>,
    codes: Vec<Option<Code>>,
    spawned_by_main: u32,
}

/// A jump target, placed with [`CodeBuilder::place`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(usize);

/// Builds one thread's code.
pub struct CodeBuilder {
    instrs: Vec<Instr>,
    labels: Vec<Option<u32>>,
    fixups: Vec<(usize, Label)>,
}

impl ToyBuilder {
    pub fn new(file: &str) -> Self {
        ToyBuilder {
            file: file.to_string(),
            history_in_stdout: false,
            vars: Vec::new(),
            locks: Vec::new(),
            codes: vec![None],
            spawned_by_main: 0,
        }
    }

    /// Makes `stdout()` end with every thread's history (each visible operation and its effect,
    /// per thread): two executions of the same Mazurkiewicz trace have the same history, so tests
    /// can compare the traces strategies cover, not only their outputs.
    pub fn history_in_stdout(&mut self) -> &mut Self {
        self.history_in_stdout = true;
        self
    }

    pub fn var(&mut self, name: &str, init: i64) -> Var {
        self.vars.push(VarDecl {
            name: name.to_string(),
            len: 1,
            is_array: false,
            init,
        });
        Var(self.vars.len() as u32 - 1)
    }

    pub fn array(&mut self, name: &str, len: u32, init: i64) -> Var {
        self.vars.push(VarDecl {
            name: name.to_string(),
            len,
            is_array: true,
            init,
        });
        Var(self.vars.len() as u32 - 1)
    }

    pub fn lock(&mut self, name: &str) -> Lock {
        self.locks.push(name.to_string());
        Lock(self.locks.len() as u32 - 1)
    }

    /// Declares a thread body; returns its code number for [`CodeBuilder::spawn`].
    pub fn code(&mut self, name: &str, body: impl FnOnce(&mut CodeBuilder)) -> u32 {
        let code = finish(name, body);
        self.codes.push(Some(code));
        self.codes.len() as u32 - 1
    }

    /// The main thread's body.
    pub fn main(&mut self, body: impl FnOnce(&mut CodeBuilder)) {
        self.codes[0] = Some(finish("main", body));
    }

    /// The thread id the next thread spawned gets, when only main spawns (ids follow creation).
    pub fn next_thread_id(&mut self) -> ThreadId {
        self.spawned_by_main += 1;
        ThreadId(self.spawned_by_main)
    }

    /// A main thread that starts each of `codes` in order, joins them in order, then prints every
    /// variable (the program's outcome).
    pub fn main_spawning(&mut self, codes: &[u32]) {
        let codes = codes.to_vec();
        self.main(|m| {
            let ids: Vec<ThreadId> = codes.iter().map(|&c| m.spawn(c)).collect();
            for id in ids {
                m.join(id);
            }
            m.print_vars();
        });
    }

    pub fn build(self) -> ToyProgram {
        let mut codes: Vec<Code> = self
            .codes
            .into_iter()
            .map(|c| {
                c.unwrap_or(Code {
                    name: "main".into(),
                    instrs: Vec::new(),
                    first_line: 0,
                })
            })
            .collect();
        let mut line = 1;
        for code in &mut codes {
            code.first_line = line;
            line += code.instrs.len() as u32 + 1;
        }
        let mut var_offsets = Vec::new();
        let mut offset = 0;
        for v in &self.vars {
            var_offsets.push(offset);
            offset += v.len as usize;
        }
        let mut data = ProgramData {
            file: self.file,
            history_in_stdout: self.history_in_stdout,
            vars: self.vars,
            var_offsets,
            locks: self.locks,
            codes,
            sites: Vec::new(),
        };
        data.sites = (0..=line)
            .map(|l| SourceSite {
                file: data.file.clone(),
                line: l,
                text: data.line_text(l),
            })
            .collect();
        ToyProgram {
            data: Arc::new(data),
        }
    }
}

fn finish(name: &str, body: impl FnOnce(&mut CodeBuilder)) -> Code {
    let mut b = CodeBuilder {
        instrs: Vec::new(),
        labels: Vec::new(),
        fixups: Vec::new(),
    };
    body(&mut b);
    for (at, label) in std::mem::take(&mut b.fixups) {
        let target = b.labels[label.0].expect("a jump to a label that was never placed");
        match &mut b.instrs[at] {
            Instr::JumpIf { target: t, .. } | Instr::Jump(t) => *t = target,
            _ => unreachable!("fixups only point at jumps"),
        }
    }
    Code {
        name: name.to_string(),
        instrs: b.instrs,
        first_line: 0,
    }
}

impl CodeBuilder {
    fn push(&mut self, instr: Instr) -> &mut Self {
        self.instrs.push(instr);
        self
    }
    pub fn instr(&mut self, instr: Instr) -> &mut Self {
        self.push(instr)
    }
    pub fn read(&mut self, reg: Reg, place: Place) -> &mut Self {
        self.push(Instr::Read { reg, place })
    }
    pub fn write(&mut self, place: Place, value: Value) -> &mut Self {
        self.push(Instr::Write { place, value })
    }
    pub fn acquire(&mut self, lock: Lock) -> &mut Self {
        self.push(Instr::Acquire(lock))
    }
    pub fn release(&mut self, lock: Lock) -> &mut Self {
        self.push(Instr::Release(lock))
    }
    pub fn try_acquire(&mut self, lock: Lock, reg: Reg) -> &mut Self {
        self.push(Instr::TryAcquire(lock, reg))
    }
    pub fn await_value(&mut self, place: Place, value: i64) -> &mut Self {
        self.push(Instr::Await { place, value })
    }
    pub fn print(&mut self, text: &str, regs: &[Reg]) -> &mut Self {
        self.push(Instr::Print {
            text: text.to_string(),
            regs: regs.to_vec(),
        })
    }
    pub fn print_vars(&mut self) -> &mut Self {
        self.push(Instr::PrintVars)
    }
    pub fn spawn(&mut self, code: u32) -> ThreadId {
        self.spawn_with(code, false)
    }
    /// Spawns `code`, returning the id the thread gets if main is the only thread that spawns.
    pub fn spawn_with(&mut self, code: u32, daemon: bool) -> ThreadId {
        let id = 1 + self
            .instrs
            .iter()
            .filter(|i| matches!(i, Instr::Spawn { .. }))
            .count() as u32;
        self.push(Instr::Spawn { code, daemon });
        ThreadId(id)
    }
    pub fn join(&mut self, thread: ThreadId) -> &mut Self {
        self.push(Instr::Join(thread))
    }
    pub fn sleep(&mut self, seconds: f64) -> &mut Self {
        let nanos = VirtualTime::ZERO.after_seconds(seconds).0;
        self.push(Instr::Sleep { nanos })
    }
    pub fn set(&mut self, reg: Reg, value: Value) -> &mut Self {
        self.push(Instr::Set { reg, value })
    }
    pub fn assert(&mut self, reg: Reg, cmp: Cmp, value: i64, message: &str) -> &mut Self {
        self.push(Instr::Assert {
            reg,
            cmp,
            value,
            message: message.to_string(),
        })
    }
    pub fn raise(&mut self, exception: &str, message: &str) -> &mut Self {
        self.push(Instr::Raise {
            exception: exception.to_string(),
            message: message.to_string(),
        })
    }
    /// A new label, not yet placed.
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }
    /// Places `label` at the next instruction.
    pub fn place(&mut self, label: Label) -> &mut Self {
        self.labels[label.0] = Some(self.instrs.len() as u32);
        self
    }
    pub fn jump_if(&mut self, reg: Reg, cmp: Cmp, value: i64, label: Label) -> &mut Self {
        self.fixups.push((self.instrs.len(), label));
        self.push(Instr::JumpIf {
            reg,
            cmp,
            value,
            target: u32::MAX,
        })
    }
    pub fn jump(&mut self, label: Label) -> &mut Self {
        self.fixups.push((self.instrs.len(), label));
        self.push(Instr::Jump(u32::MAX))
    }
}

/// A thread of a running toy machine.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ToyThread {
    code: u32,
    pc: u32,
    regs: [i64; REGISTERS],
    daemon: bool,
    /// Still has its exit to perform (its code ended, or an exception ended it).
    exiting: bool,
    finished: bool,
    /// Virtual time until which it sleeps.
    sleeping_until: Option<VirtualTime>,
    /// Main only: how many threads its implicit end-of-program joins have passed.
    implicit_joins_done: u32,
    holding: Vec<(u32, u32)>,
}

#[derive(Clone, Debug, Default)]
struct LockSlot {
    owner: Option<ThreadId>,
    taken_at_line: u32,
    clock: VectorClock,
}

#[derive(Clone, Debug, Default)]
struct AccessLog {
    last_write: Option<(ThreadId, u32, u32)>,
    reads: Vec<(ThreadId, u32, u32)>,
}

/// What a visible step did, rendered into trace text only when asked for.
#[derive(Clone, Debug)]
enum Act {
    Read { cell: u32, value: i64 },
    Write { cell: u32, value: i64 },
    Await { cell: u32, value: i64 },
    Acquire(u32),
    TryAcquire(u32, bool),
    Release(u32),
    ReleaseError(u32),
    Print(String),
    PrintVars(String),
    Spawn(ThreadId),
    Join(ThreadId),
    ImplicitJoin(ThreadId),
    Exit,
    Sleep(VirtualTime),
}

#[derive(Clone, Debug)]
struct TraceRecord {
    thread: ThreadId,
    line: u32,
    act: Act,
    time: VirtualTime,
    /// How many writes the location had seen before this operation (for histories).
    version: u64,
}

/// One execution of a toy program.
#[derive(Clone, Debug)]
pub struct ToyMachine {
    program: Arc<ProgramData>,
    memory: Vec<i64>,
    locks: Vec<LockSlot>,
    threads: Vec<ToyThread>,
    clocks: Vec<VectorClock>,
    exit_clocks: Vec<Option<VectorClock>>,
    access_logs: Vec<AccessLog>,
    now: VirtualTime,
    stdout: String,
    stderr: String,
    failures: Vec<Failure>,
    races: Vec<Race>,
    lock_edges: Vec<LockEdge>,
    records: Vec<TraceRecord>,
    trace: OnceCell<Vec<TraceEvent>>,
    with_history: OnceCell<String>,
    versions: std::collections::BTreeMap<u64, u64>,
    last_version: u64,
    /// A running hash of stdout, for `state_hash`.
    stdout_hash: u64,
}

impl Program for ToyProgram {
    type Machine = ToyMachine;
    fn start(&self, _seed: u64) -> ToyMachine {
        let data = &self.data;
        let mut memory = Vec::new();
        for v in &data.vars {
            memory.extend(std::iter::repeat_n(v.init, v.len as usize));
        }
        let mut machine = ToyMachine {
            program: self.data.clone(),
            access_logs: vec![AccessLog::default(); memory.len()],
            memory,
            locks: vec![LockSlot::default(); data.locks.len()],
            threads: Vec::new(),
            clocks: Vec::new(),
            exit_clocks: Vec::new(),
            now: VirtualTime::ZERO,
            stdout: String::new(),
            stderr: String::new(),
            failures: Vec::new(),
            races: Vec::new(),
            lock_edges: Vec::new(),
            records: Vec::new(),
            trace: OnceCell::new(),
            with_history: OnceCell::new(),
            versions: Default::default(),
            last_version: 0,
            stdout_hash: 0,
        };
        machine.add_thread(0, false, VectorClock::new());
        machine
    }
}

impl ToyProgram {
    /// The names of the variables, in declaration order.
    pub fn var_names(&self) -> Vec<String> {
        self.data.vars.iter().map(|v| v.name.clone()).collect()
    }
}

impl ToyMachine {
    fn add_thread(&mut self, code: u32, daemon: bool, mut clock: VectorClock) -> ThreadId {
        let id = ThreadId(self.threads.len() as u32);
        self.threads.push(ToyThread {
            code,
            pc: 0,
            regs: [0; REGISTERS],
            daemon,
            exiting: false,
            finished: false,
            sleeping_until: None,
            implicit_joins_done: 0,
            holding: Vec::new(),
        });
        clock.tick(id);
        self.clocks.push(clock);
        self.exit_clocks.push(None);
        self.run_local(id);
        id
    }

    /// The values of every variable, flattened in declaration order.
    pub fn memory(&self) -> &[i64] {
        &self.memory
    }

    fn code(&self, t: ThreadId) -> &Code {
        &self.program.codes[self.threads[t.index()].code as usize]
    }

    fn current_instr(&self, t: ThreadId) -> Option<&Instr> {
        let th = &self.threads[t.index()];
        if th.exiting || th.finished {
            return None;
        }
        self.code(t).instrs.get(th.pc as usize)
    }

    fn line(&self, t: ThreadId) -> u32 {
        let th = &self.threads[t.index()];
        self.code(t).first_line + th.pc
    }

    /// The memory cell and location of `place` for thread `t` (None: index out of range).
    fn resolve(&self, t: ThreadId, place: &Place) -> Option<(usize, Location)> {
        let (var, index) = match place {
            Place::Scalar(v) => (*v, None),
            Place::Element(v, Index::Const(c)) => (*v, Some(*c as i64)),
            Place::Element(v, Index::Reg(r)) => {
                (*v, Some(self.threads[t.index()].regs[*r as usize]))
            }
        };
        let decl = &self.program.vars[var.0 as usize];
        let base = self.program.var_offsets[var.0 as usize];
        match index {
            None => Some((base, Location::whole(var.0 as u64))),
            Some(i) if i >= 0 && (i as u64) < decl.len as u64 => Some((
                base + i as usize,
                if decl.is_array {
                    Location::part(var.0 as u64, i as u64)
                } else {
                    Location::whole(var.0 as u64)
                },
            )),
            Some(_) => None,
        }
    }

    fn value(&self, t: ThreadId, v: &Value) -> i64 {
        match v {
            Value::Const(c) => *c,
            Value::Reg(r, k) => self.threads[t.index()].regs[*r as usize].wrapping_add(*k),
        }
    }

    /// Runs thread `t`'s invisible instructions up to its next visible one (or its exit).
    fn run_local(&mut self, t: ThreadId) {
        for _ in 0..MAX_LOCAL_STEPS {
            let Some(instr) = self.current_instr(t).cloned() else {
                self.threads[t.index()].exiting = !self.threads[t.index()].finished;
                return;
            };
            if instr.is_visible() {
                if let Instr::Read { place, .. }
                | Instr::Write { place, .. }
                | Instr::Await { place, .. } = &instr
                {
                    if self.resolve(t, place).is_none() {
                        let text = self.place_text(place, Some(t));
                        self.raise(t, "IndexError", &format!("{} is out of range", text), false);
                        return;
                    }
                }
                return;
            }
            let th = &mut self.threads[t.index()];
            th.pc += 1;
            match instr {
                Instr::Set { reg, value } => {
                    let v = self.value(t, &value);
                    self.threads[t.index()].regs[reg as usize] = v;
                }
                Instr::JumpIf {
                    reg,
                    cmp,
                    value,
                    target,
                } => {
                    if cmp.holds(th.regs[reg as usize], value) {
                        th.pc = target;
                    }
                }
                Instr::Jump(target) => th.pc = target,
                Instr::Assert {
                    reg,
                    cmp,
                    value,
                    message,
                } => {
                    if !cmp.holds(th.regs[reg as usize], value) {
                        th.pc -= 1;
                        self.raise(t, "AssertionError", &message, true);
                        return;
                    }
                }
                Instr::Raise { exception, message } => {
                    self.threads[t.index()].pc -= 1;
                    self.raise(t, &exception, &message, false);
                    return;
                }
                _ => unreachable!("visible instructions return above"),
            }
        }
        self.raise(
            t,
            "RuntimeError",
            "the toy thread ran too long without a visible operation",
            false,
        );
    }

    /// An exception escapes thread `t` at its current instruction: record it; the thread exits.
    fn raise(&mut self, t: ThreadId, exception: &str, message: &str, is_assertion: bool) {
        let line = self.line(t);
        let name = self.thread_name(t);
        let traceback = format!(
            "Exception in thread {}:\nTraceback (most recent call last):\n  File \"{}\", line {}\n{}: {}\n",
            name, self.program.file, line, exception, message
        );
        self.stderr.push_str(&traceback);
        self.failures.push(Failure {
            thread: t,
            thread_name: name,
            exception_type: exception.to_string(),
            message: message.to_string(),
            is_assertion,
            site: self.site(line),
            traceback,
        });
        self.threads[t.index()].exiting = true;
    }

    /// Main's next implicit end-of-program join: the first non-daemon thread it has not passed.
    fn implicit_join_target(&self) -> Option<ThreadId> {
        let main = &self.threads[0];
        (main.implicit_joins_done as usize + 1..self.threads.len())
            .map(|i| ThreadId(i as u32))
            .find(|t| !self.threads[t.index()].daemon)
    }

    fn pending_op(&self, t: ThreadId) -> Option<Operation> {
        let th = &self.threads[t.index()];
        if th.finished {
            return None;
        }
        if th.exiting {
            if t == ThreadId::MAIN {
                if let Some(target) = self.implicit_join_target() {
                    return Some(Operation::read(thread_location(target)));
                }
            }
            return Some(Operation::write(thread_location(t)));
        }
        let instr = self.current_instr(t)?;
        Some(match instr {
            Instr::Read { place, .. } | Instr::Await { place, .. } => {
                Operation::read(self.resolve(t, place)?.1)
            }
            Instr::Write { place, .. } => Operation::write(self.resolve(t, place)?.1),
            Instr::Acquire(l) | Instr::Release(l) | Instr::TryAcquire(l, _) => {
                Operation::write(Location::whole(OBJECT_LOCK_BASE + l.0 as u64))
            }
            Instr::Print { .. } | Instr::PrintVars => {
                Operation::write(Location::whole(OBJECT_STDOUT))
            }
            Instr::Spawn { .. } => {
                Operation::write(thread_location(ThreadId(self.threads.len() as u32)))
            }
            Instr::Join(u) => Operation::read(thread_location(*u)),
            Instr::Sleep { .. } => Operation::LOCAL,
            _ => unreachable!("only visible instructions are pending"),
        })
    }

    fn is_blocked(&self, t: ThreadId) -> bool {
        let th = &self.threads[t.index()];
        if th.exiting {
            return t == ThreadId::MAIN
                && self
                    .implicit_join_target()
                    .is_some_and(|u| !self.threads[u.index()].finished);
        }
        match self.current_instr(t) {
            Some(Instr::Acquire(l)) => self.locks[l.0 as usize].owner.is_some(),
            Some(Instr::Join(u)) => self.threads.get(u.index()).is_some_and(|th| !th.finished),
            Some(Instr::Await { place, value }) => match self.resolve(t, place) {
                Some((cell, _)) => self.memory[cell] != *value,
                None => false,
            },
            _ => false,
        }
    }

    fn record(&mut self, t: ThreadId, line: u32, act: Act) {
        self.records.push(TraceRecord {
            thread: t,
            line,
            act,
            time: self.now,
            version: self.last_version,
        });
    }

    /// The name of memory cell `cell` as the program writes it (`x`, `a[3]`).
    fn cell_name(&self, cell: u32) -> String {
        let cell = cell as usize;
        let i = self
            .program
            .var_offsets
            .iter()
            .rposition(|&o| o <= cell)
            .expect("every cell belongs to a variable");
        let v = &self.program.vars[i];
        if v.is_array {
            format!("{}[{}]", v.name, cell - self.program.var_offsets[i])
        } else {
            v.name.clone()
        }
    }

    /// The trace text of a step: what was done and its effect.
    fn act_text(&self, act: &Act) -> (String, String) {
        let lock = |l: &u32| self.program.locks[*l as usize].clone();
        match act {
            Act::Read { cell, value } => (
                format!("read {}", self.cell_name(*cell)),
                format!("-> {}", value),
            ),
            Act::Write { cell, value } => (
                format!("write {}", self.cell_name(*cell)),
                format!("= {}", value),
            ),
            Act::Await { cell, value } => (
                format!("await {} == {}", self.cell_name(*cell), value),
                String::new(),
            ),
            Act::Acquire(l) => (format!("acquire {}", lock(l)), "acquired".into()),
            Act::TryAcquire(l, ok) => (
                format!("try-acquire {}", lock(l)),
                if *ok { "acquired" } else { "busy" }.into(),
            ),
            Act::Release(l) => (format!("release {}", lock(l)), "released".into()),
            Act::ReleaseError(l) => (format!("release {}", lock(l)), "error".into()),
            Act::Print(out) => ("print".into(), format!("prints {:?}", out)),
            Act::PrintVars(out) => ("print vars".into(), format!("prints {:?}", out)),
            Act::Spawn(u) => (format!("start {}", self.thread_name(*u)), String::new()),
            Act::Join(u) => (format!("join {}", self.thread_name(*u)), String::new()),
            Act::ImplicitJoin(u) => (
                format!("join {} (program end)", self.thread_name(*u)),
                String::new(),
            ),
            Act::Exit => ("exit".into(), String::new()),
            Act::Sleep(until) => ("sleep".into(), format!("until {}", until)),
        }
    }

    /// Counts a write of (or reads) location `key`, for histories.
    fn touch(&mut self, key: u64, write: bool) {
        let v = self.versions.entry(key).or_insert(0);
        self.last_version = *v;
        if write {
            *v += 1;
        }
    }

    /// Race check and log for an access by `t` to memory cell `cell`.
    fn access(&mut self, t: ThreadId, cell: usize, is_write: bool, line: u32) {
        let epoch = self.clocks[t.index()].get(t);
        let clock = &self.clocks[t.index()];
        let log = &self.access_logs[cell];
        let mut found = Vec::new();
        let unordered = |&(u, e, _): &(ThreadId, u32, u32)| u != t && clock.get(u) < e;
        if let Some(w) = log.last_write.filter(unordered) {
            found.push((w, true));
        }
        if is_write {
            for r in log.reads.iter().filter(|r| unordered(r)) {
                found.push((*r, false));
            }
        }
        for ((u, _, first_line), first_is_write) in found {
            let race = Race {
                location: self.cell_name(cell as u32),
                first: AccessSite {
                    thread: u,
                    thread_name: self.thread_name(u),
                    is_write: first_is_write,
                    site: self.site(first_line),
                },
                second: AccessSite {
                    thread: t,
                    thread_name: self.thread_name(t),
                    is_write,
                    site: self.site(line),
                },
            };
            if !self.races.contains(&race) {
                self.races.push(race);
            }
        }
        let log = &mut self.access_logs[cell];
        if is_write {
            log.last_write = Some((t, epoch, line));
            log.reads.clear();
        } else {
            log.reads.retain(|r| r.0 != t);
            log.reads.push((t, epoch, line));
        }
    }

    fn site(&self, line: u32) -> SourceSite {
        self.program.sites[line as usize].clone()
    }

    fn place_text(&self, p: &Place, t: Option<ThreadId>) -> String {
        let regs = t.map(|t| &self.threads[t.index()].regs);
        self.program.place_text(p, regs)
    }

    fn lock_id(&self, l: u32) -> LockId {
        LockId {
            name: self.program.locks[l as usize].clone(),
            created: SourceSite {
                file: self.program.file.clone(),
                line: 0,
                text: String::new(),
            },
            ordinal: l,
        }
    }

    fn take_lock(&mut self, t: ThreadId, l: u32, line: u32) {
        let held: Vec<(u32, u32)> = self.threads[t.index()].holding.clone();
        for &(h, h_line) in &held {
            let also_held = held
                .iter()
                .filter(|&&(o, _)| o != h)
                .map(|&(o, _)| self.lock_id(o))
                .collect();
            let edge = LockEdge {
                held: self.lock_id(h),
                acquired: self.lock_id(l),
                thread: t,
                thread_name: self.thread_name(t),
                held_site: self.site(h_line),
                acquired_site: self.site(line),
                also_held,
            };
            if !self.lock_edges.contains(&edge) {
                self.lock_edges.push(edge);
            }
        }
        let slot = &mut self.locks[l as usize];
        slot.owner = Some(t);
        slot.taken_at_line = line;
        let lock_clock = slot.clock.clone();
        self.clocks[t.index()].join(&lock_clock);
        self.threads[t.index()].holding.push((l, line));
    }

    fn print(&mut self, t: ThreadId, line: u32, out: String, vars: bool) {
        self.stdout.push_str(&out);
        let mut h = rustc_hash::FxHasher::default();
        (self.stdout_hash, &out).hash(&mut h);
        self.stdout_hash = h.finish();
        let act = if vars {
            Act::PrintVars(out)
        } else {
            Act::Print(out)
        };
        self.record(t, line, act);
    }

    fn perform(&mut self, t: ThreadId) {
        self.last_version = 0;
        let op = self
            .program
            .history_in_stdout
            .then(|| self.pending_op(t))
            .flatten();
        if let Some(op) = op {
            if let Some(loc) = op.location {
                let part = loc.part.unwrap_or(u64::MAX >> 44);
                let key = loc.object.wrapping_mul(1 << 20).wrapping_add(part);
                self.touch(key, op.access == weft_core::Access::Write);
            }
        }
        let th = &self.threads[t.index()];
        let line = self.line(t);
        if th.exiting {
            if t == ThreadId::MAIN {
                if let Some(u) = self.implicit_join_target() {
                    let clock = self.exit_clocks[u.index()].clone().unwrap_or_default();
                    self.clocks[0].join(&clock);
                    self.threads[0].implicit_joins_done = u.0;
                    self.record(t, line, Act::ImplicitJoin(u));
                    return;
                }
            }
            self.threads[t.index()].finished = true;
            self.threads[t.index()].exiting = false;
            self.exit_clocks[t.index()] = Some(self.clocks[t.index()].clone());
            self.record(t, line, Act::Exit);
            return;
        }
        let instr = self
            .current_instr(t)
            .cloned()
            .expect("a pending instruction");
        self.threads[t.index()].pc += 1;
        match instr {
            Instr::Read { reg, place } => {
                let (cell, _) = self.resolve(t, &place).expect("checked in run_local");
                let value = self.memory[cell];
                self.threads[t.index()].regs[reg as usize] = value;
                self.access(t, cell, false, line);
                let cell = cell as u32;
                self.record(t, line, Act::Read { cell, value });
            }
            Instr::Write { place, value } => {
                let (cell, _) = self.resolve(t, &place).expect("checked in run_local");
                let value = self.value(t, &value);
                self.memory[cell] = value;
                self.access(t, cell, true, line);
                let cell = cell as u32;
                self.record(t, line, Act::Write { cell, value });
            }
            Instr::Await { place, value } => {
                let (cell, _) = self.resolve(t, &place).expect("checked in run_local");
                self.access(t, cell, false, line);
                let cell = cell as u32;
                self.record(t, line, Act::Await { cell, value });
            }
            Instr::Acquire(l) => {
                self.take_lock(t, l.0, line);
                self.record(t, line, Act::Acquire(l.0));
            }
            Instr::TryAcquire(l, reg) => {
                let free = self.locks[l.0 as usize].owner.is_none();
                if free {
                    self.take_lock(t, l.0, line);
                }
                self.threads[t.index()].regs[reg as usize] = free as i64;
                self.record(t, line, Act::TryAcquire(l.0, free));
            }
            Instr::Release(l) => {
                if self.locks[l.0 as usize].owner.is_none() {
                    self.threads[t.index()].pc -= 1;
                    self.record(t, line, Act::ReleaseError(l.0));
                    self.raise(t, "RuntimeError", "release unlocked lock", false);
                    return;
                }
                let clock = self.clocks[t.index()].clone();
                let slot = &mut self.locks[l.0 as usize];
                slot.owner = None;
                slot.clock = clock;
                if let Some(owner) = self
                    .threads
                    .iter_mut()
                    .find(|th| th.holding.iter().any(|&(h, _)| h == l.0))
                {
                    owner.holding.retain(|&(h, _)| h != l.0);
                }
                self.record(t, line, Act::Release(l.0));
            }
            Instr::Print { text, regs } => {
                let mut out = text;
                for r in regs {
                    out.push_str(&format!(" {}", self.threads[t.index()].regs[r as usize]));
                }
                out.push('\n');
                self.print(t, line, out, false);
            }
            Instr::PrintVars => {
                let mut out = String::new();
                for (i, v) in self.program.vars.iter().enumerate() {
                    let base = self.program.var_offsets[i];
                    let values = &self.memory[base..base + v.len as usize];
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    if v.is_array {
                        let items: Vec<String> = values.iter().map(|x| x.to_string()).collect();
                        out.push_str(&format!("{}=[{}]", v.name, items.join(",")));
                    } else {
                        out.push_str(&format!("{}={}", v.name, values[0]));
                    }
                }
                out.push('\n');
                self.print(t, line, out, true);
            }
            Instr::Spawn { code, daemon } => {
                let mut clock = self.clocks[t.index()].clone();
                self.clocks[t.index()].tick(t);
                clock.tick(t);
                let id = self.add_thread(code, daemon, clock);
                self.record(t, line, Act::Spawn(id));
            }
            Instr::Join(u) => {
                let clock = self.exit_clocks[u.index()].clone().unwrap_or_default();
                self.clocks[t.index()].join(&clock);
                self.record(t, line, Act::Join(u));
            }
            Instr::Sleep { nanos } => {
                let until = VirtualTime(self.now.0.saturating_add(nanos));
                self.threads[t.index()].sleeping_until = Some(until);
                self.record(t, line, Act::Sleep(until));
            }
            _ => unreachable!("invisible instructions never pend"),
        }
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Const(c) => c.to_string(),
        Value::Reg(r, 0) => format!("r{}", r),
        Value::Reg(r, k) => format!("r{} + {}", r, k),
    }
}

fn thread_location(t: ThreadId) -> Location {
    Location::whole(OBJECT_THREAD_BASE + t.0 as u64)
}

impl StepMachine for ToyMachine {
    fn thread_count(&self) -> usize {
        self.threads.len()
    }

    fn status(&self, t: ThreadId) -> ThreadStatus {
        let th = &self.threads[t.index()];
        if th.finished {
            return ThreadStatus::Finished;
        }
        if let Some(until) = th.sleeping_until {
            if until > self.now {
                return ThreadStatus::Sleeping { until };
            }
        }
        if self.is_blocked(t) {
            ThreadStatus::Blocked { deadline: None }
        } else {
            ThreadStatus::Enabled
        }
    }

    fn pending(&self, t: ThreadId) -> Option<Operation> {
        self.pending_op(t)
    }

    fn step(&mut self, t: ThreadId) {
        assert_eq!(
            self.status(t),
            ThreadStatus::Enabled,
            "stepping thread {t}, which is not enabled"
        );
        self.trace.take();
        self.with_history.take();
        self.threads[t.index()].sleeping_until = None;
        self.clocks[t.index()].tick(t);
        self.perform(t);
        if !self.threads[t.index()].finished {
            self.run_local(t);
        }
    }

    fn advance_clock(&mut self) -> bool {
        let next = self
            .threads
            .iter()
            .filter(|th| !th.finished)
            .filter_map(|th| th.sleeping_until)
            .filter(|&u| u > self.now)
            .min();
        match next {
            Some(until) => {
                self.now = until;
                self.trace.take();
                true
            }
            None => false,
        }
    }

    fn is_finished(&self) -> bool {
        self.threads[0].finished
    }

    fn now(&self) -> VirtualTime {
        self.now
    }
}

impl Observe for ToyMachine {
    fn trace(&self) -> &[TraceEvent] {
        self.trace.get_or_init(|| {
            self.records
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (operation, effect) = self.act_text(&r.act);
                    TraceEvent {
                        step: i + 1,
                        thread: r.thread,
                        thread_name: self.thread_name(r.thread),
                        site: self.site(r.line),
                        operation,
                        effect,
                        time: r.time,
                    }
                })
                .collect()
        })
    }

    fn stdout(&self) -> &str {
        if !self.program.history_in_stdout {
            return &self.stdout;
        }
        self.with_history.get_or_init(|| {
            let mut out = self.stdout.clone();
            for i in 0..self.threads.len() {
                let t = ThreadId(i as u32);
                out.push_str(&format!("{}:", t));
                for r in self.records.iter().filter(|r| r.thread == t) {
                    let (operation, effect) = self.act_text(&r.act);
                    out.push_str(&format!(
                        " {} {} v{} @{};",
                        operation, effect, r.version, r.time.0
                    ));
                }
                out.push('\n');
            }
            out
        })
    }

    fn stderr(&self) -> &str {
        &self.stderr
    }

    fn thread_site(&self, t: ThreadId) -> Option<SourceSite> {
        self.current_instr(t)?;
        Some(self.site(self.line(t)))
    }

    fn thread_function(&self, t: ThreadId) -> Option<String> {
        self.current_instr(t)?;
        Some(
            self.program.codes[self.threads[t.index()].code as usize]
                .name
                .clone(),
        )
    }

    fn thread_name(&self, t: ThreadId) -> String {
        if t == ThreadId::MAIN {
            return "MainThread".into();
        }
        match self.threads.get(t.index()) {
            Some(th) => format!(
                "Thread-{} ({})",
                t.0, self.program.codes[th.code as usize].name
            ),
            None => format!("Thread-{}", t.0),
        }
    }

    fn failures(&self) -> &[Failure] {
        &self.failures
    }

    fn races(&self) -> &[Race] {
        &self.races
    }

    fn lock_edges(&self) -> &[LockEdge] {
        &self.lock_edges
    }

    fn blocked_threads(&self) -> Vec<BlockedThread> {
        let mut blocked = Vec::new();
        for i in 0..self.threads.len() {
            let t = ThreadId(i as u32);
            if !matches!(self.status(t), ThreadStatus::Blocked { .. }) {
                continue;
            }
            let waits_for = if self.threads[i].exiting {
                WaitTarget::Join {
                    thread: self.implicit_join_target().expect("main blocks on a join"),
                }
            } else {
                match self.current_instr(t) {
                    Some(Instr::Acquire(l)) => {
                        let owner = self.locks[l.0 as usize]
                            .owner
                            .filter(|o| !self.threads[o.index()].finished);
                        WaitTarget::Lock {
                            lock: self.lock_id(l.0),
                            owner,
                            taken_at: None,
                        }
                    }
                    Some(Instr::Join(u)) => WaitTarget::Join { thread: *u },
                    Some(Instr::Await { place, value }) => {
                        let text = self.place_text(place, Some(t));
                        WaitTarget::Other {
                            object: text.clone(),
                            explanation: format!(
                                "it waits until {} == {}, and no thread that can run will change {}",
                                text, value, text
                            ),
                        }
                    }
                    _ => unreachable!("only acquire, join and await block"),
                }
            };
            let holding = self.threads[i]
                .holding
                .iter()
                .map(|&(l, line)| (self.lock_id(l), self.site(line)))
                .collect();
            blocked.push(BlockedThread {
                thread: t,
                thread_name: self.thread_name(t),
                waits_for,
                site: self.site(self.line(t)),
                holding,
            });
        }
        blocked
    }

    fn state_hash(&mut self) -> Option<u64> {
        let mut h = rustc_hash::FxHasher::default();
        self.memory.hash(&mut h);
        for l in &self.locks {
            l.owner.hash(&mut h);
        }
        for th in &self.threads {
            (th.code, th.pc, th.regs, th.exiting, th.finished).hash(&mut h);
            (th.sleeping_until.is_some(), th.implicit_joins_done).hash(&mut h);
            th.holding.hash(&mut h);
        }
        self.stdout.len().hash(&mut h);
        self.stdout_hash.hash(&mut h);
        self.failures.len().hash(&mut h);
        Some(h.finish())
    }

    fn exit_status(&self) -> i32 {
        if self.failures.iter().any(|f| f.thread == ThreadId::MAIN) {
            1
        } else {
            0
        }
    }
}

/// The benchmark programs of BENCHMARKS.md, written with the same visible operations as their
/// Python versions (reads of never-written globals are omitted: they commute with everything).
pub mod benchmarks {
    use super::*;

    /// lastzero(N): a reader scans `a` downwards for a zero; writer j sets `a[j] = a[j-1] + 1`.
    pub fn lastzero(n: u32) -> ToyProgram {
        lastzero_with(n, false)
    }

    /// lastzero(N); with `history`, every thread's history is in the output, so that outputs
    /// identify traces.
    pub fn lastzero_with(n: u32, history: bool) -> ToyProgram {
        let mut b = ToyBuilder::new("lastzero.py");
        if history {
            b.history_in_stdout();
        }
        let a = b.array("a", n + 1, 0);
        let reader = b.code("reader", |c| {
            let top = c.label();
            let done = c.label();
            c.set(0, Value::Const(n as i64));
            c.place(top);
            c.read(1, Place::Element(a, Index::Reg(0)));
            c.jump_if(1, Cmp::Eq, 0, done);
            c.set(0, Value::Reg(0, -1));
            c.jump(top);
            c.place(done);
        });
        let mut codes = vec![reader];
        for j in 1..=n {
            codes.push(b.code(&format!("writer{}", j), |c| {
                c.read(0, Place::Element(a, Index::Const(j - 1)));
                c.write(Place::Element(a, Index::Const(j)), Value::Reg(0, 1));
            }));
        }
        spawn_then_join(&mut b, &codes);
        b.build()
    }

    /// readers(N): one writer sets `x = 42`, N readers read `x`.
    pub fn readers(n: u32) -> ToyProgram {
        let mut b = ToyBuilder::new("readers.py");
        let x = b.var("x", 0);
        let mut codes = vec![b.code("writer", |c| {
            c.write(Place::Scalar(x), Value::Const(42));
        })];
        for _ in 0..n {
            codes.push(b.code("reader", |c| {
                c.read(0, Place::Scalar(x));
            }));
        }
        spawn_then_join(&mut b, &codes);
        b.build()
    }

    /// philosophers(N), one meal each: fork i then fork i+1 (or the lower-numbered first when
    /// `ordered`).
    pub fn philosophers(n: u32, ordered: bool) -> ToyProgram {
        let mut b = ToyBuilder::new("philosophers.py");
        let forks: Vec<Lock> = (0..n).map(|i| b.lock(&format!("forks[{}]", i))).collect();
        let mut codes = Vec::new();
        for i in 0..n {
            let (mut first, mut second) = (i, (i + 1) % n);
            if ordered && first > second {
                std::mem::swap(&mut first, &mut second);
            }
            let (f, s) = (forks[first as usize], forks[second as usize]);
            codes.push(b.code("philosopher", |c| {
                c.acquire(f).acquire(s).release(s).release(f);
            }));
        }
        spawn_then_join(&mut b, &codes);
        b.build()
    }

    /// locked counter(N): N threads each run `with lock: counter += 1`.
    pub fn locked_counter(n: u32) -> ToyProgram {
        let mut b = ToyBuilder::new("counter.py");
        let counter = b.var("counter", 0);
        let lock = b.lock("lock");
        let codes: Vec<u32> = (0..n)
            .map(|_| {
                b.code("worker", |c| {
                    c.acquire(lock)
                        .read(0, Place::Scalar(counter))
                        .write(Place::Scalar(counter), Value::Reg(0, 1))
                        .release(lock);
                })
            })
            .collect();
        spawn_then_join(&mut b, &codes);
        b.build()
    }

    /// filesystem(N), the inode/block allocation benchmark (32 inodes, 26 blocks).
    pub fn filesystem(n: u32) -> ToyProgram {
        const NUMBLOCKS: u32 = 26;
        const NUMINODE: u32 = 32;
        let mut b = ToyBuilder::new("filesystem.py");
        let locki: Vec<Lock> = (0..NUMINODE)
            .map(|i| b.lock(&format!("locki[{}]", i)))
            .collect();
        let inode = b.array("inode", NUMINODE, 0);
        let lockb: Vec<Lock> = (0..NUMBLOCKS)
            .map(|i| b.lock(&format!("lockb[{}]", i)))
            .collect();
        let busy = b.array("busy", NUMBLOCKS, 0);
        let mut codes = Vec::new();
        for tid in 0..n {
            let i = tid % NUMINODE;
            codes.push(b.code("thread", |c| {
                let end = c.label();
                c.acquire(locki[i as usize]);
                c.read(0, Place::Element(inode, Index::Const(i)));
                c.jump_if(0, Cmp::Ne, 0, end);
                // The block loop, unrolled over the blocks (each iteration locks a constant lock).
                let mut b_index = (i * 2) % NUMBLOCKS;
                let found = c.label();
                for _ in 0..NUMBLOCKS {
                    let next = c.label();
                    let lock = lockb[b_index as usize];
                    c.acquire(lock);
                    c.read(1, Place::Element(busy, Index::Const(b_index)));
                    c.jump_if(1, Cmp::Ne, 0, next);
                    c.write(Place::Element(busy, Index::Const(b_index)), Value::Const(1));
                    c.write(
                        Place::Element(inode, Index::Const(i)),
                        Value::Const(b_index as i64 + 1),
                    );
                    c.release(lock);
                    c.jump(found);
                    c.place(next);
                    c.release(lock);
                    b_index = (b_index + 1) % NUMBLOCKS;
                }
                c.place(found);
                c.place(end);
                c.release(locki[i as usize]);
            }));
        }
        spawn_then_join(&mut b, &codes);
        b.build()
    }

    fn spawn_then_join(b: &mut ToyBuilder, codes: &[u32]) {
        let codes = codes.to_vec();
        b.main(|m| {
            let ids: Vec<ThreadId> = codes.iter().map(|&c| m.spawn(c)).collect();
            for id in ids {
                m.join(id);
            }
        });
    }
}
