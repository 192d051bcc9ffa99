//! The threading, queue and concurrent.futures API, one primitive at a time: each documented
//! behaviour and each misuse, with CPython's exact exception type and message
//! (/work/shared/reference/cpython-semantics.md, sections 2-16).
//!
//! Every test is a small Python program whose printed output is asserted exactly, under several
//! seeds. Programs whose output does not depend on the schedule also run under python3 and must
//! print the same; the few behaviours where the python3 on the test machine (3.11) differs from
//! the 3.12/3.13 behaviour weft models are checked under weft only, each with a comment.

use std::path::PathBuf;
use std::process::Command;
use weft_core::Observe;

/// Seeds each program runs under.
const SEEDS: u64 = 6;

struct Output {
    stdout: String,
    stderr: String,
}

fn weft_run(name: &str, src: &str, seed: u64) -> Output {
    let program =
        weft::Scenario::from_source(&format!("{name}.py"), src, weft::RunOptions::default())
            .unwrap_or_else(|d| panic!("{name}: {d}"))
            .with_max_steps(500_000)
            .without_trace();
    let report = program.run(seed);
    let stuck: Vec<_> = report
        .findings
        .iter()
        .filter(|p| matches!(p.kind.as_str(), "deadlock" | "hang" | "livelock"))
        .collect();
    assert!(
        stuck.is_empty(),
        "{name} (seed {seed}) did not run to its end: {stuck:?}\nstdout so far:\n{}",
        report.machine.stdout()
    );
    Output {
        stdout: report.machine.stdout().to_string(),
        stderr: report.machine.stderr().to_string(),
    }
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weft-threading-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run `src` under python3 as `NAME.py`; file paths in its stderr are made relative.
fn python3(name: &str, src: &str) -> Output {
    let dir = scratch_dir();
    let file = dir.join(format!("{name}.py"));
    std::fs::write(&file, src).unwrap();
    let out = Command::new("timeout")
        .args(["60", "python3"])
        .arg(&file)
        .current_dir(&dir)
        .output()
        .expect("python3 runs");
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), ""),
    }
}

/// Under every seed weft prints exactly `expected` (stdout).
fn weft_prints(name: &str, src: &str, expected: &str) {
    for seed in 0..SEEDS {
        let out = weft_run(name, src, seed);
        assert_eq!(
            out.stdout, expected,
            "{name}: weft's stdout under seed {seed} (stderr:\n{})",
            out.stderr
        );
    }
}

/// Under every seed weft prints exactly `expected`, and so does python3.
fn same_as_cpython(name: &str, src: &str, expected: &str) {
    weft_prints(name, src, expected);
    let py = python3(name, src);
    assert_eq!(
        py.stdout, expected,
        "{name}: python3 prints something else (stderr:\n{})",
        py.stderr
    );
}

/// A traceback as compared between weft and python3: the stdlib's paths and line numbers (they
/// differ between CPython releases) become `<stdlib>/FILE`, and caret marker lines are dropped
/// (3.11, 3.12 and 3.13 place them differently).
fn comparable_traceback(stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.lines() {
        let t = line.trim_start();
        if !t.is_empty() && t.chars().all(|c| matches!(c, '^' | '~' | ' ')) {
            continue;
        }
        if let Some(rest) = t.strip_prefix("File \"") {
            let (path, tail) = rest.split_once('"').unwrap_or((rest, ""));
            if path.starts_with('/') {
                let file = path
                    .rsplit_once("/python3.")
                    .map_or(path, |(_, f)| f.split_once('/').map_or(f, |(_, f)| f));
                let function = tail.rsplit_once(", in ").map_or("", |(_, f)| f);
                out.push_str(&format!("  File \"<stdlib>/{file}\", in {function}\n"));
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Under every seed weft prints `expected` on stdout and `expected_err` on stderr exactly, and
/// python3's output is the same up to the stdlib's line numbers and caret markers.
fn same_as_cpython_with_stderr(name: &str, src: &str, expected: &str, expected_err: &str) {
    for seed in 0..SEEDS {
        let out = weft_run(name, src, seed);
        assert_eq!(
            out.stdout, expected,
            "{name}: weft's stdout under seed {seed}"
        );
        assert_eq!(
            out.stderr, expected_err,
            "{name}: weft's stderr under seed {seed}"
        );
    }
    let py = python3(name, src);
    assert_eq!(py.stdout, expected, "{name}: python3's stdout");
    assert_eq!(
        comparable_traceback(&py.stderr),
        comparable_traceback(expected_err),
        "{name}: python3's stderr"
    );
}

/// Prints `label ok <repr>` or `label ExcType: message` for a call.
const ATTEMPT: &str = r#"
def attempt(label, f):
    try:
        r = f()
        print(label, "ok", repr(r))
    except BaseException as e:
        print(label, type(e).__name__ + ":", str(e))
"#;

fn with_attempt(src: &str) -> String {
    let (imports, body) = src.split_once("\n\n").unwrap_or(("", src));
    format!("{imports}\n{ATTEMPT}\n{body}")
}

// ------------------------------------------------------------------------------------------ Thread

#[test]
fn thread_start_join_and_their_misuse() {
    let src = with_attempt(
        r#"import threading

def work():
    print("work ran in", threading.current_thread().name)

t = threading.Thread(target=work)
print(t.name, t.is_alive(), t.ident, t.daemon)
attempt("join-before-start", t.join)
t.start()
t.join()
attempt("start-twice", t.start)
print("alive after join", t.is_alive())
attempt("join-again", t.join)
attempt("join-timeout", lambda: t.join(0.5))
attempt("join-negative-timeout", lambda: t.join(-1))
attempt("join-main", threading.main_thread().join)
attempt("join-current", threading.current_thread().join)
attempt("daemon-set-started", lambda: setattr(t, "daemon", True))
attempt("group", lambda: threading.Thread(group=1))
attempt("seven-positionals", lambda: threading.Thread(None, work, "n", (), {}, True))

def selfjoin():
    attempt("self-join", threading.current_thread().join)
s = threading.Thread(target=selfjoin, name="joiner")
s.start()
s.join()
"#,
    );
    same_as_cpython(
        "thread_start_join",
        &src,
        "Thread-1 (work) False None False
join-before-start RuntimeError: cannot join thread before it is started
work ran in Thread-1 (work)
start-twice RuntimeError: threads can only be started once
alive after join False
join-again ok None
join-timeout ok None
join-negative-timeout ok None
join-main RuntimeError: cannot join current thread
join-current RuntimeError: cannot join current thread
daemon-set-started RuntimeError: cannot set daemon status of active thread
group AssertionError: group argument must be None for now
seven-positionals TypeError: Thread.__init__() takes from 1 to 6 positional arguments but 7 were given
self-join RuntimeError: cannot join current thread
",
    );
}

#[test]
fn thread_subclass_without_init_call() {
    let src = with_attempt(
        r#"import threading

class Bad(threading.Thread):
    def __init__(self):
        pass
    def run(self):
        print("never")

b = Bad()
attempt("start", b.start)
attempt("join", b.join)
attempt("name", lambda: b.name)
attempt("is_alive", b.is_alive)
attempt("daemon-get", lambda: b.daemon)
attempt("daemon-set", lambda: setattr(b, "daemon", True))
attempt("ident", lambda: b.ident)
attempt("repr", lambda: repr(b))

class Good(threading.Thread):
    def __init__(self, n):
        super().__init__(name="good-%d" % n)
        self.n = n
    def run(self):
        print("run", self.name, self.n)
g = Good(7)
g.start()
g.join()
"#,
    );
    same_as_cpython(
        "thread_subclass",
        &src,
        "start RuntimeError: thread.__init__() not called
join RuntimeError: Thread.__init__() not called
name AssertionError: Thread.__init__() not called
is_alive AssertionError: Thread.__init__() not called
daemon-get AssertionError: Thread.__init__() not called
daemon-set RuntimeError: Thread.__init__() not called
ident AssertionError: Thread.__init__() not called
repr AssertionError: Thread.__init__() was not called
run good-7 7
",
    );
}

#[test]
fn thread_names_and_reprs() {
    let src = r#"import threading

def f():
    pass

class C:
    def __call__(self):
        pass
    def meth(self):
        pass

t1 = threading.Thread(target=f)
t2 = threading.Thread(target=lambda: None)
t3 = threading.Thread(target=C())
t4 = threading.Thread(target=C().meth)
t5 = threading.Thread(target=f, name="custom")
t6 = threading.Thread(target=f, name="")
t7 = threading.Thread(name=123)
t8 = threading.Thread()
tm = threading.Timer(1, f)
t9 = threading.Thread(target=f)
for t in (t1, t2, t3, t4, t5, t6, t7, t8, tm, t9):
    print(repr(t.name))
print(threading.current_thread().name, threading.main_thread().name)
print(threading.current_thread() is threading.main_thread())
t1.name = 42
print(repr(t1.name))
t1.start()
t1.join()
print(repr(t1).startswith("<Thread(42, stopped "))
print(repr(t8))
print(repr(threading.Thread(target=f, daemon=True)))
class Sub(threading.Thread):
    pass
print(repr(Sub()))
print(repr(tm))
"#;
    same_as_cpython(
        "thread_names",
        src,
        "'Thread-1 (f)'
'Thread-2 (<lambda>)'
'Thread-3'
'Thread-4 (meth)'
'custom'
'Thread-5 (f)'
'123'
'Thread-6'
'Thread-7'
'Thread-8 (f)'
MainThread MainThread
True
'42'
True
<Thread(Thread-6, initial)>
<Thread(Thread-9 (f), initial daemon)>
<Sub(Thread-10, initial)>
<Timer(Thread-7, initial)>
",
    );
}

#[test]
fn thread_daemon_inheritance_is_alive_and_enumerate() {
    let src = r#"import threading

print("main daemon", threading.current_thread().daemon)
results = []

def inner():
    pass

def outer(label):
    child = threading.Thread(target=inner)
    results.append((label, threading.current_thread().daemon, child.daemon))

a = threading.Thread(target=outer, args=("a",))
b = threading.Thread(target=outer, args=("b",), daemon=True)
c = threading.Thread(target=outer, args=("c",))
c.daemon = True
d = threading.Thread(target=outer, args=("d",), daemon=1)
print("d.daemon", d.daemon)
for t in (a, b, c, d):
    t.start()
    t.join()
for r in results:
    print(r)

gate = threading.Event()
e = threading.Thread(target=gate.wait, name="waiter")
print(e.is_alive(), e.ident)
e.start()
print(e.is_alive(), e.ident is not None, e.native_id is not None)
print(sorted(t.name for t in threading.enumerate()), threading.active_count())
gate.set()
e.join()
print(e.is_alive(), [t.name for t in threading.enumerate()], threading.active_count())
print(threading.get_ident() == threading.main_thread().ident)
"#;
    same_as_cpython(
        "thread_daemon",
        src,
        "main daemon False
d.daemon 1
('a', False, False)
('b', True, True)
('c', True, True)
('d', 1, 1)
False None
True True True
['MainThread', 'waiter'] 2
False ['MainThread'] 1
True
",
    );
}

#[test]
fn thread_target_args_and_kwargs() {
    let src = r#"import threading

def show(*args, **kwargs):
    print("args", args, "kwargs", kwargs)

for t in (threading.Thread(target=show, args=[1, 2], kwargs={"k": 3}),
          threading.Thread(target=show, args=(4,))):
    t.start()
    t.join()
t = threading.Thread(target=show)
t.run()
try:
    t.run()
except AttributeError as e:
    print("AttributeError:", e)
"#;
    same_as_cpython(
        "thread_args",
        src,
        "args (1, 2) kwargs {'k': 3}
args (4,) kwargs {}
args () kwargs {}
AttributeError: 'Thread' object has no attribute '_target'
",
    );
}

// -------------------------------------------------------------------------- uncaught exceptions

#[test]
fn an_exception_in_a_thread_prints_the_excepthook_block_and_the_program_continues() {
    let src = r#"import threading
import sys

def boom():
    raise ValueError("bad value")

def quiet_exit():
    sys.exit(3)

def nested():
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")

class E(Exception):
    pass

def custom():
    raise E()

class Worker(threading.Thread):
    def run(self):
        raise TypeError("in run")

for target in (boom, quiet_exit, nested, custom):
    t = threading.Thread(target=target)
    t.start()
    t.join()
    print("joined", t.name, t.is_alive())
w = Worker(name="sub")
w.start()
w.join()
bad_args = threading.Thread(target=print, args=5)
bad_args.start()
bad_args.join()
print("main continues")
"#;
    let bootstrap = "Traceback (most recent call last):
  File \"/usr/lib/python3.12/threading.py\", line 1073, in _bootstrap_inner
    self.run()
";
    let run = "  File \"/usr/lib/python3.12/threading.py\", line 1010, in run
    self._target(*self._args, **self._kwargs)
";
    let expected_err = format!(
        "Exception in thread Thread-1 (boom):
{bootstrap}{run}  File \"excepthook.py\", line 5, in boom
    raise ValueError(\"bad value\")
ValueError: bad value
Exception in thread Thread-3 (nested):
Traceback (most recent call last):
  File \"excepthook.py\", line 12, in nested
    {{}}[\"missing\"]
KeyError: 'missing'

During handling of the above exception, another exception occurred:

{bootstrap}{run}  File \"excepthook.py\", line 14, in nested
    raise RuntimeError(\"while handling\")
RuntimeError: while handling
Exception in thread Thread-4 (custom):
{bootstrap}{run}  File \"excepthook.py\", line 20, in custom
    raise E()
E
Exception in thread sub:
{bootstrap}  File \"excepthook.py\", line 24, in run
    raise TypeError(\"in run\")
TypeError: in run
Exception in thread Thread-5 (print):
{bootstrap}{run}TypeError: print() argument after * must be an iterable, not int
"
    );
    same_as_cpython_with_stderr(
        "excepthook",
        src,
        "joined Thread-1 (boom) False
joined Thread-2 (quiet_exit) False
joined Thread-3 (nested) False
joined Thread-4 (custom) False
main continues
",
        &expected_err,
    );
}

#[test]
fn a_failing_thread_does_not_change_the_exit_status_or_stop_other_threads() {
    let src = r#"import threading
import time

def fail():
    raise KeyError("k")

def slow():
    time.sleep(0.5)
    print("slow finished")

s = threading.Thread(target=slow)
s.start()
f = threading.Thread(target=fail, name="failing")
f.start()
print("main done")
"#;
    for seed in 0..SEEDS {
        let out = weft_run("exit_status", src, seed);
        assert_eq!(out.stdout, "main done\nslow finished\n");
        assert!(
            out.stderr.starts_with("Exception in thread failing:\n")
                && out.stderr.ends_with("KeyError: 'k'\n"),
            "{}",
            out.stderr
        );
    }
    let py = python3("exit_status", src);
    assert_eq!(py.stdout, "main done\nslow finished\n");
    assert!(py.stderr.ends_with("KeyError: 'k'\n"), "{}", py.stderr);
}

// -------------------------------------------------------------------------------------------- Lock

#[test]
fn lock_acquire_release_and_their_misuse() {
    let src = with_attempt(
        r#"import threading

lock = threading.Lock()
attempt("release-unlocked", lock.release)
attempt("acquire", lock.acquire)
attempt("locked", lock.locked)
attempt("acquire-nonblocking-held", lambda: lock.acquire(False))
attempt("acquire-kw-nonblocking-held", lambda: lock.acquire(blocking=False))
attempt("acquire-timeout0-held", lambda: lock.acquire(timeout=0))
attempt("acquire-timeout-held", lambda: lock.acquire(True, 0.5))
attempt("acquire-kw-timeout-held", lambda: lock.acquire(timeout=0.25))
attempt("nonblocking-with-timeout", lambda: lock.acquire(False, 1))
attempt("nonblocking-with-timeout-kw", lambda: lock.acquire(blocking=False, timeout=0))
attempt("nonblocking-minus-one", lambda: lock.acquire(False, -1))
attempt("none-timeout", lambda: lock.acquire(timeout=None))
attempt("str-timeout", lambda: lock.acquire(timeout="x"))
attempt("nan-timeout", lambda: lock.acquire(timeout=float("nan")))
attempt("release", lock.release)
attempt("locked-after", lock.locked)
with lock as x:
    print("with binds", x, lock.locked())
print("after with", lock.locked())

# Any thread may release a plain Lock.
lock.acquire()
def releaser():
    lock.release()
    print("released by", threading.current_thread().name)
t = threading.Thread(target=releaser, name="other")
t.start()
t.join()
print("locked now", lock.locked())

# A blocked acquire returns once another thread releases.
lock.acquire()
def taker():
    print("taker got it", lock.acquire(timeout=5))
    lock.release()
t = threading.Thread(target=taker)
t.start()
lock.release()
t.join()

try:
    with lock:
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e), lock.locked())
print(threading.TIMEOUT_MAX, threading.ThreadError is RuntimeError)
"#,
    );
    same_as_cpython(
        "lock_api",
        &src,
        "release-unlocked RuntimeError: release unlocked lock
acquire ok True
locked ok True
acquire-nonblocking-held ok False
acquire-kw-nonblocking-held ok False
acquire-timeout0-held ok False
acquire-timeout-held ok False
acquire-kw-timeout-held ok False
nonblocking-with-timeout ValueError: can't specify a timeout for a non-blocking call
nonblocking-with-timeout-kw ValueError: can't specify a timeout for a non-blocking call
nonblocking-minus-one ok False
none-timeout TypeError: 'NoneType' object cannot be interpreted as an integer
str-timeout TypeError: 'str' object cannot be interpreted as an integer
nan-timeout ValueError: Invalid value NaN (not a number)
release ok None
locked-after ok False
with binds True True
after with False
released by other
locked now False
taker got it True
caught KeyError('k') False
9223372036.0 True
",
    );
}

#[test]
fn lock_negative_timeout_has_the_3_13_message() {
    // CPython 3.13's wording; 3.11 and 3.12 say "timeout value must be positive", so this is not
    // compared with the python3 (3.11) of the test machine.
    let src = with_attempt(
        r#"import threading

lock = threading.Lock()
attempt("free", lambda: lock.acquire(True, -2))
lock.acquire()
attempt("held", lambda: lock.acquire(timeout=-0.5))
r = threading.RLock()
attempt("rlock", lambda: r.acquire(timeout=-3))
"#,
    );
    weft_prints(
        "lock_negative_timeout",
        &src,
        "free ValueError: timeout value must be a non-negative number
held ValueError: timeout value must be a non-negative number
rlock ValueError: timeout value must be a non-negative number
",
    );
}

#[test]
fn lock_timed_acquire_waits_on_the_virtual_clock() {
    let src = r#"import threading
import time

lock = threading.Lock()
def holder():
    with lock:
        time.sleep(1)
t = threading.Thread(target=holder)
t.start()
time.sleep(0.1)
start = time.monotonic()
print("short wait", lock.acquire(timeout=0.2), round(time.monotonic() - start, 1))
print("long wait", lock.acquire(timeout=5), round(time.monotonic() - start, 1))
t.join()
"#;
    same_as_cpython(
        "lock_timed",
        src,
        "short wait False 0.2\nlong wait True 0.9\n",
    );
}

// ------------------------------------------------------------------------------------------- RLock

#[test]
fn rlock_recursion_ownership_and_misuse() {
    let src = with_attempt(
        r#"import threading

r = threading.RLock()
attempt("release-unacquired", r.release)
attempt("acquire1", r.acquire)
attempt("acquire2", r.acquire)
attempt("acquire3-nonblocking", lambda: r.acquire(False))
attempt("nonblocking-with-timeout", lambda: r.acquire(False, 1))
attempt("none-timeout", lambda: r.acquire(timeout=None))

def other():
    attempt("other-release", r.release)
    attempt("other-acquire-nonblocking", lambda: r.acquire(False))
    attempt("other-acquire-timeout", lambda: r.acquire(timeout=0.1))
t = threading.Thread(target=other)
t.start()
t.join()
attempt("release1", r.release)
attempt("release2", r.release)
attempt("release3", r.release)
attempt("release4", r.release)

def other2():
    attempt("other-acquire-free", lambda: r.acquire(False))
    r.release()
t = threading.Thread(target=other2)
t.start()
t.join()

with r:
    with r as x:
        print("nested with binds", x)
attempt("release-after-with", r.release)

def recurse(n):
    with r:
        if n:
            return recurse(n - 1) + 1
        return 0
print("recursion", recurse(5))
"#,
    );
    same_as_cpython(
        "rlock_api",
        &src,
        "release-unacquired RuntimeError: cannot release un-acquired lock
acquire1 ok True
acquire2 ok True
acquire3-nonblocking ok True
nonblocking-with-timeout ValueError: can't specify a timeout for a non-blocking call
none-timeout TypeError: 'NoneType' object cannot be interpreted as an integer
other-release RuntimeError: cannot release un-acquired lock
other-acquire-nonblocking ok False
other-acquire-timeout ok False
release1 ok None
release2 ok None
release3 ok None
release4 RuntimeError: cannot release un-acquired lock
other-acquire-free ok True
nested with binds True
release-after-with RuntimeError: cannot release un-acquired lock
recursion 5
",
    );
}

// --------------------------------------------------------------------------------------- Condition

#[test]
fn condition_misuse_timeouts_and_ownership() {
    let src = with_attempt(
        r#"import threading

c = threading.Condition()
attempt("wait-unacquired", c.wait)
attempt("wait-timeout-unacquired", lambda: c.wait(1))
attempt("notify-unacquired", c.notify)
attempt("notify_all-unacquired", c.notify_all)
attempt("wait_for-truthy-unacquired", lambda: c.wait_for(lambda: 1))
attempt("wait_for-falsy-unacquired", lambda: c.wait_for(lambda: 0))
with c as x:
    print("with binds", x)
    attempt("wait-timeout", lambda: c.wait(0.5))
    attempt("wait-zero", lambda: c.wait(0))
    attempt("wait-negative", lambda: c.wait(-1))
    attempt("wait_for-timeout", lambda: c.wait_for(lambda: [], 0.25))
    attempt("wait_for-true", lambda: c.wait_for(lambda: [1]))
    attempt("notify-nobody", c.notify)
    attempt("notify_all-nobody", c.notify_all)
    attempt("notify-n0", lambda: c.notify(0))

# The RLock's recursion level survives a wait.
with c:
    with c:
        c.wait(0.1)
        c.release()
        c.release()
        attempt("released-twice-after-wait", c.release)
        c.acquire()
        c.acquire()

# Another thread cannot notify on an RLock-based condition it does not hold.
def intruder():
    attempt("intruder-notify", c.notify)
    attempt("intruder-wait", c.wait)
c.acquire()
t = threading.Thread(target=intruder)
t.start()
t.join()
c.release()

# With a plain Lock "owned" means "held by anyone" (CPython's _is_owned for locks).
lc = threading.Condition(threading.Lock())
attempt("plain-notify-free", lc.notify)
lc.acquire()
def intruder2():
    attempt("plain-notify-held-by-other", lc.notify)
t = threading.Thread(target=intruder2)
t.start()
t.join()
lc.release()
"#,
    );
    same_as_cpython(
        "condition_api",
        &src,
        "wait-unacquired RuntimeError: cannot wait on un-acquired lock
wait-timeout-unacquired RuntimeError: cannot wait on un-acquired lock
notify-unacquired RuntimeError: cannot notify on un-acquired lock
notify_all-unacquired RuntimeError: cannot notify on un-acquired lock
wait_for-truthy-unacquired ok 1
wait_for-falsy-unacquired RuntimeError: cannot wait on un-acquired lock
with binds True
wait-timeout ok False
wait-zero ok False
wait-negative ok False
wait_for-timeout ok []
wait_for-true ok [1]
notify-nobody ok None
notify_all-nobody ok None
notify-n0 ok None
released-twice-after-wait RuntimeError: cannot release un-acquired lock
intruder-notify RuntimeError: cannot notify on un-acquired lock
intruder-wait RuntimeError: cannot wait on un-acquired lock
plain-notify-free RuntimeError: cannot notify on un-acquired lock
plain-notify-held-by-other ok None
",
    );
}

#[test]
fn condition_notify_wakes_waiters_in_fifo_order_and_wait_for_sees_the_predicate() {
    let src = r#"import threading
import time

cond = threading.Condition()
order = []
ready = 0

def waiter(i):
    global ready
    with cond:
        ready += 1
        cond.wait()
        order.append(i)

threads = []
for i in range(5):
    t = threading.Thread(target=waiter, args=(i,))
    t.start()
    while True:
        with cond:
            if ready == i + 1:
                break
        time.sleep(0.01)
    threads.append(t)
for i in range(5):
    with cond:
        cond.notify()
    time.sleep(0.05)
for t in threads:
    t.join()
print("fifo", order)

items = []
def producer():
    for i in range(3):
        time.sleep(0.01)
        with cond:
            items.append(i)
            cond.notify_all()
p = threading.Thread(target=producer)
p.start()
with cond:
    got = cond.wait_for(lambda: len(items) == 3)
print("wait_for", got, items)
p.join()
with cond:
    print("wait_for timeout", cond.wait_for(lambda: len(items) == 4, timeout=0.05))

def notifier():
    with cond:
        cond.notify()
with cond:
    n = threading.Thread(target=notifier)
    n.start()
    print("wait notified", cond.wait(5))
n.join()

# notify(n) wakes n waiters, notify_all the rest.
woken = []
def sleeper(i):
    with cond:
        cond.wait()
        woken.append(i)
ts = [threading.Thread(target=sleeper, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
time.sleep(0.1)
with cond:
    cond.notify(2)
time.sleep(0.1)
print("after notify(2)", len(woken))
with cond:
    cond.notify_all()
for t in ts:
    t.join()
print("after notify_all", sorted(woken))
"#;
    same_as_cpython(
        "condition_fifo",
        src,
        "fifo [0, 1, 2, 3, 4]
wait_for True [0, 1, 2]
wait_for timeout False
wait notified True
after notify(2) 2
after notify_all [0, 1, 2, 3]
",
    );
}

// ------------------------------------------------------------------------------------- Semaphores

#[test]
fn semaphore_and_bounded_semaphore() {
    let src = with_attempt(
        r#"import threading

attempt("negative-initial", lambda: threading.Semaphore(-1))
attempt("bounded-negative-initial", lambda: threading.BoundedSemaphore(-1))
s = threading.Semaphore(2)
attempt("acquire1", s.acquire)
attempt("acquire2", lambda: s.acquire(True))
attempt("acquire3-nonblocking", lambda: s.acquire(False))
attempt("acquire-nonblocking-timeout", lambda: s.acquire(False, 1))
attempt("acquire-nonblocking-timeout-kw", lambda: s.acquire(blocking=False, timeout=0))
attempt("acquire-timeout", lambda: s.acquire(timeout=0.5))
attempt("acquire-timeout-zero", lambda: s.acquire(timeout=0))
attempt("acquire-timeout-negative", lambda: s.acquire(timeout=-1))
attempt("release-n0", lambda: s.release(0))
attempt("release-3", lambda: s.release(3))
print("value", s._value)
with s as x:
    print("with binds", x, s._value)
print("value", s._value)
attempt("float-initial", lambda: threading.Semaphore(1.5).acquire())

b = threading.BoundedSemaphore(2)
attempt("bounded-release-full", b.release)
b.acquire()
b.acquire()
attempt("bounded-release-2", lambda: b.release(2))
attempt("bounded-release-again", b.release)
b.acquire()
attempt("bounded-release-n2-overflow", lambda: b.release(2))
attempt("bounded-release-n0", lambda: b.release(0))
print("bounded value", b._value)

gate = threading.Semaphore(0)
got = []
def waiter():
    got.append(gate.acquire())
t = threading.Thread(target=waiter)
t.start()
gate.release()
t.join()
print("woken", got)

pool = threading.BoundedSemaphore(2)
lock = threading.Lock()
inside = 0
peak = 0
def worker():
    global inside, peak
    with pool:
        with lock:
            inside += 1
            peak = max(peak, inside)
        with lock:
            inside -= 1
ts = [threading.Thread(target=worker) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak <= 2", peak <= 2, "inside", inside)
"#,
    );
    same_as_cpython(
        "semaphore_api",
        &src,
        "negative-initial ValueError: semaphore initial value must be >= 0
bounded-negative-initial ValueError: semaphore initial value must be >= 0
acquire1 ok True
acquire2 ok True
acquire3-nonblocking ok False
acquire-nonblocking-timeout ValueError: can't specify timeout for non-blocking acquire
acquire-nonblocking-timeout-kw ValueError: can't specify timeout for non-blocking acquire
acquire-timeout ok False
acquire-timeout-zero ok False
acquire-timeout-negative ok False
release-n0 ValueError: n must be one or more
release-3 ok None
value 3
with binds True 2
value 3
float-initial ok True
bounded-release-full ValueError: Semaphore released too many times
bounded-release-2 ok None
bounded-release-again ValueError: Semaphore released too many times
bounded-release-n2-overflow ValueError: Semaphore released too many times
bounded-release-n0 ValueError: n must be one or more
bounded value 1
woken [True]
peak <= 2 True inside 0
",
    );
}

// ------------------------------------------------------------------------------------------- Event

#[test]
fn event_wait_set_clear_and_timeouts() {
    let src = r#"import threading
import time

e = threading.Event()
print(e.is_set(), e.wait(0), e.wait(-1), e.wait(0.25))
e.set()
print(e.is_set(), e.wait(), e.wait(0), e.wait(1))
e.clear()
print(e.is_set(), e.wait(0.1))
try:
    e.wait("x")
except TypeError as x:
    print("TypeError:", x)

e2 = threading.Event()
def setter():
    time.sleep(0.5)
    e2.set()
t = threading.Thread(target=setter)
t.start()
print("waited", e2.wait(10))
t.join()

# set() then clear() before the waiter runs: its wait() still returns True.
e3 = threading.Event()
res = []
def w():
    res.append(e3.wait())
t = threading.Thread(target=w)
t.start()
time.sleep(0.1)
e3.set()
e3.clear()
t.join()
print("set-clear waiter got", res, "is_set", e3.is_set())

e4 = threading.Event()
out = []
lk = threading.Lock()
def many(i):
    e4.wait()
    with lk:
        out.append(i)
ts = [threading.Thread(target=many, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
e4.set()
for t in ts:
    t.join()
print(sorted(out))
print(repr(threading.Event()).endswith(": unset>"), repr(e4).endswith(": set>"))
"#;
    same_as_cpython(
        "event_api",
        src,
        "False False False False
True True True True
False False
TypeError: '>' not supported between instances of 'str' and 'int'
waited True
set-clear waiter got [True] is_set False
[0, 1, 2, 3]
True True
",
    );
}

// ------------------------------------------------------------------------------------------- Timer

#[test]
fn timer_fires_and_cancel_prevents_it() {
    let src = r#"import threading
import time

fired = []
def fire(*a, **k):
    fired.append((a, k))

t = threading.Timer(0.5, fire, args=(1, 2), kwargs={"k": 3})
print(t.name, t.interval, t.args, t.kwargs, t.finished.is_set())
t.start()
t.join()
print("fired", fired)

c = threading.Timer(5, fire, args=("never",))
c.start()
time.sleep(0.1)
c.cancel()
c.join()
print("cancelled", fired, c.finished.is_set())

pre = threading.Timer(0.1, fire, args=("pre",))
pre.cancel()
pre.start()
pre.join()
print("cancel before start", fired)

neg = threading.Timer(-1, fire, args=("neg",))
neg.start()
neg.join()
print("negative interval", fired[-1])

d = threading.Timer(0, fire)
print(d.args, d.kwargs, d.daemon)
try:
    neg.start()
except RuntimeError as e:
    print("RuntimeError:", e)
late = threading.Timer(0, fire, args=("late",))
late.start()
late.join()
late.cancel()
print(len(fired))
"#;
    same_as_cpython(
        "timer_api",
        src,
        "Thread-1 0.5 (1, 2) {'k': 3} False
fired [((1, 2), {'k': 3})]
cancelled [((1, 2), {'k': 3})] True
cancel before start [((1, 2), {'k': 3})]
negative interval (('neg',), {})
[] {} False
RuntimeError: threads can only be started once
3
",
    );
}

#[test]
fn an_exception_in_a_timer_function_goes_to_the_excepthook() {
    let src = r#"import threading

def fail():
    raise ValueError("timer failed")

t = threading.Timer(0.1, fail)
t.start()
t.join()
print("after timer", t.is_alive())
"#;
    for seed in 0..SEEDS {
        let out = weft_run("timer_exception", src, seed);
        assert_eq!(out.stdout, "after timer False\n");
        let py = python3("timer_exception", src);
        assert_eq!(py.stdout, out.stdout);
        assert_eq!(
            comparable_traceback(&out.stderr),
            comparable_traceback(&py.stderr)
        );
        assert!(out.stderr.starts_with("Exception in thread Thread-1:\n"));
    }
}

// ----------------------------------------------------------------------------------------- Barrier

#[test]
fn barrier_indices_action_abort_reset_and_timeout() {
    let src = with_attempt(
        r#"import threading

b = threading.Barrier(3)
print(b.parties, b.n_waiting, b.broken)
indices = []
lk = threading.Lock()
def party():
    i = b.wait()
    with lk:
        indices.append(i)
for cycle in range(2):
    indices.clear()
    ts = [threading.Thread(target=party) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("cycle", cycle, sorted(indices))

log = []
def action():
    log.append("action")
ab = threading.Barrier(2, action=action)
def p2(name):
    ab.wait()
    with lk:
        log.append(name)
ts = [threading.Thread(target=p2, args=(n,)) for n in "xy"]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(log[0], sorted(log[1:]))

def bad_action():
    raise ValueError("action failed")
fb = threading.Barrier(2, action=bad_action)
errs = []
def p3():
    try:
        fb.wait()
        errs.append("ok")
    except BaseException as e:
        with lk:
            errs.append(type(e).__name__)
ts = [threading.Thread(target=p3) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(errs), fb.broken)

ab2 = threading.Barrier(3)
res = []
def p4():
    try:
        ab2.wait()
        res.append("passed")
    except threading.BrokenBarrierError as e:
        res.append("broken:" + repr(e))
t = threading.Thread(target=p4)
t.start()
while ab2.n_waiting < 1:
    pass
ab2.abort()
t.join()
print(res, ab2.broken)
attempt("wait-after-abort", ab2.wait)
ab2.reset()
print("after reset", ab2.broken)

tb = threading.Barrier(2, timeout=0.1)
attempt("timeout", tb.wait)
print("broken after timeout", tb.broken)
tb.reset()
attempt("negative-timeout", lambda: tb.wait(-1))
print(threading.Barrier(1).wait(), threading.Barrier(1).wait())
print(issubclass(threading.BrokenBarrierError, RuntimeError))
print(repr(threading.BrokenBarrierError()), str(threading.BrokenBarrierError()) == "")
"#,
    );
    same_as_cpython(
        "barrier_api",
        &src,
        "3 0 False
cycle 0 [0, 1, 2]
cycle 1 [0, 1, 2]
action ['x', 'y']
['BrokenBarrierError', 'ValueError'] True
['broken:BrokenBarrierError()'] True
wait-after-abort BrokenBarrierError: 
after reset False
timeout BrokenBarrierError: 
broken after timeout True
negative-timeout BrokenBarrierError: 
0 0
True
BrokenBarrierError() True
",
    );
}

#[test]
fn barrier_parties_must_be_positive() {
    // CPython 3.13 rejects parties < 1; 3.11 and 3.12 accept them (the barrier can then never
    // trip), so this is not compared with the python3 (3.11) of the test machine.
    let src = r#"import threading
for n in (0, -1):
    try:
        threading.Barrier(n)
        print(n, "accepted")
    except ValueError as e:
        print(n, "ValueError:", e)
"#;
    weft_prints(
        "barrier_parties",
        src,
        "0 ValueError: parties must be > 0\n-1 ValueError: parties must be > 0\n",
    );
}

// ------------------------------------------------------------------------------------------- queue

#[test]
fn queue_empty_full_task_done_join_and_the_variants() {
    let src = r#"import queue
import threading

def attempt(label, f):
    try:
        r = f()
        print(label, "ok", repr(r))
    except BaseException as e:
        print(label, type(e).__name__ + ":", repr(str(e)))

q = queue.Queue(maxsize=2)
print(q.maxsize, q.qsize(), q.empty(), q.full())
attempt("get_nowait-empty", q.get_nowait)
attempt("get-nonblocking", lambda: q.get(False))
attempt("get-nonblocking-neg-timeout", lambda: q.get(False, -1))
attempt("get-timeout", lambda: q.get(timeout=0.1))
attempt("get-timeout0", lambda: q.get(timeout=0))
attempt("get-negative-timeout", lambda: q.get(timeout=-1))
q.put(1)
q.put(2)
print(q.qsize(), q.empty(), q.full())
attempt("put_nowait-full", lambda: q.put_nowait(3))
attempt("put-timeout-full", lambda: q.put(3, timeout=0.1))
attempt("put-negative-timeout", lambda: q.put(3, timeout=-1))
attempt("put-nonblocking-timeout", lambda: q.put(3, False, 5))
print(q.get(), q.get())
attempt("task_done", q.task_done)
attempt("task_done", q.task_done)
attempt("task_done-too-many", q.task_done)
print("unfinished", q.unfinished_tasks)
q.join()
print("join returned at once")
u = queue.Queue()
attempt("unbounded-put-negative-timeout", lambda: u.put(1, timeout=-1))
print(u.full(), u.qsize())
q.maxsize = 1
q.put("a")
print("lowered maxsize", q.full())

jq = queue.Queue()
done = []
def consumer():
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        done.append(item * 10)
        jq.task_done()
t = threading.Thread(target=consumer)
t.start()
for i in range(5):
    jq.put(i)
jq.put(None)
jq.join()
print("joined", done)
t.join()

lq = queue.LifoQueue()
for i in range(4):
    lq.put(i)
print("lifo", [lq.get() for _ in range(4)])
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b"), (1, "A"), (5, "e"), (0, "z")]:
    pq.put(item)
print("priority", [pq.get() for _ in range(6)])
lq2 = queue.LifoQueue(1)
lq2.put("x")
attempt("lifo-full", lambda: lq2.put("y", block=False))

sq = queue.SimpleQueue()
attempt("simple-get_nowait", sq.get_nowait)
attempt("simple-get-timeout", lambda: sq.get(timeout=0.1))
attempt("simple-get-negative", lambda: sq.get(timeout=-1))
attempt("simple-get-nonblocking-negative", lambda: sq.get(False, -1))
sq.put(1)
sq.put_nowait(2)
sq.put(3, block=False, timeout=-5)
print(sq.qsize(), sq.empty(), sq.get(), sq.get(), sq.get_nowait(), sq.empty())
attempt("simple-task_done", lambda: sq.task_done)
attempt("simple-maxsize", lambda: sq.maxsize)
attempt("simple-args", lambda: queue.SimpleQueue(3))
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
print(queue.Empty.__module__, queue.Full.__module__)

bq = queue.Queue()
got = []
def getter():
    got.append(bq.get(timeout=5))
t = threading.Thread(target=getter)
t.start()
bq.put("hello")
t.join()
print(got)

fq = queue.Queue(1)
fq.put("first")
def unblocker():
    print("unblocker got", fq.get())
t = threading.Thread(target=unblocker)
t.start()
fq.put("second", timeout=5)
t.join()
print("left", fq.get_nowait())
"#;
    same_as_cpython(
        "queue_api",
        src,
        "2 0 True False
get_nowait-empty Empty: ''
get-nonblocking Empty: ''
get-nonblocking-neg-timeout Empty: ''
get-timeout Empty: ''
get-timeout0 Empty: ''
get-negative-timeout ValueError: \"'timeout' must be a non-negative number\"
2 False True
put_nowait-full Full: ''
put-timeout-full Full: ''
put-negative-timeout ValueError: \"'timeout' must be a non-negative number\"
put-nonblocking-timeout Full: ''
1 2
task_done ok None
task_done ok None
task_done-too-many ValueError: 'task_done() called too many times'
unfinished 0
join returned at once
unbounded-put-negative-timeout ok None
False 1
lowered maxsize True
joined [0, 10, 20, 30, 40]
lifo [3, 2, 1, 0]
priority [(0, 'z'), (1, 'A'), (1, 'a'), (2, 'b'), (3, 'c'), (5, 'e')]
lifo-full Full: ''
simple-get_nowait Empty: ''
simple-get-timeout Empty: ''
simple-get-negative ValueError: \"'timeout' must be a non-negative number\"
simple-get-nonblocking-negative Empty: ''
3 False 1 2 3 True
simple-task_done AttributeError: \"'_queue.SimpleQueue' object has no attribute 'task_done'\"
simple-maxsize AttributeError: \"'_queue.SimpleQueue' object has no attribute 'maxsize'\"
simple-args TypeError: 'SimpleQueue() takes no positional arguments'
True True
_queue queue
['hello']
unblocker got first
left second
",
    );
}

#[test]
fn queue_exceptions_print_with_their_module() {
    let src = r#"import queue
q = queue.Queue(1)
q.put(1)
q.put(2, block=False)
"#;
    for seed in 0..SEEDS {
        let out = weft_run("queue_full_uncaught", src, seed);
        assert!(out.stderr.ends_with("\nqueue.Full\n"), "{}", out.stderr);
    }
    let src = "import queue\nqueue.Queue().get_nowait()\n";
    let out = weft_run("queue_empty_uncaught", src, 0);
    assert!(out.stderr.ends_with("\n_queue.Empty\n"), "{}", out.stderr);
    let py = python3("queue_empty_uncaught", src);
    assert!(py.stderr.ends_with("\n_queue.Empty\n"), "{}", py.stderr);
}

// ------------------------------------------------------------------------------ concurrent.futures

#[test]
fn thread_pool_submit_map_shutdown_and_worker_names() {
    let src = with_attempt(
        r#"from concurrent.futures import ThreadPoolExecutor
import threading

def square(x):
    return x * x

def name_of(_):
    return threading.current_thread().name

with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(square, 7)
    print("result", f.result(), f.done(), f.cancelled(), f.running(), f.exception())
    print("map", list(ex.map(square, [1, 2, 3, 4, 5])))
    print("map two iterables", list(ex.map(pow, [2, 3, 4], [5, 2])))
    print("kwargs", ex.submit(int, "ff", base=16).result())
print("after with")
attempt("submit-after-shutdown", lambda: ex.submit(square, 1))
attempt("map-after-shutdown", lambda: ex.map(square, [1]))
ex.shutdown()
print("shutdown twice ok")
attempt("max_workers-0", lambda: ThreadPoolExecutor(max_workers=0))
attempt("max_workers-neg", lambda: ThreadPoolExecutor(-1))
attempt("initializer", lambda: ThreadPoolExecutor(1, initializer=3))

ex2 = ThreadPoolExecutor(1)
print(ex2.submit(name_of, 0).result(), ex2.submit(name_of, 0).result())
ex2.shutdown()
ex3 = ThreadPoolExecutor(1, thread_name_prefix="pool")
print(ex3.submit(name_of, 0).result())
ex3.shutdown(wait=False)
with ThreadPoolExecutor() as ex4:
    print(ex4._max_workers, ex4.submit(name_of, 0).result())
"#,
    );
    same_as_cpython(
        "pool_api",
        &src,
        "result 49 True False False None
map [1, 4, 9, 16, 25]
map two iterables [32, 9]
kwargs 255
after with
submit-after-shutdown RuntimeError: cannot schedule new futures after shutdown
map-after-shutdown RuntimeError: cannot schedule new futures after shutdown
shutdown twice ok
max_workers-0 ValueError: max_workers must be greater than 0
max_workers-neg ValueError: max_workers must be greater than 0
initializer TypeError: initializer must be a callable
ThreadPoolExecutor-1_0 ThreadPoolExecutor-1_0
pool_0
6 ThreadPoolExecutor-2_0
",
    );
}

#[test]
fn thread_pool_exceptions_surface_at_result_and_at_map_iteration() {
    let src = with_attempt(
        r#"from concurrent.futures import ThreadPoolExecutor

def fail(x):
    if x == 3:
        raise ValueError("bad %d" % x)
    return x

with ThreadPoolExecutor(2) as ex:
    it = ex.map(fail, [1, 2, 3, 4])
    got = []
    try:
        for v in it:
            got.append(v)
    except ValueError as e:
        print("map raised at iteration", got, repr(e))
    attempt("next-after-error", lambda: next(it))
    fut = ex.submit(fail, 3)
    attempt("result", fut.result)
    print("exception()", repr(fut.exception()), fut.done())
    print("same object", fut.exception() is fut.exception())
    unseen = ex.map(fail, [3])
print("an unconsumed map hides its exception")
"#,
    );
    same_as_cpython(
        "pool_exceptions",
        &src,
        "map raised at iteration [1, 2] ValueError('bad 3')
next-after-error StopIteration: 
result ValueError: bad 3
exception() ValueError('bad 3') True
same object True
an unconsumed map hides its exception
",
    );
}

#[test]
fn futures_as_completed_and_wait() {
    let src = r#"from concurrent.futures import ThreadPoolExecutor, as_completed, wait
from concurrent.futures import FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED
import concurrent.futures
import threading

def square(x):
    return x * x

def fail():
    raise KeyError("x")

with ThreadPoolExecutor(2) as ex:
    fs = [ex.submit(square, i) for i in range(5)]
    print("as_completed", sorted(f.result() for f in as_completed(fs)))
    print("as_completed dup", len(list(as_completed([fs[0], fs[0], fs[1]]))))
    done, not_done = wait(fs)
    print("wait", len(done), len(not_done))
    r = wait(fs, return_when=FIRST_COMPLETED)
    print("wait first", len(r.done), type(r).__name__)
    bad = ex.submit(fail)
    r = wait([bad] + fs, return_when=FIRST_EXCEPTION)
    print("wait first exception", len(r.done), len(r.not_done))
    print(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)
    print("wait empty", wait([]))
    try:
        wait(fs, return_when="SOMETIMES")
        print("already done: no check")
    except ValueError as e:
        print("ValueError:", e)

# The order of completion, while waiting.
gates = [threading.Event() for _ in range(3)]
with ThreadPoolExecutor(3) as ex:
    fs = [ex.submit(g.wait) for g in gates]
    order = []
    it = as_completed(fs)
    for i in (2, 0, 1):
        gates[i].set()
        order.append(fs.index(next(it)))
    print("completion order", order)

# FIRST_COMPLETED returns when any future finishes, not the first listed.
slow_gate = threading.Event()
with ThreadPoolExecutor(2) as ex:
    slow = ex.submit(slow_gate.wait)
    quick = ex.submit(square, 3)
    r = wait([slow, quick], return_when=FIRST_COMPLETED)
    print("first completed", quick in r.done, slow in r.not_done)
    try:
        wait([slow], return_when="SOMETIMES")
    except ValueError as e:
        print("ValueError:", e)
    out = []
    try:
        for f in as_completed([slow, quick], timeout=0.2):
            out.append(f.result())
    except concurrent.futures.TimeoutError as e:
        print("as_completed timeout", out, repr(str(e)))
    r = wait([slow, quick], timeout=0.1)
    print("wait timeout", len(r.done), len(r.not_done))
    slow_gate.set()
"#;
    same_as_cpython(
        "futures_wait",
        src,
        "as_completed [0, 1, 4, 9, 16]
as_completed dup 2
wait 5 0
wait first 5 DoneAndNotDoneFutures
wait first exception 6 0
FIRST_COMPLETED FIRST_EXCEPTION ALL_COMPLETED
wait empty DoneAndNotDoneFutures(done=set(), not_done=set())
already done: no check
completion order [2, 0, 1]
first completed True True
ValueError: Invalid return condition: 'SOMETIMES'
as_completed timeout [9] '1 (of 2) futures unfinished'
wait timeout 1 1
",
    );
}

#[test]
fn future_timeouts_cancel_and_callbacks() {
    let src = with_attempt(
        r#"from concurrent.futures import ThreadPoolExecutor, Future
import concurrent.futures
import threading

def square(x):
    return x * x

ev = threading.Event()
with ThreadPoolExecutor(1) as ex:
    blocker = ex.submit(ev.wait)
    queued = ex.submit(square, 3)
    attempt("result-timeout", lambda: queued.result(timeout=0.1))
    attempt("exception-timeout", lambda: queued.exception(timeout=0))
    print("cancel queued", queued.cancel(), queued.cancelled(), queued.done())
    attempt("result-cancelled", queued.result)
    attempt("exception-cancelled", queued.exception)
    print("cancel running", blocker.cancel(), blocker.running())
    ev.set()
    print("blocker", blocker.result())
    print("cancel finished", blocker.cancel())

calls = []
with ThreadPoolExecutor(1) as ex:
    f = ex.submit(square, 4)
    f.result()
    f.add_done_callback(lambda fut: calls.append(("late", fut.result())))
print(calls)

f = Future()
print(repr(f).split(" state=")[1])
f.add_done_callback(lambda fut: print("callback sees", fut.result()))
print(f.set_running_or_notify_cancel(), repr(f).split(" state=")[1])
f.set_result(5)
print(repr(f).split(" state=")[1])
attempt("set_result-twice", lambda: f.set_result(6))
c = Future()
c.cancel()
print(repr(c).split(" state=")[1], c.set_running_or_notify_cancel(), repr(c).split(" state=")[1])
attempt("unexpected-state", c.set_running_or_notify_cancel)
e = Future()
e.set_exception(KeyError("k"))
print(repr(e).split(" state=")[1])
print(issubclass(concurrent.futures.TimeoutError, TimeoutError), concurrent.futures.TimeoutError is TimeoutError)
print(concurrent.futures.CancelledError.__mro__[1].__name__, concurrent.futures.CancelledError.__module__)
print(issubclass(concurrent.futures.BrokenExecutor, RuntimeError))
"#,
    );
    let out = "result-timeout TimeoutError: 
exception-timeout TimeoutError: 
cancel queued True True True
result-cancelled CancelledError: 
exception-cancelled CancelledError: 
cancel running False True
blocker True
cancel finished False
[('late', 16)]
pending>
True running>
callback sees 5
finished returned int>
set_result-twice InvalidStateError: FINISHED: <Future at ADDR state=finished returned int>
cancelled> False cancelled>
unexpected-state RuntimeError: Future in unexpected state
finished raised KeyError>
True True
Error concurrent.futures._base
True
";
    // The InvalidStateError message holds the future's address; compare without it.
    let strip = |s: &str| {
        s.lines()
            .map(|l| match l.find("<Future at 0x") {
                Some(i) => {
                    let rest = &l[i + "<Future at 0x".len()..];
                    let hex = rest.find(' ').unwrap_or(0);
                    format!("{}<Future at ADDR{}", &l[..i], &rest[hex..])
                }
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    for seed in 0..SEEDS {
        assert_eq!(strip(&weft_run("future_api", &src, seed).stdout), out);
    }
    let py = python3("future_api", &src);
    assert_eq!(strip(&py.stdout), out, "python3: {}", py.stderr);
}

#[test]
fn a_failing_done_callback_is_logged_and_later_callbacks_still_run() {
    let src = r#"from concurrent.futures import Future

def bad(f):
    raise ValueError("cb failed")

f = Future()
f.add_done_callback(bad)
f.add_done_callback(lambda f: print("second callback ran"))
f.set_result(3)
print("end")
"#;
    for seed in 0..SEEDS {
        let out = weft_run("callback_fails", src, seed);
        assert_eq!(out.stdout, "second callback ran\nend\n");
        assert!(
            out.stderr
                .starts_with("exception calling callback for <Future at 0x")
                && out.stderr.contains("state=finished returned int>\nTraceback")
                && out.stderr.ends_with(
                    "  File \"callback_fails.py\", line 4, in bad\n    raise ValueError(\"cb failed\")\nValueError: cb failed\n"
                ),
            "{}",
            out.stderr
        );
    }
    let py = python3("callback_fails", src);
    assert_eq!(py.stdout, "second callback ran\nend\n");
    assert!(py.stderr.ends_with("ValueError: cb failed\n"));
}

#[test]
fn a_failing_initializer_breaks_the_pool() {
    let src = r#"from concurrent.futures import ThreadPoolExecutor, BrokenExecutor
import threading

def init():
    raise OSError("no")

gate = threading.Event()
ex = ThreadPoolExecutor(1, initializer=init)
f = ex.submit(print, "never")
try:
    f.result()
except BrokenExecutor as e:
    print(type(e).__name__ + ":", e)
try:
    ex.submit(print, "never")
except BrokenExecutor as e:
    print("submit", type(e).__name__ + ":", e)
ex.shutdown()
"#;
    let expected =
        "BrokenThreadPool: A thread initializer failed, the thread pool is not usable anymore
submit BrokenThreadPool: A thread initializer failed, the thread pool is not usable anymore
";
    for seed in 0..SEEDS {
        let out = weft_run("initializer_fails", src, seed);
        assert_eq!(out.stdout, expected);
        assert!(
            out.stderr
                .starts_with("Exception in initializer:\nTraceback")
                && out.stderr.ends_with("OSError: no\n"),
            "{}",
            out.stderr
        );
    }
    let py = python3("initializer_fails", src);
    assert_eq!(py.stdout, expected);
}

// ------------------------------------------------------------------- user code called by builtins

#[test]
fn user_code_that_blocks_inside_builtins_and_loops_is_scheduled() {
    // Generators and user iterators consumed by builtins (join, list, zip, next) and a user
    // __next__ driven by a for loop block on a queue: they run as scheduled frames, not atomically.
    let src = r#"import threading
import queue
from concurrent.futures import ThreadPoolExecutor

q = queue.Queue()

def producer():
    for i in range(6):
        q.put(i)

def items(n):
    for _ in range(n):
        yield q.get()

class Drain:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return q.get()

t = threading.Thread(target=producer)
t.start()
print(",".join(str(x) for x in items(2)))
print(list(zip("ab", items(2))))
print(next(items(1)), [x for x in Drain(1)])
t.join()

def slow(x):
    return x * 10

with ThreadPoolExecutor(2) as ex:
    urls = ["a", "b", "c"]
    for url, result in zip(urls, ex.map(slow, [1, 2, 3])):
        print(url, result)
    print(sorted(ex.map(slow, [3, 1, 2])), sum(f.result() for f in [ex.submit(slow, 4)]))
"#;
    same_as_cpython(
        "builtins_schedule_user_code",
        src,
        "0,1\n[('a', 2), ('b', 3)]\n4 [5]\na 10\nb 20\nc 30\n[10, 20, 30] 40\n",
    );
}
