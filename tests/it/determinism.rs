//! Determinism: the same program, options and seed give byte-identical output and traces.

use crate::root;
use weft_core::Observe;

#[test]
fn two_hundred_runs_are_byte_identical_per_seed() {
    let program = crate::load(&root().join("scenarios/classic/counter_race.py"));
    let mut distinct_outputs = std::collections::BTreeSet::new();
    for seed in 0..100u64 {
        let a = weft::run_program(&program, seed, None, 100_000, true);
        let b = weft::run_program(&program, seed, None, 100_000, true);
        assert_eq!(a.machine.stdout(), b.machine.stdout(), "seed {seed}");
        assert_eq!(a.machine.stderr(), b.machine.stderr(), "seed {seed}");
        assert_eq!(a.schedule, b.schedule, "seed {seed}");
        let (ta, tb) = (a.machine.trace_events(), b.machine.trace_events());
        assert_eq!(
            weft_report::trace_text(&ta),
            weft_report::trace_text(&tb),
            "seed {seed}"
        );
        assert_eq!(
            weft_report::trace_json(&ta),
            weft_report::trace_json(&tb),
            "seed {seed}"
        );
        assert!(!ta.is_empty());
        distinct_outputs.insert(a.machine.stdout().to_string());
        // A replay of the printed schedule reproduces the run.
        let r = weft::run_program(&program, seed, Some(a.schedule.clone()), 100_000, true);
        assert_eq!(r.machine.stdout(), a.machine.stdout());
        assert_eq!(
            weft_report::trace_json(&r.machine.trace_events()),
            weft_report::trace_json(&ta)
        );
    }
    assert!(
        distinct_outputs.len() > 1,
        "seeds should give different interleavings"
    );
}
