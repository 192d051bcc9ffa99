//! Every limit is counted and reported as a limit, and nothing crashes weft: spin loops,
//! never-ending generators and huge factorials stop at the instruction limit (exit 1, in run,
//! replay and explore); huge allocations raise MemoryError in the program; deep nesting raises
//! RecursionError or works; `weft test` survives a directory symlink cycle. Each case runs the
//! built binary under an 8 GiB address-space limit (a missed memory check fails instead of
//! swapping) with a 60 s kill timer as a hang guard only (no assertion on elapsed time).

use crate::weft_bin;
use std::process::{Command, Output};

/// Runs `weft ARGS` (the program file replaced for `{}`) on `source`, limited as above.
fn weft_limited(name: &str, source: &str, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("weft-limits-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, source).unwrap();
    let path = path.to_string_lossy().to_string();
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            if *a == "{}" {
                path.clone()
            } else {
                a.to_string()
            }
        })
        .collect();
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 8388608; exec timeout -s KILL 60 \"$0\" \"$@\"")
        .arg(weft_bin())
        .args(&args)
        .output()
        .expect("sh runs the weft binary")
}

/// The exit status, after checking that weft itself neither crashed nor was killed.
fn status_of(name: &str, out: &Output) -> i32 {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{name}: weft died of a signal: {stderr}"));
    assert!(
        ![3, 101, 134, 137].contains(&code) && !stderr.contains("panicked"),
        "{name}: weft crashed or hung (status {code}): {stderr}"
    );
    code
}

fn assert_instruction_limit(name: &str, source: &str, args: &[&str]) {
    let out = weft_limited(name, source, args);
    let code = status_of(name, &out);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(code, 1, "{name} {args:?}: {text}");
    assert!(
        text.contains("stopped at the instruction limit") && text.contains("--max-instructions"),
        "{name} {args:?}: {text}"
    );
    assert!(!text.contains("livelock"), "{name} {args:?}: {text}");
}

const SPIN: &str = "x = 0\nwhile True:\n    x += 1\n";
const SPIN_THREAD: &str = "import threading\ndef f():\n    x = 0\n    while True:\n        \
                           x += 1\nt = threading.Thread(target=f)\nt.start()\nt.join()\n";
const GENERATOR: &str = "def g():\n    while True:\n        yield 1\n";

#[test]
fn a_spin_loop_stops_at_the_instruction_limit_in_run_replay_and_explore() {
    for (name, source) in [("spin.py", SPIN), ("spin_thread.py", SPIN_THREAD)] {
        assert_instruction_limit(name, source, &["run", "{}"]);
        assert_instruction_limit(name, source, &["replay", "{}", "s:"]);
        assert_instruction_limit(name, source, &["explore", "{}"]);
    }
}

#[test]
fn draining_a_never_ending_generator_stops_at_the_instruction_limit() {
    let list = format!("{GENERATOR}list(g())\n");
    let sum = format!("{GENERATOR}sum(g())\n");
    assert_instruction_limit("gen_list.py", &list, &["run", "{}"]);
    assert_instruction_limit("gen_sum.py", &sum, &["run", "{}"]);
}

#[test]
fn a_huge_factorial_stops_at_the_instruction_limit() {
    let source = "import math\nmath.factorial(10**7)\n";
    assert_instruction_limit("factorial.py", source, &["run", "{}"]);
}

#[test]
fn repeated_big_integer_squaring_stops_at_the_instruction_limit() {
    let source = "x = 3**100000\nwhile True:\n    x = x * x\n";
    assert_instruction_limit("squaring.py", source, &["run", "{}"]);
}

#[test]
fn sorting_many_objects_with_a_user_lt_in_a_thread_stops_at_the_instruction_limit() {
    // Each comparison's attribute reads are observed inside one atomic step; their trace lines
    // are capped per step, so the step neither grows the trace without bound nor slows down.
    let source = "import threading\nclass K:\n    def __init__(s, v):\n        s.v = v\n    \
                  def __lt__(s, o):\n        return s.v < o.v\nxs = [K((i * 7919) % 100003) for i \
                  in range(300000)]\ndef f():\n    xs.sort()\nt = threading.Thread(target=f)\n\
                  t.start()\nxs.append(K(0))\nt.join()\n";
    assert_instruction_limit("sort_lt.py", source, &["run", "{}", "--trace"]);
}

#[test]
fn the_instruction_limit_is_an_option_and_a_program_within_it_runs() {
    let source = "x = 0\nfor i in range(1000):\n    x += i\nprint(x)\n";
    let out = weft_limited(
        "short.py",
        source,
        &["run", "{}", "--max-instructions", "100000"],
    );
    assert_eq!(status_of("short.py", &out), 0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "499500\n");
    assert_instruction_limit(
        "short.py",
        source,
        &["run", "{}", "--max-instructions", "1000"],
    );
}

#[test]
fn time_limit_stops_a_run_and_is_reported_as_a_limit() {
    let out = weft_limited(
        "spin_time.py",
        SPIN,
        &[
            "run",
            "{}",
            "--max-instructions",
            "100000000000000",
            "--time-limit",
            "0.5",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(status_of("spin_time.py", &out), 1, "{stderr}");
    assert!(stderr.contains("stopped at the --time-limit"), "{stderr}");
}

fn assert_program_error(name: &str, source: &str, error: &str) {
    let out = weft_limited(name, source, &["run", "{}"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(status_of(name, &out), 1, "{name}: {stderr}");
    assert!(stderr.contains(error), "{name}: expected {error}: {stderr}");
}

#[test]
fn huge_allocations_raise_memory_error() {
    let cases = [
        "s = 'x' * 1000000\nwhile True:\n    s = s + s\n",
        "x = [0] * 1000000\nwhile True:\n    x = x + x\n",
        "x = [0] * 1000000\nwhile True:\n    x.extend(x)\n",
        "','.join(['x' * 1000000] * 3000)\n",
        "format(1, '9999999999')\n",
        "'%9999999999d' % 1\n",
        "'a'.zfill(10**10)\n",
        "'a'.center(10**10)\n",
        "'a'.ljust(10**10)\n",
        "'a'.rjust(10**10)\n",
        "list(range(10**9))\n",
        "set(range(10**9))\n",
        "import collections\ncollections.deque(range(10**9))\n",
        "(1,) * 10**10\n",
    ];
    for (i, source) in cases.iter().enumerate() {
        assert_program_error(&format!("memory_{i}.py"), source, "MemoryError");
    }
}

#[test]
fn out_of_range_sizes_raise_cpythons_value_errors() {
    assert_program_error(
        "islice.py",
        "import itertools\nitertools.islice(itertools.count(), 10**30, None)\n",
        "ValueError: Indices for islice() must be None or an integer",
    );
    assert_program_error(
        "width.py",
        "format(1, '-9223372036854775809')\n",
        "ValueError: Too many decimal digits in format string",
    );
}

const NESTED_LIST: &str = "x = []\nfor i in range(30000):\n    x = [x]\n";

#[test]
fn deep_nesting_raises_recursion_error() {
    assert_program_error(
        "repr_deep.py",
        &format!("{NESTED_LIST}repr(x)\n"),
        "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
    );
    assert_program_error(
        "eq_deep.py",
        &format!("{NESTED_LIST}y = []\nfor i in range(30000):\n    y = [y]\nx == y\n"),
        "RecursionError: maximum recursion depth exceeded in comparison",
    );
    assert_program_error(
        "hash_deep.py",
        "t = ()\nfor i in range(300000):\n    t = (t,)\nhash(t)\n",
        "RecursionError: maximum recursion depth exceeded",
    );
}

#[test]
fn deep_data_and_call_chains_that_cpython_handles_work() {
    let cases = [
        (
            "drop_deep.py",
            "t = ()\nfor i in range(200000):\n    t = (t,)\nt = None\nprint('dropped')\n",
            "dropped\n",
        ),
        (
            "repr_chain.py",
            "class A:\n    def __init__(self, n):\n        self.n = n\n    def __repr__(self):\n        \
             return 'A(' + repr(self.n) + ')'\nx = 0\nfor i in range(61):\n    x = A(x)\n\
             print(len(repr(x)))\n",
            "184\n",
        ),
        (
            "hash_chain.py",
            "class K:\n    def __init__(s, n):\n        s.n = n\n    def __hash__(s):\n        \
             return hash(s.n)\nx = 0\nfor i in range(100):\n    x = K(x)\nprint(hash(x) == hash(x))\n",
            "True\n",
        ),
    ];
    for (name, source, stdout) in cases {
        let out = weft_limited(name, source, &["run", "{}"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(status_of(name, &out), 0, "{name}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{name}");
    }
}

#[test]
fn a_long_exception_chain_is_printed_without_crashing() {
    let source = "e = None\nfor i in range(50000):\n    try:\n        raise ValueError(i)\n    \
                  except ValueError as v:\n        v.__context__ = e\n        e = v\nraise e\n";
    assert_program_error("chain.py", source, "ValueError: 49999");
}

#[test]
fn weft_test_does_not_follow_a_directory_symlink_cycle() {
    let dir = std::env::temp_dir().join(format!("weft-symlink-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("ok.py"), "# expect: none\nprint(1)\n").unwrap();
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub").join("up")).unwrap();
    let out = Command::new("timeout")
        .args(["-s", "KILL", "60"])
        .arg(weft_bin())
        .arg("test")
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("1 passed, 0 failed"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
