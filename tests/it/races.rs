//! The race corpus, tests/corpus/races: pairs of small threaded programs, `NN_name_ok.py`
//! correctly synchronised (a lock, join, Event, Queue, Condition, Barrier, Semaphore, start(),
//! futures, ...) and `NN_name_racy.py`, a minimal variant with the synchronisation removed or
//! misplaced. Every program is explored exhaustively with the defaults: an `_ok` program has no
//! finding at all (no false race); a `_racy` one has exactly the races its header lists, one
//! `# race: LOCATION LINE LINE` line per race (the location as the report names it, then the
//! lines of the two accesses in any order), and nothing else. Each race is reported once per pair
//! of access sites, with the count of executions that showed it, and its message names the
//! location, both threads, whether each read or wrote, and both `file:line` sites. Every program
//! also runs under python3 (exit status 0), and an `_ok` program's python3 output is one of the
//! outputs the exploration found.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use weft::{ExploreConfig, ExploreReport, FindingKind};
use weft_explore::FindingDetails;

/// A race as the test compares it: the location's name and the two lines, in order.
type RaceLines = (String, [u32; 2]);

fn race_corpus() -> Vec<PathBuf> {
    let dir = crate::root().join("tests/corpus/races");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// The `# race: LOCATION LINE LINE` lines of a program's header.
fn expected_races(name: &str, source: &str) -> BTreeSet<RaceLines> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("# race:"))
        .map(|spec| {
            let words: Vec<&str> = spec.split_whitespace().collect();
            assert!(words.len() >= 3, "{name}: bad race line `{spec}`");
            let line = |w: &str| -> u32 {
                w.parse()
                    .unwrap_or_else(|_| panic!("{name}: bad line `{w}` in `{spec}`"))
            };
            let (a, b) = (line(words[words.len() - 2]), line(words[words.len() - 1]));
            (words[..words.len() - 2].join(" "), [a.min(b), a.max(b)])
        })
        .collect()
}

/// The python3 interpreter itself: the `python3` on the PATH may be a wrapper script (pyenv's
/// shim) that costs more than the corpus programs take to run.
fn python3_executable() -> PathBuf {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3 runs");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn start_python3(python: &Path, program: &Path) -> Child {
    Command::new(python)
        .arg(program)
        .current_dir(crate::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs")
}

/// What is wrong with the races of one explored program (nothing when the list is empty).
fn race_problems(
    name: &str,
    report: &ExploreReport,
    expected: &BTreeSet<RaceLines>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut found: BTreeSet<RaceLines> = BTreeSet::new();
    let mut site_pairs = BTreeSet::new();
    for finding in &report.findings {
        if finding.kind != FindingKind::Race {
            problems.push(format!(
                "{name}: unexpected {}: {}",
                finding.kind, finding.message
            ));
            continue;
        }
        let FindingDetails::Race(race) = &finding.details else {
            panic!("{name}: a race finding without race details: {finding:?}");
        };
        let (a, b) = (&race.first, &race.second);
        let lines = [a.site.line.min(b.site.line), a.site.line.max(b.site.line)];
        let mut sites = [(a.site.line, a.is_write), (b.site.line, b.is_write)];
        sites.sort();
        if !site_pairs.insert((race.location.clone(), sites)) {
            problems.push(format!(
                "{name}: the race on {} between lines {lines:?} ({sites:?}) is reported twice; \
                 the second time as: {}",
                race.location, finding.message
            ));
        }
        let verb = |w: bool| if w { "writes" } else { "reads" };
        let mut needles = vec![format!("data race on {}:", race.location)];
        for side in [a, b] {
            needles.push(format!(
                "{} {} it at {}:{}",
                side.thread_name,
                verb(side.is_write),
                side.site.file,
                side.site.line
            ));
        }
        for needle in needles {
            if !finding.message.contains(&needle) {
                problems.push(format!(
                    "{name}: the message lacks `{needle}`: {}",
                    finding.message
                ));
            }
        }
        if finding.executions == 0 {
            problems.push(format!(
                "{name}: a race seen in no execution: {}",
                finding.message
            ));
        }
        if !expected.contains(&(race.location.clone(), lines)) {
            problems.push(format!(
                "{name}: unexpected race on {} at lines {lines:?}: {}",
                race.location, finding.message
            ));
        }
        found.insert((race.location.clone(), lines));
    }
    for (location, lines) in expected.difference(&found) {
        problems.push(format!(
            "{name}: missed the race on {location} at lines {lines:?}; found {found:?}"
        ));
    }
    problems
}

/// What is wrong with one corpus program (nothing when the list is empty), given its python3
/// run (started before exploring it, so that the two overlap).
fn check_program(path: &Path, racy: bool, cpython: Child) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let source = std::fs::read_to_string(path).unwrap();
    let expected = expected_races(&name, &source);
    let mut problems = Vec::new();
    if racy == expected.is_empty() {
        problems.push(format!(
            "{name}: {} `# race:` lines",
            if racy {
                "a racy program needs"
            } else {
                "an ok program has"
            }
        ));
    }
    // One subtree: splitting the top of the schedule tree into subtrees (for --jobs and
    // --shard) costs more than exploring a program this small, and findings do not depend on it.
    let config = ExploreConfig {
        split_items: 1,
        ..ExploreConfig::default()
    };
    let report = crate::load(path).explore(&config).unwrap();
    if !report.complete {
        problems.push(format!(
            "{name}: exploration incomplete after {} executions ({:?}); keep corpus programs small",
            report.executions, report.incomplete_reason
        ));
    }
    problems.extend(race_problems(&name, &report, &expected));
    let cpython = cpython.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&cpython.stdout);
    if !cpython.status.success() {
        problems.push(format!(
            "{name}: python3 failed: {}",
            String::from_utf8_lossy(&cpython.stderr)
        ));
    } else if !racy && !report.outcomes.iter().any(|o| o.stdout == stdout) {
        let outcomes: Vec<&str> = report.outcomes.iter().map(|o| o.stdout.as_str()).collect();
        problems.push(format!(
            "{name}: python3 printed {stdout:?}, which no explored execution printed: {outcomes:?}"
        ));
    }
    problems
}

#[test]
fn race_corpus_ok_programs_have_no_race_and_racy_ones_exactly_their_races() {
    let python = python3_executable();
    let mut problems: Vec<String> = Vec::new();
    let mut ok_names = BTreeSet::new();
    let mut racy_names = BTreeSet::new();
    let mut programs = Vec::new();
    for path in race_corpus() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let stem = name.trim_end_matches(".py");
        let racy = if let Some(pair) = stem.strip_suffix("_racy") {
            racy_names.insert(pair.to_string());
            true
        } else if let Some(pair) = stem.strip_suffix("_ok") {
            ok_names.insert(pair.to_string());
            false
        } else {
            panic!("{name}: a corpus file is named NN_name_ok.py or NN_name_racy.py");
        };
        programs.push((path, racy));
    }
    // A few python3 runs at a time, alongside the explorations.
    for batch in programs.chunks(4) {
        let runs: Vec<Child> = batch
            .iter()
            .map(|(path, _)| start_python3(&python, path))
            .collect();
        for ((path, racy), cpython) in batch.iter().zip(runs) {
            problems.extend(check_program(path, *racy, cpython));
        }
    }
    for unpaired in ok_names.symmetric_difference(&racy_names) {
        problems.push(format!(
            "{unpaired}: needs both {unpaired}_ok.py and {unpaired}_racy.py"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let pairs = ok_names.intersection(&racy_names).count();
    assert!(
        pairs >= 30,
        "the race corpus has {pairs} pairs; it needs at least 30"
    );
}
