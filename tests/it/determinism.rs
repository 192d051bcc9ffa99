//! Determinism: the same program, options and seed give byte-identical output and traces.

use crate::root;

#[test]
fn two_hundred_runs_are_byte_identical_per_seed() {
    let program = crate::load(&root().join("scenarios/classic/counter_race.py"));
    let mut distinct_outputs = std::collections::BTreeSet::new();
    for seed in 0..100u64 {
        let a = program.run(seed);
        let b = program.run(seed);
        assert_eq!(a.stdout(), b.stdout(), "seed {seed}");
        assert_eq!(a.stderr(), b.stderr(), "seed {seed}");
        assert_eq!(a.schedule, b.schedule, "seed {seed}");
        let (ta, tb) = (a.trace().events, b.trace().events);
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
        distinct_outputs.insert(a.stdout().to_string());
        // A replay of the printed schedule reproduces the run.
        let r = program.replay(&a.schedule, seed);
        assert_eq!(r.stdout(), a.stdout());
        assert_eq!(
            weft_report::trace_json(&r.trace().events),
            weft_report::trace_json(&ta)
        );
    }
    assert!(
        distinct_outputs.len() > 1,
        "seeds should give different interleavings"
    );
}
