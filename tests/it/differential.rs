//! Differential tests against python3: every program of tests/corpus/lang runs under weft and
//! under python3, and stdout (and, for programs ending in an exception, the traceback's user frames
//! and final line) must be equal. Programs listed in KNOWN_FAILURES are today's known differences
//! (each with a FIXME); the test fails when one of them starts to pass, so the list stays true.

use crate::root;
use std::process::Command;

#[allow(unused_imports)]
use std::panic::AssertUnwindSafe as _;

/// The lines of a traceback that are compared: the header, `File` lines of user code and their
/// source lines, a placeholder for each library frame (their paths and lines differ between
/// versions, but a frame CPython does not show, or misses, is a difference), and the final
/// exception line (caret marker lines differ between versions).
fn traceback_core(stderr: &str) -> Vec<String> {
    let Some(start) = stderr.rfind("Traceback (most recent call last):") else {
        return Vec::new();
    };
    let lines: Vec<&str> = stderr[start..].lines().collect();
    let mut out = Vec::new();
    let mut skip_source = false;
    for l in &lines {
        let t = l.trim_start();
        if t.starts_with("File ") {
            skip_source = !t.contains("tests/corpus/lang/");
            out.push(if skip_source {
                "  <library frame>".to_string()
            } else {
                l.to_string()
            });
        } else if l.starts_with("    ") {
            let is_marker = t.chars().all(|c| matches!(c, '^' | '~' | ' '));
            if !skip_source && !is_marker {
                out.push(l.to_string());
            }
        } else {
            out.push(l.to_string());
        }
    }
    out.retain(|l| !l.trim().is_empty() && !l.trim_start().starts_with("[Previous line repeated"));
    // RecursionError tracebacks are long; compare the head and the last line.
    if out.len() > 12 {
        let last = out.last().cloned().unwrap_or_default();
        out.truncate(7);
        out.push(last);
    }
    out
}

#[test]
fn corpus_matches_python3() {
    let dir = root().join("tests/corpus/lang");
    let known: Vec<String> = std::fs::read_to_string(dir.join("KNOWN_FAILURES"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let files = python_files(&dir, 120, |_| true);
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (expected_out, py_err) = python3(path);
        let expected_tb = traceback_core(&py_err);
        let program = crate::load(path);
        let run = std::panic::catch_unwind(|| {
            let run = program.run(0);
            (run.stdout().to_string(), run.stderr().to_string())
        });
        let (out, err) = run.unwrap_or_else(|_| ("<weft panicked>".into(), String::new()));
        let same = out == expected_out && traceback_core(&err) == expected_tb;
        match (same, known.contains(&name)) {
            (false, false) => unexpected.push(format!(
                "{name}: weft differs from python3\n--- python3 stdout\n{expected_out}--- weft stdout\n{}--- python3 traceback\n{}\n--- weft traceback\n{}",
                out,
                expected_tb.join("\n"),
                traceback_core(&err).join("\n")
            )),
            (true, true) => fixed.push(name),
            _ => {}
        }
    }
    assert!(
        unexpected.is_empty(),
        "{} program(s) differ:\n{}",
        unexpected.len(),
        unexpected.join("\n\n")
    );
    assert!(
        fixed.is_empty(),
        "these now match python3; remove them from KNOWN_FAILURES: {fixed:?}"
    );
}

/// The `.py` files of `dir` whose names `keep` accepts, sorted; at least `min` of them.
fn python_files(
    dir: &std::path::Path,
    min: usize,
    keep: impl Fn(&str) -> bool,
) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "py")
                && keep(&p.file_name().unwrap().to_string_lossy())
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "{} has {} programs",
        dir.display(),
        files.len()
    );
    files
}

/// `python3` on the program at `path`, run from the project root in weft's local time zone (UTC,
/// docs/SEMANTICS.md): its stdout, and its stderr with the root's path taken out (CPython prints
/// the script's absolute path in tracebacks; weft prints the path it was given).
fn python3(path: &std::path::Path) -> (String, String) {
    let rel = path.strip_prefix(root()).unwrap();
    let py = Command::new("python3")
        .arg(rel)
        .env("TZ", "UTC")
        .current_dir(root())
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&py.stderr).replace(&format!("{}/", root().display()), "");
    (String::from_utf8_lossy(&py.stdout).to_string(), stderr)
}

/// The corpus programs about logging write to stderr (lastResort, the default StreamHandler): their
/// whole stderr must equal python3's, not only a traceback's core.
#[test]
fn corpus_logging_stderr_matches_python3() {
    let files = python_files(&root().join("tests/corpus/lang"), 5, |name| {
        name.contains("logging")
    });
    let mut differ = Vec::new();
    for path in &files {
        let (_, expected) = python3(path);
        let run = crate::load(path).run(0);
        if run.stderr() != expected {
            differ.push(format!(
                "{}\n--- python3 stderr\n{expected}--- weft stderr\n{}",
                path.display(),
                run.stderr()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "stderr differs:\n{}",
        differ.join("\n\n")
    );
}
