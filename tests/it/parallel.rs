//! Exploring in parallel changes nothing but the time: `--jobs 2` reports exactly what
//! `--jobs 1` does, and the shards of `--shard I/N`, merged by `weft merge`, report exactly what
//! one unsharded run does (counts, outcomes, findings, lock-order cycles).

use crate::{load, root, weft_bin};
use std::process::Command;
use weft::{ExploreConfig, Strategy};

/// Scenarios with findings of several kinds (a race, a deadlock, a lock-order cycle, a hang) and
/// many outcomes.
const SCENARIOS: &[&str] = &[
    "scenarios/classic/counter_race.py",
    "scenarios/classic/philosophers_3_deadlock.py",
    "scenarios/classic/abba_deadlock.py",
    "scenarios/classic/lost_wakeup.py",
    "scenarios/classic/join_while_holding_lock.py",
    "scenarios/bench/lastzero_5.py",
];

fn config(strategy: Strategy) -> ExploreConfig {
    ExploreConfig {
        strategy,
        max_executions: Some(5_000),
        ..ExploreConfig::default()
    }
}

fn json(file: &str, report: &weft::ExploreReport) -> String {
    weft_report::report_json(file, report, &weft_report::rendered_findings(report))
}

#[test]
fn two_jobs_report_exactly_what_one_job_reports() {
    for file in SCENARIOS {
        let program = load(&root().join(file));
        for strategy in [Strategy::Dpor, Strategy::SourceDpor, Strategy::Dfs] {
            let one = program.explore(&config(strategy)).unwrap();
            let two = program
                .explore(&ExploreConfig {
                    jobs: 2,
                    ..config(strategy)
                })
                .unwrap();
            assert_eq!(
                json(file, &one),
                json(file, &two),
                "{file}, {}",
                strategy.name()
            );
        }
    }
}

#[test]
fn three_shards_merge_to_the_report_of_one_run() {
    let mut compared = 0;
    for file in SCENARIOS {
        let program = load(&root().join(file));
        for strategy in [Strategy::Dpor, Strategy::Dfs] {
            let whole = program.explore(&config(strategy)).unwrap();
            if !whole.complete {
                // Budgets apply per shard: only whole spaces partition exactly.
                continue;
            }
            compared += 1;
            let shards: Vec<weft::ExploreReport> = (0..3)
                .map(|i| {
                    program
                        .explore(&ExploreConfig {
                            shard: Some((i, 3)),
                            ..config(strategy)
                        })
                        .unwrap()
                })
                .collect();
            // The shards share the work without overlap.
            let sizes: Vec<usize> = shards.iter().map(|s| s.executions).collect();
            assert_eq!(sizes.iter().sum::<usize>(), whole.executions, "{file}");
            let merged = weft_explore::merge_reports(&shards);
            assert_eq!(merged.executions, whole.executions, "{file}");
            assert_eq!(json(file, &merged), json(file, &whole), "{file}");
        }
    }
    assert!(
        compared >= SCENARIOS.len(),
        "{compared} explorations compared"
    );
}

fn weft(args: &[&str]) -> std::process::Output {
    Command::new(weft_bin())
        .current_dir(root())
        .args(args)
        .output()
        .expect("the weft binary runs (make test builds it first)")
}

#[test]
fn weft_merge_combines_shard_reports_written_by_separate_processes() {
    let dir = std::env::temp_dir().join(format!("weft-merge-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = "scenarios/classic/philosophers_3_deadlock.py";
    let mut paths = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let out = weft(&[
            "explore",
            file,
            "--strategy",
            "dpor",
            "--shard",
            &shard,
            "--json",
        ]);
        let path = dir.join(format!("shard{i}.json"));
        std::fs::write(&path, &out.stdout).unwrap();
        paths.push(path.to_string_lossy().to_string());
    }
    let whole = weft(&["explore", file, "--strategy", "dpor", "--outcomes"]);
    let mut args = vec!["merge", "--outcomes"];
    args.extend(paths.iter().map(String::as_str));
    let merged = weft(&args);
    assert_eq!(merged.status.code(), whole.status.code());
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&whole.stdout)
    );
    assert!(String::from_utf8_lossy(&whole.stdout).contains("deadlock"));

    // Every shard exactly once, or a clear error.
    let missing = weft(&["merge", &paths[0], &paths[1]]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("shard 3/3 is missing"));
    let twice = weft(&["merge", &paths[0], &paths[0], &paths[1]]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("given twice"));
    // A damaged report is an error, never a crash.
    let mut damaged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&paths[0]).unwrap()).unwrap();
    damaged["merge_data"]["shard"] = serde_json::json!([7, 3]);
    let damaged_path = dir.join("damaged.json");
    std::fs::write(&damaged_path, damaged.to_string()).unwrap();
    let out = weft(&[
        "merge",
        &damaged_path.to_string_lossy(),
        &paths[1],
        &paths[2],
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("different exploration"));
    let garbage = dir.join("garbage.json");
    std::fs::write(&garbage, "{\"file\": 3}").unwrap();
    let out = weft(&["merge", &garbage.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let unsharded = dir.join("whole.json");
    let out = weft(&["explore", file, "--strategy", "dpor", "--json"]);
    std::fs::write(&unsharded, &out.stdout).unwrap();
    let wrong = weft(&["merge", &unsharded.to_string_lossy()]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not the report of a shard"));
}
