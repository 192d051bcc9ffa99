//! The fuzzer in `make test`: every crash it has found is a program in tests/corpus/crashes/ that
//! must not crash weft (panic, signal, exit 3, hang), except those still listed as crashing
//! below; and a short deterministic fuzzing run (fixed seed, a fixed number of programs) finds
//! no crash other than those.

use crate::{root, weft_bin};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;
use weft_fuzz::campaign::{run_campaign, Campaign, Settings};
use weft_fuzz::oracle::{Crash, Oracle};

/// FIXME: reproducers in tests/corpus/crashes/ that still crash weft, with the start of the
/// crash's signature (a panic's file without its line). Fixing one makes
/// `crash_reproducers_do_not_crash_except_the_listed_ones` fail until its line is removed here; a
/// new crash is a new file and, until fixed, a new line. Today none: the 77 natives that panicked
/// on missing arguments bind them first (the native registry), the deep values raise
/// RecursionError, and the hangs end at the instruction limit.
const STILL_CRASHING: &[(&str, &str)] = &[];

/// Seconds before a run counts as a hang: far above what any of these programs takes (tens of
/// milliseconds, a few seconds for those that end at the instruction limit), so that a loaded
/// machine does not turn a slow run into a false hang.
const TIMEOUT_SECS: u64 = 30;

fn oracle(name: &str) -> Oracle {
    let work_dir = root()
        .join("target/fuzz")
        .join(format!("test-{name}-{}", std::process::id()));
    let mut oracle = Oracle::new(weft_bin(), work_dir);
    oracle.timeout = Duration::from_secs(TIMEOUT_SECS);
    oracle
}

fn reproducers() -> Vec<PathBuf> {
    let dir = root().join("tests/corpus/crashes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

/// Each reproducer's crash today (None: it does not crash), computed once for both tests.
fn crashes_of_reproducers() -> &'static BTreeMap<String, Option<Crash>> {
    static CRASHES: OnceLock<BTreeMap<String, Option<Crash>>> = OnceLock::new();
    CRASHES.get_or_init(|| {
        let oracle = oracle("reproducers");
        let crashes = reproducers()
            .into_iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let program = std::fs::read(&path).unwrap();
                (name, oracle.check(&program).unwrap())
            })
            .collect();
        let _ = std::fs::remove_dir_all(&oracle.work_dir);
        crashes
    })
}

#[test]
fn crash_reproducers_do_not_crash_except_the_listed_ones() {
    let crashes = crashes_of_reproducers();
    assert!(
        !crashes.is_empty(),
        "tests/corpus/crashes/ holds the fuzzer's reproducers"
    );
    for (listed, _) in STILL_CRASHING {
        assert!(
            crashes.contains_key(*listed),
            "{listed} is listed as crashing but is not in tests/corpus/crashes/"
        );
    }
    let mut wrong = Vec::new();
    for (name, crash) in crashes {
        let listed = STILL_CRASHING.iter().find(|(n, _)| n == name);
        match (crash, listed) {
            (Some(crash), None) => wrong.push(format!(
                "{name} crashes weft: {} (weft {})\n{}",
                crash.signature(),
                crash.args.join(" "),
                crash.message
            )),
            (None, Some(_)) => wrong.push(format!(
                "{name} no longer crashes weft: remove it from STILL_CRASHING"
            )),
            (Some(crash), Some((_, why))) => assert!(
                crash.signature().starts_with(why),
                "{name} crashes differently: {} (listed: {why})",
                crash.signature()
            ),
            (None, None) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The seed and length of the deterministic run; program I of it is
/// `weft-fuzz --seed 20261207 --print-program I`.
const SHORT_RUN_SEED: u64 = 20261207;
const SHORT_RUN_PROGRAMS: u64 = 150;

#[test]
fn a_short_deterministic_fuzz_run_finds_no_new_crash() {
    let inputs = weft_fuzz::corpus::load_inputs(&root(), weft_fuzz::INPUT_DIRS).unwrap();
    assert!(inputs.len() > 300, "only {} input files", inputs.len());
    let names = weft_fuzz::natives::native_names();
    let natives: Vec<&str> = names.iter().map(String::as_str).collect();
    let campaign = Campaign {
        seed: SHORT_RUN_SEED,
        inputs: &inputs,
        natives: &natives,
        modules: &weft_fuzz::natives::modules(),
    };
    let oracle = oracle("short-run");
    let settings = Settings {
        minimize: false,
        max_minimize_tests: 0,
        out_dir: None,
        known_signatures: Default::default(),
    };
    let summary = run_campaign(
        &campaign,
        &oracle,
        &settings,
        |programs| programs < SHORT_RUN_PROGRAMS,
        |_| {},
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&oracle.work_dir);
    eprintln!("{}", summary.line(SHORT_RUN_SEED, None));
    assert_eq!(summary.programs, SHORT_RUN_PROGRAMS);
    let known: Vec<String> = crashes_of_reproducers()
        .values()
        .flatten()
        .map(Crash::signature)
        .collect();
    let new: Vec<String> = summary
        .crashes
        .iter()
        .filter(|(signature, _)| !known.contains(signature))
        .map(|(signature, found)| {
            format!(
                "{signature} (weft {}): program {} ({}), regenerate it with `weft-fuzz --seed {SHORT_RUN_SEED} --print-program {}`\n{}",
                found.crash.args.join(" "),
                found.iteration,
                found.description,
                found.iteration,
                found.crash.message
            )
        })
        .collect();
    assert!(
        new.is_empty(),
        "crashes that no reproducer in tests/corpus/crashes/ shows:\n{}",
        new.join("\n\n")
    );
}
