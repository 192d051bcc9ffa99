//! The published optimal execution counts of BENCHMARKS.md, exactly.

use weft_explore::toy::benchmarks::*;
use weft_explore::Strategy;

use crate::support::run;

#[test]
fn lastzero_explores_one_execution_per_trace() {
    for (n, expected) in [(1, 2), (2, 5), (3, 12), (4, 28), (5, 64)] {
        let report = run(&lastzero(n), Strategy::Dpor);
        println!(
            "lastzero({n}): {} executions, {} blocked",
            report.executions, report.sleep_blocked
        );
        assert!(report.complete);
        assert_eq!(report.executions, expected, "lastzero({n})");
    }
}

/// Splitting the schedule tree into subtrees (for jobs and shards) changes neither the count
/// nor the traces DPOR explores: lastzero(3), with every thread's history in the output so that
/// outputs identify traces, gives its 12 traces with and without a split.
#[test]
fn splitting_the_tree_keeps_one_execution_per_trace() {
    use weft_explore::explore;
    let p = lastzero_with(3, true);
    let mut sets = Vec::new();
    for split in [1, 32] {
        let mut c = crate::support::config(Strategy::Dpor);
        c.split_items = split;
        c.max_executions = Some(2000);
        let r = explore(&p, &c).unwrap();
        assert!(r.complete, "split {split}");
        assert_eq!(r.executions, 12, "split {split}");
        let set: std::collections::BTreeSet<String> =
            r.outcomes.iter().map(|o| o.stdout.clone()).collect();
        assert_eq!(set.len(), 12, "split {split}: one outcome per trace");
        sets.push(set);
    }
    assert_eq!(sets[0], sets[1]);
}
