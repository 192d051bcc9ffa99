//! Snapshots (insta) of `weft explore`'s full text report and JSON report for every scenario, run
//! with the scenario's own `# weft:` options: any change to what a user sees shows up as a
//! snapshot diff (`INSTA_UPDATE=always cargo test --release -p weft-tests --test it -- snapshots`
//! accepts the new output, or `cargo insta review`).

use std::path::PathBuf;

/// Every scenario file, as paths relative to the repository root, sorted.
fn scenario_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in [
        "scenarios/api",
        "scenarios/bench",
        "scenarios/classic",
        "scenarios/course",
    ] {
        for e in std::fs::read_dir(crate::root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "py") {
                let rel = p.strip_prefix(crate::root()).unwrap();
                files.push(rel.to_string_lossy().to_string());
            }
        }
    }
    files.sort();
    files
}

/// `weft explore` on one scenario: the text report (stdout) and the JSON report (`--json-out`).
fn explore(rel: &str, scratch: &std::path::Path) -> (String, String) {
    let source = std::fs::read_to_string(crate::root().join(rel)).unwrap();
    let options: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("# weft:"))
        .flat_map(|l| l.split_whitespace())
        .collect();
    let json_path = scratch.join(rel.replace('/', "__") + ".json");
    let out = std::process::Command::new(crate::weft_bin())
        .args(["explore", rel])
        .args(&options)
        .arg("--json-out")
        .arg(&json_path)
        .current_dir(crate::root())
        .output()
        .expect("the weft binary runs (make test builds it first)");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{rel}: exit status {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let json = std::fs::read_to_string(&json_path).unwrap();
    (text, json)
}

#[test]
fn every_scenario_report_is_snapshotted() {
    let scratch: PathBuf =
        std::env::temp_dir().join(format!("weft-snapshots-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let files = scenario_files();
    assert!(files.len() >= 100, "only {} scenarios", files.len());
    // Two explorations at a time (the machine has two cores); snapshots are asserted in order.
    let mut reports = Vec::new();
    for pair in files.chunks(2) {
        let handles: Vec<_> = pair
            .iter()
            .map(|rel| {
                let (rel, scratch) = (rel.clone(), scratch.clone());
                std::thread::spawn(move || {
                    let r = explore(&rel, &scratch);
                    (rel, r)
                })
            })
            .collect();
        reports.extend(handles.into_iter().map(|h| h.join().unwrap()));
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (rel, (text, json)) in &reports {
            let name = rel
                .trim_start_matches("scenarios/")
                .trim_end_matches(".py")
                .replace('/', "__");
            let json: serde_json::Value = serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{rel}: the JSON report does not parse: {e}"));
            insta::assert_snapshot!(format!("{name}.text"), text);
            insta::assert_json_snapshot!(format!("{name}.json"), json);
        }
    });
    std::fs::remove_dir_all(&scratch).ok();
}
