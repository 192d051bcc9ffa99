//! Snapshot tests of weft's output, written as a user of the `weft` crate would write them in
//! their own project: load a Python scenario, run a seed or explore, snapshot the text.

use weft::{ExploreConfig, FindingKind, Scenario};

// Tests run in the crate's directory: the scenario's path, as written here, is the file name
// in the traces, so the snapshots do not depend on where the repository is.
const COUNTER_RACE: &str = "../../scenarios/classic/counter_race.py";

#[test]
fn seed_3_loses_an_update() {
    let scenario = Scenario::load(COUNTER_RACE).unwrap();
    let run = scenario.run(3);
    assert_eq!(run.stdout(), "3\n");
    assert!(run.findings_of(FindingKind::Assertion).next().is_some());
    insta::assert_snapshot!(run.trace().to_string());
}

#[test]
fn exploring_finds_the_lost_update_and_the_races() {
    let scenario = Scenario::load(COUNTER_RACE).unwrap();
    let report = scenario.explore(&ExploreConfig::default()).unwrap();
    assert!(report.complete);
    let findings: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}: {}\n  replay: {}\n", f.kind, f.message, f.schedule))
        .collect();
    insta::assert_snapshot!(findings.join("\n"));
}
