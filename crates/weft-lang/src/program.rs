//! A compiled program (shared by every execution) and how an execution starts.

use crate::code::{Code, Instr};
use crate::compile::{compile_module, CompileInput};
use crate::diag::Diagnostic;
use crate::value::*;
use crate::vm::*;
use rand::SeedableRng;
use std::sync::Arc;

/// Where the prelude modules claim to live in tracebacks (CPython 3.12's layout).
/// The file name of weft's helpers for builtins (`prelude/weftlib.py`): never shown in tracebacks.
pub const WEFTLIB_PATH: &str = "<weft>/weftlib.py";
/// Where the dataclasses prelude claims to live. Its frames stand where CPython runs code it
/// generated with exec (`<string>`), and are not shown in tracebacks or used as sites.
pub const DATACLASSES_PATH: &str = "/usr/lib/python3.12/dataclasses.py";
/// Where the functools prelude (lru_cache, total_ordering, wraps) claims to live; like
/// dataclasses, not internal and not shown.
pub const FUNCTOOLS_PATH: &str = "/usr/lib/python3.12/functools.py";

/// Where the logging prelude claims to live (CPython's is a package).
pub const LOGGING_PATH: &str = "/usr/lib/python3.12/logging/__init__.py";

/// Whether `file` is one of the non-internal preludes (library code that touches the user's
/// objects visibly, whose frames are neither sites nor traceback lines).
pub fn is_library_file(file: &str) -> bool {
    file == DATACLASSES_PATH || file == FUNCTOOLS_PATH
}

/// The prelude modules: name, the path tracebacks show, the source, and whether the code is
/// internal (its memory accesses invisible). `dataclasses` is not internal: the methods it generates
/// read and write the user's objects.
const PRELUDES: &[(&str, &str, &str, bool)] = &[
    (
        "threading",
        "/usr/lib/python3.12/threading.py",
        include_str!("prelude/threading.py"),
        true,
    ),
    (
        "queue",
        "/usr/lib/python3.12/queue.py",
        include_str!("prelude/queue.py"),
        true,
    ),
    (
        "concurrent.futures",
        "/usr/lib/python3.12/concurrent/futures/thread.py",
        include_str!("prelude/futures.py"),
        true,
    ),
    (
        "dataclasses",
        DATACLASSES_PATH,
        include_str!("prelude/dataclasses.py"),
        false,
    ),
    (
        "functools",
        FUNCTOOLS_PATH,
        include_str!("prelude/functools.py"),
        false,
    ),
    (
        "time",
        "<weft>/time.py",
        include_str!("prelude/time.py"),
        true,
    ),
    (
        "logging",
        LOGGING_PATH,
        include_str!("prelude/logging.py"),
        true,
    ),
    (
        "typing",
        "/usr/lib/python3.12/typing.py",
        include_str!("prelude/typing.py"),
        true,
    ),
    (
        "_weftlib",
        WEFTLIB_PATH,
        include_str!("prelude/weftlib.py"),
        true,
    ),
];

/// Options that change how an execution behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOptions {
    /// Seeds the program's own `random`.
    pub seed: u64,
    /// `--time=free`: sleeping and timed-waiting threads may wake at any choice point.
    pub free_time: bool,
    pub record_trace: bool,
    pub detect_races: bool,
    /// `--notify=any`: Condition.notify wakes any waiters, not the longest waiting.
    pub notify_any: bool,
    /// `--spurious-wakeups`: Condition.wait may return without a notify.
    pub spurious_wakeups: bool,
    /// `--atomic-print`: a `print` is one write (CPython writes each piece separately).
    pub atomic_print: bool,
    /// `--switch-points=gil`: threads switch only where CPython's GIL lets them (loop back-edges,
    /// calls into Python functions, returns from builtin calls, blocking operations).
    pub gil_switch_points: bool,
    /// Offer a hash of the machine state to the explorer (spin-loop pruning, livelock).
    pub hash_states: bool,
    /// Limits on what the untrusted program may use.
    pub max_output: usize,
    pub max_objects: usize,
    pub max_threads: usize,
    /// Check that every visible instruction touches only the containers its operation announced
    /// (`footprint.rs`): on in debug builds and in the tests.
    pub check_footprints: bool,
    /// Instructions (visible or not, plus native work) one execution may run (`limits.rs`).
    pub max_instructions: u64,
    /// Bytes one allocation of the program may take before MemoryError (`limits.rs`).
    pub max_memory: u64,
    /// The caller's request to stop (wall-clock `--time-limit`), polled by the machine.
    pub stop: crate::limits::StopFlag,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            seed: 0,
            free_time: false,
            record_trace: false,
            detect_races: true,
            check_footprints: cfg!(debug_assertions),
            hash_states: true,
            notify_any: false,
            spurious_wakeups: false,
            atomic_print: false,
            gil_switch_points: false,
            max_output: 8 << 20,
            max_objects: 20_000_000,
            max_threads: 256,
            max_instructions: crate::limits::DEFAULT_MAX_INSTRUCTIONS,
            max_memory: crate::limits::DEFAULT_MAX_MEMORY,
            stop: crate::limits::StopFlag::default(),
        }
    }
}

#[derive(Debug)]
pub struct ProgramData {
    pub file: Arc<str>,
    source_lines: Vec<String>,
    pub module: Arc<Code>,
    pub bootstrap_code: Arc<Code>,
    preludes: Vec<(&'static str, Arc<Code>, Vec<String>)>,
    /// Global names the user program ever stores or deletes (None: `from m import *` makes any
    /// name writable). Reading a global nobody writes (a builtin such as `print` or `len`) is not
    /// a visible operation: its value never changes.
    written_globals: Option<std::collections::BTreeSet<Arc<str>>>,
    /// The globals that functions (not the module body) write (`global_written_by_functions`).
    written_by_functions: Option<std::collections::BTreeSet<Arc<str>>>,
    /// Attribute names the user program ever stores or deletes (None: it uses `setattr`,
    /// `__dict__` or the like, which can write any name). Reading an attribute no code writes
    /// (a method looked up through an instance: `t.start`, `q.put`) is not a visible operation.
    written_attrs: Option<std::collections::BTreeSet<Arc<str>>>,
}

impl ProgramData {
    pub fn global_may_change(&self, name: &str) -> bool {
        match &self.written_globals {
            Some(names) => names.contains(name),
            None => true,
        }
    }

    /// Whether code other than the main module's body (a function, which any thread may run)
    /// may write global `name` of the main module. When none does, only the main thread writes
    /// it, so the main thread's own reads of it race with nothing.
    pub fn global_written_by_functions(&self, name: &str) -> bool {
        match &self.written_by_functions {
            Some(names) => names.contains(name),
            None => true,
        }
    }

    pub fn attr_may_change(&self, name: &str) -> bool {
        match &self.written_attrs {
            Some(names) => names.contains(name),
            None => true,
        }
    }

    pub fn source_line(&self, line: u32) -> String {
        self.source_lines
            .get(line.wrapping_sub(1) as usize)
            .map(|l| l.trim().to_string())
            .unwrap_or_default()
    }
    /// Code the user wrote (not a prelude's): the frames that sites and tracebacks name.
    pub fn is_user_code(&self, code: &Code) -> bool {
        !code.internal && !is_library_file(&code.file)
    }
    pub fn prelude_code(&self, module: &str) -> Option<Arc<Code>> {
        self.preludes
            .iter()
            .find(|(n, _, _)| *n == module)
            .map(|(_, c, _)| c.clone())
    }
    pub fn prelude_line(&self, file: &str, line: u32) -> String {
        for (name, _, lines) in &self.preludes {
            let path = PRELUDES
                .iter()
                .find(|p| p.0 == *name)
                .map(|p| p.1)
                .unwrap_or("");
            if path == file {
                return lines
                    .get(line.wrapping_sub(1) as usize)
                    .map(|l| l.trim().to_string())
                    .unwrap_or_default();
            }
        }
        String::new()
    }
    /// How a prelude frame is shown in a traceback: CPython 3.12.1's file, line and function
    /// for the frames users see most (`_bootstrap_inner`, `run`), the prelude's own otherwise.
    pub fn cpython_frame(&self, code: &Code, line: u32) -> (String, u32, String) {
        match (&*code.file, &*code.qualname) {
            ("/usr/lib/python3.12/threading.py", "Thread._bootstrap") => {
                (code.file.to_string(), 1073, "_bootstrap_inner".into())
            }
            ("/usr/lib/python3.12/threading.py", "Thread.run") => {
                (code.file.to_string(), 1010, "run".into())
            }
            _ => (code.file.to_string(), line, code.name.to_string()),
        }
    }
}

/// A program ready to run: implements [`weft_core::Program`].
#[derive(Clone, Debug)]
pub struct PyProgram {
    pub data: Arc<ProgramData>,
    pub options: RunOptions,
}

/// Compile `source` (the contents of `file`).
pub fn compile_program(
    file: &str,
    source: &str,
    options: RunOptions,
) -> Result<PyProgram, Diagnostic> {
    let module = compile_module(CompileInput {
        file,
        source,
        internal: false,
    })?;
    let mut preludes = Vec::new();
    for (name, path, text, internal) in PRELUDES {
        let code = compile_module(CompileInput {
            file: path,
            source: text,
            internal: *internal,
        })
        .unwrap_or_else(|d| panic!("the {name} prelude must compile: {d}"));
        preludes.push((*name, code, text.lines().map(str::to_string).collect()));
    }
    let bootstrap_code = Arc::new(Code {
        name: Arc::from("<thread>"),
        qualname: Arc::from("<thread>"),
        file: Arc::from("<weft>"),
        instrs: vec![Instr::Call(0), Instr::Pop, Instr::Const(0), Instr::Return],
        lines: vec![0; 4],
        consts: vec![Value::None],
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
        internal: true,
        first_line: 0,
    });
    let written = written_globals(&module);
    let written_by_functions = globals_written_by_functions(&module);
    let data = ProgramData {
        written_globals: written,
        written_by_functions,
        written_attrs: written_attrs(&module),
        file: Arc::from(file),
        source_lines: source.lines().map(str::to_string).collect(),
        module,
        bootstrap_code,
        preludes,
    };
    Ok(PyProgram {
        data: Arc::new(data),
        options,
    })
}

/// What an instruction says about the names a program writes.
enum Writes {
    Name(Arc<str>),
    /// Any name may be written.
    Any,
    Nothing,
}

/// The names `classify` finds written anywhere in the module's code (None: any name).
fn written_names(
    module: &Arc<Code>,
    classify: impl Fn(&Code, &Instr) -> Writes,
) -> Option<std::collections::BTreeSet<Arc<str>>> {
    let mut names = std::collections::BTreeSet::new();
    let mut stack = vec![module.clone()];
    while let Some(code) = stack.pop() {
        for i in &code.instrs {
            match classify(&code, i) {
                Writes::Name(name) => {
                    names.insert(name);
                }
                Writes::Any => return None,
                Writes::Nothing => {}
            }
        }
        for c in &code.consts {
            if let Value::Code(inner) = c {
                stack.push(inner.clone());
            }
        }
    }
    Some(names)
}

fn written_globals(module: &Arc<Code>) -> Option<std::collections::BTreeSet<Arc<str>>> {
    written_names(module, |code, i| match i {
        Instr::StoreGlobal(n) | Instr::DeleteGlobal(n) => {
            Writes::Name(code.names[*n as usize].clone())
        }
        Instr::StoreName(n) | Instr::DeleteName(n) if !code.is_class_body => {
            Writes::Name(code.names[*n as usize].clone())
        }
        Instr::ImportStar => Writes::Any,
        _ => Writes::Nothing,
    })
}

/// The globals written by the functions (and class bodies' methods) nested in `module`, not
/// by the module body itself; None when any code may write any global (`import *`).
fn globals_written_by_functions(
    module: &Arc<Code>,
) -> Option<std::collections::BTreeSet<Arc<str>>> {
    let mut names = std::collections::BTreeSet::new();
    for inner in module.consts.iter().filter_map(|c| match c {
        Value::Code(inner) => Some(inner),
        _ => None,
    }) {
        names.extend(written_globals(inner)?);
    }
    if module.instrs.iter().any(|i| matches!(i, Instr::ImportStar)) {
        return None;
    }
    Some(names)
}

/// Names through which a program can write attributes whose names are not in its code.
const DYNAMIC_ATTR_WRITERS: &[&str] = &[
    "setattr",
    "delattr",
    "vars",
    "__dict__",
    "__setattr__",
    "__delattr__",
];

fn written_attrs(module: &Arc<Code>) -> Option<std::collections::BTreeSet<Arc<str>>> {
    written_names(module, |code, i| match i {
        Instr::StoreAttr(n) | Instr::DeleteAttr(n) => Writes::Name(code.names[*n as usize].clone()),
        Instr::LoadGlobal(n) | Instr::LoadName(n) | Instr::LoadAttr(n) | Instr::LoadMethod(n)
            if DYNAMIC_ATTR_WRITERS.contains(&&*code.names[*n as usize]) =>
        {
            Writes::Any
        }
        _ => Writes::Nothing,
    })
}

impl PyProgram {
    /// A fresh machine, run up to the main thread's first visible operation.
    pub fn start_machine(&self, seed: u64) -> Machine {
        self.start_machine_with(seed, self.options.record_trace)
    }

    /// A fresh machine that records its trace when `trace`.
    pub fn start_machine_with(&self, seed: u64, trace: bool) -> Machine {
        let mut options = self.options.clone();
        options.seed = seed;
        options.record_trace = trace;
        let mut m = Machine {
            prog: self.data.clone(),
            heap: Vec::with_capacity(256),
            threads: vec![Thread::new(None, false)],
            now: weft_core::VirtualTime::ZERO,
            stdout: String::new(),
            stderr: String::new(),
            main_module: 0,
            modules: Vec::new(),
            rng: rand_chacha::ChaCha8Rng::seed_from_u64(seed),
            granted: false,
            current: 0,
            steps: 0,
            finished: false,
            exit_status: 0,
            obs: Default::default(),
            options,
            lock_ordinals: Vec::new(),
            gc: crate::gc::GcState::new(),
            looped: false,
            work: 0,
            instructions: 0,
            native_depth: 0,
            halted: None,
            prog_counter: 0,
            sync_clocks: Vec::new(),
            footprint: Default::default(),
            timed_waits: false,
            last_advance_step: 0,
        };
        m.threads[0].clock.tick(weft_core::ThreadId(0));
        let mut dict = Attrs::default();
        dict.insert(Arc::from("__name__"), Value::str("__main__"));
        let main = m.alloc(Obj::Module {
            name: Arc::from("__main__"),
            dict,
        });
        m.main_module = main.as_obj().unwrap();
        let frame = m.new_frame(
            self.data.module.clone(),
            m.main_module,
            OnReturn::ThreadBottom,
        );
        m.threads[0].frames.push(frame);
        m.run_thread();
        m
    }
}

impl weft_core::Program for PyProgram {
    type Machine = Machine;
    fn start_traced(&self, seed: u64) -> Machine {
        self.start_machine_with(seed, true)
    }
    fn start(&self, seed: u64) -> Machine {
        self.start_machine(seed)
    }
}
