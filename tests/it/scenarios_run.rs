//! Deadlocks and hangs found by seeded runs, with reports that name threads, locks and lines.

fn program(source: &str) -> weft::Scenario {
    weft::Scenario::from_source("prog.py", source, weft::RunOptions::default())
        .unwrap()
        .with_max_steps(10_000)
}

const ABBA: &str = r#"import threading
lock1 = threading.Lock()
lock2 = threading.Lock()
def one():
    with lock1:
        with lock2:
            pass
def two():
    with lock2:
        with lock1:
            pass
a = threading.Thread(target=one)
b = threading.Thread(target=two)
a.start(); b.start()
a.join(); b.join()
"#;

#[test]
fn abba_deadlocks_for_some_seed_and_the_report_names_threads_locks_and_lines() {
    let p = program(ABBA);
    let found = (0..100)
        .map(|s| p.run(s))
        .find(|r| r.findings.iter().any(|x| x.kind.as_str() == "deadlock"));
    let report = found.expect("some seed deadlocks");
    let msg = &report
        .findings
        .iter()
        .find(|x| x.kind.as_str() == "deadlock")
        .unwrap()
        .message;
    for needle in [
        "Thread-1 (one)",
        "Thread-2 (two)",
        "lock1",
        "lock2",
        "prog.py:6",
        "prog.py:10",
    ] {
        assert!(msg.contains(needle), "{needle} missing in: {msg}");
    }
    // Other seeds finish; the run still shows the inversion as a lock-order finding.
    assert!((0..100).any(|s| {
        let kinds: Vec<&str> = p.run(s).findings.iter().map(|f| f.kind.as_str()).collect();
        kinds == ["lock-order"]
    }));
}

#[test]
fn a_lock_nobody_releases_is_a_hang_not_a_deadlock() {
    let src = "import threading\nlock = threading.Lock()\ndef taker():\n    lock.acquire()\ndef waiter():\n    lock.acquire()\nt = threading.Thread(target=taker)\nt.start(); t.join()\nw = threading.Thread(target=waiter)\nw.start(); w.join()\n";
    let r = program(src).run(0);
    let hang = r
        .findings
        .iter()
        .find(|x| x.kind.as_str() == "hang")
        .unwrap_or_else(|| panic!("{:?}", r.findings));
    assert!(
        hang.message.contains("ended without releasing it"),
        "{}",
        hang.message
    );
    assert!(!r.findings.iter().any(|x| x.kind.as_str() == "deadlock"));
}

/// The classic bugs, explored with the defaults: the bug is found, its schedule is shrunk to the
/// fewest preemptions that show it (a DFS bounded to one preemption less does not find it), the
/// trace shown is the shrunk schedule's, and replaying the schedule reproduces the finding.
/// (The lost wakeup's greedy shrink stopped at one preemption; iterative bounding finds zero.)
/// Minimality is checked where the bounded space fits 50,000 executions.
#[test]
fn classic_bugs_are_found_shrunk_and_replayed() {
    let cases = [
        ("scenarios/classic/counter_race.py", "assertion"),
        ("scenarios/classic/abba_deadlock.py", "deadlock"),
        ("scenarios/classic/lost_wakeup.py", "hang"),
        ("scenarios/classic/philosophers_3_deadlock.py", "deadlock"),
        ("scenarios/bench/philosophers_4.py", "deadlock"),
        ("scenarios/classic/philosophers_5_deadlock.py", "deadlock"),
    ];
    for (file, kind) in cases {
        let program = crate::load(&crate::root().join(file));
        let report = program.explore(&weft::ExploreConfig::default()).unwrap();
        let finding = report
            .findings
            .iter()
            .find(|f| f.kind.as_str() == kind)
            .unwrap_or_else(|| panic!("{file}: no {kind} in {:?}", report.findings));
        assert!(!finding.trace.is_empty(), "{file}: no trace");
        let raw = program
            .explore(&weft::ExploreConfig {
                minimize: false,
                ..Default::default()
            })
            .unwrap();
        let raw = raw.findings.iter().find(|f| f.key == finding.key).unwrap();
        assert!(
            (finding.preemptions, finding.steps) <= (raw.preemptions, raw.steps),
            "{file}: shrinking made it worse"
        );
        let replay = program.replay(&finding.schedule, finding.program_seed);
        assert!(replay.mismatch.is_none(), "{file}: {:?}", replay.mismatch);
        assert_eq!(
            weft_report::trace_text(&replay.trace().events),
            weft_report::trace_text(&finding.trace),
            "{file}: the trace shown is not the schedule's"
        );
        assert!(
            replay
                .findings
                .iter()
                .any(|f| f.kind == finding.kind && f.key == finding.key),
            "{file}: the replay of {} does not show the {kind}",
            finding.schedule
        );
        if finding.preemptions > 0 {
            let fewer = program
                .explore(&weft::ExploreConfig {
                    strategy: weft::Strategy::Dfs,
                    preemption_bound: Some(finding.preemptions - 1),
                    max_executions: Some(50_000),
                    minimize: false,
                    ..Default::default()
                })
                .unwrap();
            // Where the bounded space fits the budget, it must not hold the finding.
            assert!(
                !fewer.complete || fewer.findings.iter().all(|f| f.kind.as_str() != kind),
                "{file}: a {kind} with {} preemptions exists, the report shows {}",
                finding.preemptions - 1,
                finding.preemptions
            );
        }
    }
}
