//! Tests generated from the native registry (`weft_lang::natives`): every native that touches a
//! container gives DPOR the outcomes plain DFS finds when another thread writes that container;
//! every native called with a wrong number of arguments or an unknown keyword raises CPython's
//! TypeError (compared with python3 where CPython has the callable); every native called with
//! arguments of the wrong kind raises an exception of the program, never a crash of weft.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::Command;

use weft::{ExploreConfig, Scenario, Strategy};
use weft_lang::natives::{self, Default as ParamDefault, Effect, Native, ParamKind};

/// Options that run the footprint assertion (`weft_lang::footprint`): a step that touches a
/// container its operation did not announce panics.
fn checked() -> weft::RunOptions {
    weft::RunOptions {
        check_footprints: true,
        ..Default::default()
    }
}

fn explore(source: &str, strategy: Strategy) -> weft::ExploreReport {
    let program = Scenario::from_source("native.py", source, checked())
        .unwrap_or_else(|d| panic!("{d}\n{source}"));
    let config = ExploreConfig {
        strategy,
        max_executions: Some(20_000),
        minimize: false,
        ..ExploreConfig::default()
    };
    program.explore(&config).unwrap()
}

fn outcomes(r: &weft::ExploreReport) -> BTreeSet<String> {
    r.outcomes.iter().map(|o| o.stdout.clone()).collect()
}

/// How a program refers to a native's owner: a builtin, a module's function, or a method of a
/// value of the owner's type (with the shared value to call it on and how another thread
/// changes it).
struct Owner {
    /// A fresh value of the type (Python source).
    value: &'static str,
    /// A statement that changes the value `c` (another thread runs it).
    change: &'static str,
}

fn owner_of(native: &Native) -> Option<Owner> {
    let (value, change) = match native.owner() {
        "list" => ("[3, 1, 2]", "c.append(0)"),
        "dict" => ("{1: 1, 2: 2}", "c[3] = 3"),
        "set" => ("{1, 2}", "c.add(3)"),
        "deque" => ("collections.deque([1, 2])", "c.append(3)"),
        "Counter" => ("collections.Counter({1: 2, 2: 1})", "c.update([3])"),
        // A tuple is immutable: its list is what another thread changes.
        "tuple" => ("(inner, 2)", "inner.append(1)"),
        "generator" => ("iter(inner)", "inner.append(1)"),
        _ => return None,
    };
    Some(Owner { value, change })
}

/// A filler for a required parameter that is not the container under test.
fn filler(native: &Native, index: usize) -> &'static str {
    match (native.name, index) {
        ("str.format", _) => "c",
        (_, 0) if native.name.starts_with("dict.") || native.owner() == "Counter" => "1",
        _ => "1",
    }
}

/// The expression that calls `native` on the shared `c` (as its receiver or first argument);
/// None for natives that touch no container.
fn call_of(native: &Native, nested: bool) -> Option<String> {
    let sig = native.signature();
    let required: Vec<_> = sig
        .params
        .iter()
        .filter(|p| p.kind != ParamKind::KeywordOnly && matches!(p.default, ParamDefault::Required))
        .collect();
    let arg = if nested { "[c]" } else { "c" };
    let args_after = |skip: usize| -> Vec<String> {
        (skip..required.len())
            .map(|i| filler(native, i).to_string())
            .collect()
    };
    match native.effect {
        Effect::ReadsReceiver
        | Effect::WritesReceiver
        | Effect::Keyed { .. }
        | Effect::SearchesReceiver { .. } => {
            owner_of(native)?;
            let mut args = args_after(0);
            if nested && !args.is_empty() {
                // The searched-for value holds a container: the elements are compared deeply.
                args[0] = "[1]".to_string();
            }
            Some(format!("c.{}({})", native.member(), args.join(", ")))
        }
        Effect::Reads | Effect::ReadsDeep | Effect::ReadsSize | Effect::Print(_) => {
            let callee = match native.owner() {
                "" => native.member().to_string(),
                "str" => format!("','.{}", native.member()),
                "dict" => format!("dict.{}", native.member()),
                "sys.stdout" | "sys.stderr" | "_weft" => return None,
                module => format!("{module}.{}", native.member()),
            };
            let mut args = vec![arg.to_string()];
            args.extend(args_after(1));
            Some(format!("{callee}({})", args.join(", ")))
        }
        _ => None,
    }
}

fn program(native: &Native, nested: bool) -> Option<String> {
    let call = call_of(native, nested)?;
    let (value, change) = match owner_of(native) {
        Some(o) => (o.value, o.change),
        None if native.name == "str.join" => ("['b', 'a']", "c.append('c')"),
        None => ("[3, 1, 2]", "c.append(0)"),
    };
    let mut src = String::new();
    let _ = writeln!(
        src,
        "import threading, collections, itertools, functools, math, sys"
    );
    let _ = writeln!(src, "inner = []");
    let _ = writeln!(src, "c = {value}");
    let _ = writeln!(src, "def writer():\n    {change}");
    let _ = writeln!(src, "def main():");
    let _ = writeln!(src, "    t = threading.Thread(target=writer)");
    let _ = writeln!(src, "    t.start()");
    let _ = writeln!(src, "    try:");
    let _ = writeln!(src, "        r = {call}");
    let _ = writeln!(
        src,
        "        if hasattr(r, '__next__'):\n            r = list(r)"
    );
    let _ = writeln!(src, "    except Exception as e:");
    let _ = writeln!(src, "        r = type(e).__name__");
    let _ = writeln!(src, "    t.join()");
    let _ = writeln!(src, "    print('result', r)");
    let _ = writeln!(src, "    print('state', c, inner)");
    let _ = writeln!(src, "main()");
    Some(src)
}

#[test]
fn every_native_that_touches_a_container_gives_dpor_the_outcomes_of_dfs() {
    let mut checked = 0;
    let mut differing = 0;
    for native in natives::all() {
        for nested in [false, true] {
            let Some(src) = program(native, nested) else {
                continue;
            };
            let explored = std::panic::catch_unwind(|| explore(&src, Strategy::Dfs));
            let dfs = explored.unwrap_or_else(|_| {
                panic!("{} failed the footprint assertion:\n{src}", native.name)
            });
            assert!(dfs.complete, "DFS did not cover {}:\n{src}", native.name);
            let dpor = explore(&src, Strategy::Dpor);
            assert!(dpor.complete, "DPOR did not cover {}:\n{src}", native.name);
            assert_eq!(
                outcomes(&dpor),
                outcomes(&dfs),
                "{}: DPOR's outcomes differ from DFS's\n{src}",
                native.name
            );
            checked += 1;
            if outcomes(&dfs).len() > 1 {
                differing += 1;
            }
        }
    }
    // The registry declares well over a hundred container-touching natives, and in most of
    // the programs the other thread's change shows in the outcome.
    assert!(checked >= 150, "{checked} programs");
    assert!(
        differing * 3 >= checked,
        "{differing} of {checked} show the race"
    );
}

/// The six programs the native-registry issue measured (DPOR claimed completeness with one
/// outcome where DFS finds two), and one the fuzzer found.
#[test]
fn formatting_and_counter_races_are_found_by_dpor() {
    let programs = [
        "lst = []\ndef w():\n    lst.append('x')\nX\nprint(','.join(lst))",
        "lst = []\ndef w():\n    lst.append(1)\nX\nprint(f\"{lst}\")",
        "lst = []\ndef w():\n    lst.append(1)\nX\nprint('{}'.format(lst))",
        "d = {'a': 1}\ndef w():\n    d['a'] = 2\nX\nprint('%(a)s' % d)",
        "inner = []\nouter = [inner]\ndef w():\n    inner.append(1)\nX\nprint(repr(outer))",
        "from collections import Counter\nc = Counter(a=3)\ndef w():\n    c.subtract({'a': 1})\nX\nprint(c['a'])",
        // An unbound method called through its type (found by the fuzzer).
        "lst = []\ndef w():\n    list.append(lst, 1)\nX\nprint(str.join(',', map(str, lst)))",
    ];
    for p in programs {
        let src = format!(
            "import threading\n{}\nt.join()\n",
            p.replace("X", "t = threading.Thread(target=w)\nt.start()")
        );
        let dpor = explore(&src, Strategy::Dpor);
        let dfs = explore(&src, Strategy::Dfs);
        assert!(dpor.complete && dfs.complete);
        assert_eq!(outcomes(&dpor).len(), 2, "{src}");
        assert_eq!(outcomes(&dpor), outcomes(&dfs), "{src}");
    }
}

/// The Python expression that names `native` for a call (None: not reachable by a program).
fn callee(native: &Native) -> Option<String> {
    let m = native.member();
    Some(match native.owner() {
        "" => m.to_string(),
        "str" => format!("'abc'.{m}"),
        "list" => format!("[1].{m}"),
        "dict" => format!("{{1: 1}}.{m}"),
        "set" => format!("{{1}}.{m}"),
        "tuple" => format!("(1,).{m}"),
        "deque" => format!("collections.deque([1]).{m}"),
        "Counter" => format!("collections.Counter([1]).{m}"),
        "int" => format!("(5).{m}"),
        "float" => format!("(5.0).{m}"),
        "range" => format!("range(3).{m}"),
        "generator" => format!("(x for x in [1]).{m}"),
        "lock" => format!("threading.Lock().{m}"),
        "sys.stdout" => format!("sys.stdout.{m}"),
        "sys.stderr" => format!("sys.stderr.{m}"),
        "_weft" | "BaseException" | "object" | "property" => return None,
        module => format!("{module}.{m}"),
    })
}

/// Calls of `native` with a wrong number of arguments or an unknown keyword.
fn wrong_calls(native: &Native) -> Vec<String> {
    let Some(f) = callee(native) else {
        return Vec::new();
    };
    let sig = native.signature();
    let (min, max) = (sig.min_positional(), sig.max_positional());
    let mut calls = Vec::new();
    if min > 0 {
        calls.push(format!("{f}({})", vec!["1"; min - 1].join(", ")));
    }
    if !sig.varargs {
        calls.push(format!("{f}({})", vec!["1"; max + 1].join(", ")));
    }
    if !sig.varkw {
        let args: Vec<&str> = vec!["1"; min];
        let sep = if args.is_empty() { "" } else { ", " };
        calls.push(format!("{f}({}{sep}no_such_keyword=1)", args.join(", ")));
    }
    calls
}

fn run_python(python: &str, src: &str) -> Option<String> {
    let out = Command::new(python).arg("-c").arg(src).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn report_program(calls: &[String]) -> String {
    let mut src = String::from(
        "import threading, collections, itertools, functools, math, random, time, sys, os\n",
    );
    for c in calls {
        let _ = writeln!(
            src,
            "try:\n    {c}\n    print({c:?}, '-> no error')\nexcept Exception as e:\n    print({c:?}, '->', type(e).__name__ + ':', e)"
        );
    }
    src
}

/// CPython 3.12's wording where weft's binder words it differently (3.13 changed several of
/// these again); each is still a TypeError.
const KNOWN_WORDING: &[&str] = &[
    "enumerate(",
    "sorted(1, no_such_keyword",
    "collections.deque([1]).rotate(",
    "super(",
    "object(",
    "min(",
    "max(",
    "type(",
    "range(",
    "slice(",
    "iter([1]).",
    "'abc'.encode(",
    "itertools.islice(",
    "itertools.count(",
    "collections.Counter(",
    "collections.defaultdict(",
    "collections.deque(1, 1, 1)",
    "functools.partial(",
    "threading.Lock().",
    "math.log(",
    "sys.exit(",
    "int(",
    "property(",
    // CPython words slot wrappers apart: "expected 0 arguments, got 1".
    "(x for x in [1]).__",
];

#[test]
fn every_native_called_with_wrong_arity_raises_cpythons_type_error() {
    let calls: Vec<String> = natives::all().flat_map(wrong_calls).collect();
    assert!(calls.len() > 400, "{} calls", calls.len());
    let src = report_program(&calls);
    let weft = Scenario::from_source("arity.py", &src, checked())
        .unwrap_or_else(|d| panic!("{d}"))
        .run(0);
    assert_eq!(weft.exit_status(), 0, "{}", weft.stderr());
    let lines: Vec<&str> = weft.stdout().lines().collect();
    assert_eq!(lines.len(), calls.len());
    for (call, line) in calls.iter().zip(&lines) {
        assert!(
            line.contains("-> TypeError:"),
            "{call} did not raise TypeError under weft: {line}"
        );
    }
    // Compare the wording with CPython's, where CPython has the callable.
    let python = [
        "/root/.pyenv/versions/3.12.1/bin/python3",
        "python3.12",
        "python3",
    ]
    .into_iter()
    .find(|p| run_python(p, "import sys; assert sys.version_info >= (3, 12)").is_some());
    let Some(python) = python else {
        eprintln!("no python3.12 here: the wording is not compared");
        return;
    };
    let cpython = run_python(python, &src).expect("python3 runs the calls");
    let mut compared = 0;
    let mut differ = Vec::new();
    for ((call, ours), theirs) in calls.iter().zip(&lines).zip(cpython.lines()) {
        if !theirs.contains("-> TypeError:") || KNOWN_WORDING.iter().any(|k| call.starts_with(k)) {
            continue;
        }
        if ours != &theirs {
            differ.push(format!("weft:    {ours}\ncpython: {theirs}"));
        }
        compared += 1;
    }
    assert!(
        differ.is_empty(),
        "CPython words these differently:\n{}",
        differ.join("\n")
    );
    assert!(compared > 250, "{compared} messages compared");
}

/// Arguments of every kind in every position: the program sees an exception (or a result),
/// weft never crashes.
#[test]
fn every_native_called_with_arguments_of_the_wrong_kind_raises_in_the_program() {
    let kinds = [
        "None",
        "'s'",
        "-1",
        "10**20",
        "1.5",
        "[1]",
        "{1: 2}",
        "(lambda: 0)",
        "float('nan')",
    ];
    let mut calls = Vec::new();
    for native in natives::all() {
        let Some(f) = callee(native) else { continue };
        if matches!(
            native.effect,
            Effect::Sleep | Effect::Sync | Effect::Print(_)
        ) {
            continue;
        }
        if native.name == "sys.exit" {
            continue;
        }
        let sig = native.signature();
        let n = sig.min_positional().max(1).min(sig.max_positional().max(1));
        for k in kinds {
            calls.push(format!("{f}({})", vec![k; n].join(", ")));
        }
    }
    let src = report_program(&calls);
    let program =
        Scenario::from_source("kinds.py", &src, checked()).unwrap_or_else(|d| panic!("{d}"));
    let run = std::panic::catch_unwind(|| program.run(0)).unwrap_or_else(|_| {
        let path = crate::root().join("target/kinds.py");
        std::fs::write(&path, &src).unwrap();
        panic!(
            "the program (written to {}) failed the footprint assertion",
            path.display()
        )
    });
    assert_eq!(run.exit_status(), 0, "{}", run.stderr());
    assert_eq!(run.stdout().lines().count(), calls.len());
}

/// Every scenario and every program of the race and language corpora runs with the footprint
/// assertion: no step touches a container its operation did not announce.
#[test]
fn every_scenario_and_corpus_program_touches_only_what_it_announces() {
    let root = crate::root();
    let mut files = Vec::new();
    for dir in [
        "scenarios/classic",
        "scenarios/course",
        "scenarios/bench",
        "tests/corpus/races",
        "tests/corpus/lang",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 250, "{} files", files.len());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let Ok(program) = Scenario::from_source(&path.to_string_lossy(), &source, checked()) else {
            continue;
        };
        // The first executions of each: enough to run every line the program reaches, within
        // the CLI's default step bound.
        let program = program.with_max_steps(20_000).without_trace();
        let config = ExploreConfig {
            strategy: Strategy::Dpor,
            max_executions: Some(8),
            minimize: false,
            ..ExploreConfig::default()
        };
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| program.explore(&config)));
        assert!(outcome.is_ok(), "{} overran a footprint", path.display());
    }
}

/// `_weft` is the preludes' access to the machine (happens-before edges, thread starts, findings):
/// a program cannot import it, in any form.
#[test]
fn a_program_cannot_import_weft_internals() {
    for src in [
        "import _weft\n",
        "from _weft import hb_release\n",
        "import _weft as w\n",
        "def f():\n    import _weft\n",
    ] {
        let err = Scenario::from_source("internals.py", src, Default::default())
            .err()
            .unwrap_or_else(|| panic!("{src:?} was accepted"));
        assert!(
            err.to_string().contains("module '_weft' is not modelled"),
            "{src:?}: {err}"
        );
    }
}
