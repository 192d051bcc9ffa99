//! The `weft` command end to end: exit codes, diagnostics for bad input, replay of a printed schedule.

use crate::{root, weft_bin};
use std::process::Command;

fn weft_on_source(name: &str, source: &str, args: &[&str]) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("weft-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, source).unwrap();
    let mut cmd = Command::new(weft_bin());
    cmd.arg("run").arg(&path).args(args);
    cmd.output()
        .expect("the weft binary runs (make test builds it first)")
}

fn assert_diagnostic(name: &str, source: &str, line_col: &str, needle: &str) {
    let out = weft_on_source(name, source, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
    assert!(
        stderr.contains(&format!("{name}:{line_col}")),
        "{name}: no file:line:col in {stderr}"
    );
    assert!(stderr.contains(needle), "{name}: {stderr}");
    assert!(stderr.contains('^'), "{name}: no caret in {stderr}");
}

#[test]
fn bad_input_exits_2_with_file_line_col() {
    assert_diagnostic(
        "syntax.py",
        "x = 1\nif x ==:\n    pass\n",
        "2:",
        "SyntaxError",
    );
    assert_diagnostic("indent.py", "x = 1\n    y = 2\n", "2:", "IndentationError");
    assert_diagnostic(
        "async.py",
        "async def f():\n    pass\n",
        "1:1",
        "`async def`",
    );
    assert_diagnostic(
        "requests.py",
        "import threading\nimport requests\n",
        "2:8",
        "module 'requests' is not modelled",
    );
    assert_diagnostic(
        "match.py",
        "match 1:\n    case 1:\n        pass\n",
        "1:1",
        "`match`",
    );
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_crash() {
    let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    let out = weft_on_source("deep.py", &deep, &[]);
    assert_eq!(out.status.code(), Some(2));
    let long = format!("x = {}\nprint(x)\n", vec!["1"; 20000].join(" + "));
    let out = weft_on_source("long.py", &long, &[]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(2),
        "{out:?}"
    );
}

#[test]
fn empty_file_runs_and_exits_0() {
    let out = weft_on_source("empty.py", "", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_failing_run_prints_a_schedule_that_replays_byte_identically() {
    let file = root().join("scenarios/classic/counter_race.py");
    let mut found = false;
    for seed in 0..=99u64 {
        let run = Command::new(weft_bin())
            .args(["run"])
            .arg(&file)
            .args(["--seed", &seed.to_string(), "--trace=json"])
            .output()
            .unwrap();
        if run.status.code() != Some(1) {
            continue;
        }
        let stderr = String::from_utf8_lossy(&run.stderr).to_string();
        if !stderr.contains("assertion:") {
            continue;
        }
        assert!(
            stderr.contains("Thread-1 (") && stderr.contains("Thread-2 ("),
            "{stderr}"
        );
        let replay_line = stderr
            .lines()
            .skip_while(|l| !l.starts_with("replay it with:"))
            .nth(1)
            .unwrap()
            .trim()
            .to_string();
        let parts: Vec<&str> = replay_line.split_whitespace().collect();
        assert_eq!(parts[0], "weft");
        let replay = Command::new(weft_bin())
            .arg("replay")
            .arg(&file)
            .arg(parts[3])
            .args(["--seed", parts[5], "--trace=json"])
            .output()
            .unwrap();
        assert_eq!(replay.status.code(), Some(1));
        assert_eq!(
            run.stdout, replay.stdout,
            "seed {seed}: stdout differs on replay"
        );
        let strip = |s: &[u8]| {
            String::from_utf8_lossy(s)
                .replace("weft replay", "")
                .replace(&format!("--seed {seed}"), "")
        };
        assert_eq!(
            strip(&run.stderr),
            strip(&replay.stderr),
            "seed {seed}: trace and summary differ on replay"
        );
        found = true;
        break;
    }
    assert!(found, "no seed in 0..=99 showed the lost update");
}

/// The README's first command (the main job, on a bundled scenario) does what the README says:
/// the lost update fails the assertion, the race is reported, and the printed replay command
/// reproduces the run byte for byte.
#[test]
fn the_readme_demo_command_shows_the_lost_update_and_replays() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run -q -p weft-cli -- run "))
        .expect("the README's run command");
    let command = line.split('#').next().unwrap();
    let args: Vec<&str> = command
        .split_whitespace()
        .skip_while(|w| *w != "--")
        .skip(1)
        .collect();
    let out = Command::new(weft_bin())
        .current_dir(root())
        .args(&args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("AssertionError"), "{stderr}");
    assert!(stderr.contains("assertion:"), "{stderr}");
    assert!(stderr.contains("race: data race on counter"), "{stderr}");
    let replay = stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("weft replay "))
        .expect("a replay command");
    let replay_args: Vec<&str> = replay.split_whitespace().skip(1).collect();
    let again = Command::new(weft_bin())
        .current_dir(root())
        .args(&replay_args)
        .output()
        .unwrap();
    assert_eq!(again.stdout, out.stdout);
    assert!(String::from_utf8_lossy(&again.stderr).contains("AssertionError"));
}

/// An exploration longer than a second shows progress only on a terminal: with stderr captured
/// (a pipe, as in CI) stderr stays empty and stdout holds only the report.
#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let out = Command::new(weft_bin())
        .current_dir(root())
        .args([
            "explore",
            "scenarios/bench/lastzero_10.py",
            "--strategy",
            "dpor",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("3328 executions (dpor), complete"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// Help and usage errors: every help shows examples on bundled scenarios, and a mistyped value,
// subcommand, flag or file name gets a suggestion.

fn weft_at_root(args: &[&str]) -> std::process::Output {
    Command::new(weft_bin())
        .current_dir(root())
        .args(args)
        .output()
        .expect("the weft binary runs (make test builds it first)")
}

/// The subcommands `weft --help` lists (clap's own `help` left out).
fn subcommands() -> Vec<String> {
    let help = String::from_utf8(weft_at_root(&["--help"]).stdout).unwrap();
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn weft_help_and_every_subcommand_help_show_examples() {
    let commands = subcommands();
    for expected in ["run", "replay", "explore", "merge", "graph", "test"] {
        assert!(commands.iter().any(|c| c == expected), "{commands:?}");
    }
    let mut invocations: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"]];
    for command in &commands {
        invocations.push(vec![command, "--help"]);
        invocations.push(vec!["help", command]);
    }
    for args in invocations {
        let out = weft_at_root(&args);
        let help = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "weft {args:?}");
        let examples = help
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("no Examples: in `weft {}`:\n{help}", args.join(" ")))
            .1;
        // The examples run bundled scenarios, and those exist.
        let mut scenarios = 0;
        for word in examples.split_whitespace() {
            if word.starts_with("scenarios/") && word.ends_with(".py") {
                assert!(root().join(word).is_file(), "`weft {args:?}`: {word}");
                scenarios += 1;
            }
        }
        // (`weft bench` runs the bundled benchmark suite: it takes no file.)
        assert!(
            scenarios > 0 || args.contains(&"bench"),
            "`weft {args:?}` has no example on a scenario"
        );
    }
}

#[test]
fn a_mistyped_strategy_exits_2_and_suggests_dpor() {
    let out = weft_at_root(&[
        "explore",
        "scenarios/classic/abba_deadlock.py",
        "--strategy",
        "dpr",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("dpor")
                && (l.contains("did you mean") || l.contains("similar value"))),
        "no suggestion of dpor: {stderr}"
    );
}

#[test]
fn mistyped_subcommands_flags_and_files_get_a_suggestion() {
    let cases: [(&[&str], &str); 4] = [
        (&["explor", "scenarios/classic/abba_deadlock.py"], "explore"),
        (
            &[
                "explore",
                "scenarios/classic/abba_deadlock.py",
                "--strategi",
                "dpor",
            ],
            "--strategy",
        ),
        (
            &[
                "graph",
                "scenarios/classic/abba_deadlock.py",
                "--format",
                "mermaidd",
            ],
            "'mermaid'",
        ),
        (
            &["explore", "scenarios/classic/philosopher_3_deadlock.py"],
            "did you mean scenarios/classic/philosophers_3_deadlock.py?",
        ),
    ];
    for (args, suggestion) in cases {
        let out = weft_at_root(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "weft {args:?}: {stderr}");
        assert!(stderr.contains(suggestion), "weft {args:?}: {stderr}");
    }
    let out = weft_at_root(&["explore", "scenarios/classic"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("weft test scenarios/classic"), "{stderr}");
}

/// Every construct outside the supported subset is a `file:line:col` diagnostic that names it
/// (exit 2, the source line, a caret), never a crash or a wrong run.
#[test]
fn every_unsupported_construct_is_a_diagnostic_naming_it() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "async_def.py",
            "async def f():\n    pass\n",
            "1:1",
            "`async def`",
        ),
        (
            "async_for.py",
            "def f():\n    pass\nasync def g():\n    async for x in y:\n        pass\n",
            "3:1",
            "`async def`",
        ),
        ("await.py", "x = 1\nawait x\n", "2:", "`await`"),
        (
            "async_comp.py",
            "x = [i async for i in y]\n",
            "1:",
            "async comprehensions",
        ),
        (
            "match.py",
            "match 1:\n    case 1:\n        pass\n",
            "1:1",
            "`match`",
        ),
        (
            "except_star.py",
            "try:\n    pass\nexcept* ValueError:\n    pass\n",
            "3:1",
            "`except*`",
        ),
        (
            "type_stmt.py",
            "type X = int\n",
            "1:1",
            "the `type` statement",
        ),
        (
            "yield_from.py",
            "def f():\n    yield from [1]\n",
            "2:5",
            "`yield from`",
        ),
        (
            "relative.py",
            "from . import x\n",
            "1:1",
            "relative imports",
        ),
        (
            "metaclass.py",
            "class M(type):\n    pass\nclass A(metaclass=M):\n    pass\n",
            "3:9",
            "metaclasses",
        ),
        (
            "socket.py",
            "import socket\n",
            "1:8",
            "module 'socket' is not modelled",
        ),
        (
            "asyncio.py",
            "import asyncio\n",
            "1:8",
            "module 'asyncio' is not modelled",
        ),
    ];
    for (name, source, line_col, needle) in cases {
        assert_diagnostic(name, source, line_col, needle);
    }
}
