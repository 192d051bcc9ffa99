//! The execution engine's resource behaviour: the heap is collected (memory follows the live
//! data, not the allocations), a thread that runs alone takes no scheduling steps, and stateful
//! search (state caching) covers what plain DFS covers.

fn program(source: &str) -> weft::Scenario {
    weft::Scenario::from_source("prog.py", source, weft::RunOptions::default())
        .unwrap()
        .without_trace()
}

#[test]
fn temporaries_are_collected_so_the_heap_follows_the_live_data() {
    let src = "def work():\n    total = 0\n    for i in range(400000):\n        pair = [i, i]\n        total += pair[0]\n    return total\nprint(work())\n";
    let report = program(src).with_max_steps(10_000_000).run(0);
    assert_eq!(report.machine.stdout, "79999800000\n");
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(report.machine.gc.collections > 0, "no collection ran");
    assert!(
        report.machine.heap.len() < 200_000,
        "the heap holds {} slots for 400,000 short-lived lists",
        report.machine.heap.len()
    );
}

#[test]
fn a_thread_running_alone_takes_no_scheduling_steps() {
    // Module-level globals are shared locations, but before the first start() and after the last
    // join() nothing can interleave with them: no steps, however long the loops.
    let src = "import threading\ncounter = 0\nfor i in range(50000):\n    counter += 1\ndef work():\n    global counter\n    counter += 1\nt = threading.Thread(target=work)\nt.start()\nt.join()\nfor i in range(50000):\n    counter += 1\nprint(counter)\n";
    let report = program(src).with_max_steps(1_000).run(0);
    assert_eq!(report.machine.stdout, "100001\n");
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert!(report.machine.steps < 50, "{} steps", report.machine.steps);
}

/// `--state-caching` (stateful DFS) covers what plain DFS covers, the same outputs and the same
/// kinds of findings (equal where plain DFS completes), in fewer executions, and completes where
/// plain DFS runs out of budget; with a DPOR strategy it is refused.
#[test]
fn state_caching_covers_what_dfs_covers_in_fewer_executions() {
    let programs = [
        "import threading\nx = 0\ndef w():\n    global x\n    x += 1\n\
         a = threading.Thread(target=w); b = threading.Thread(target=w)\n\
         a.start(); b.start(); a.join(); b.join()\nprint(x)\n",
        "import threading\na = threading.Lock()\nb = threading.Lock()\n\
         def one():\n    with a:\n        with b:\n            print('one')\n\
         def two():\n    with b:\n        with a:\n            print('two')\n\
         t = threading.Thread(target=one); u = threading.Thread(target=two)\n\
         t.start(); u.start(); t.join(); u.join()\n",
        "import threading\nready = []\ncond = threading.Condition()\n\
         def waiter():\n    with cond:\n        if not ready:\n            cond.wait()\n    print('woke')\n\
         def setter():\n    with cond:\n        ready.append(1)\n        cond.notify()\n\
         t = threading.Thread(target=waiter); u = threading.Thread(target=setter)\n\
         t.start(); u.start(); t.join(); u.join()\n",
    ];
    let mut complete_dfs = 0;
    for source in programs {
        let p = program(source);
        let config = |caching: bool| weft::ExploreConfig {
            strategy: weft::Strategy::Dfs,
            state_caching: caching,
            max_executions: Some(100_000),
            minimize: false,
            ..Default::default()
        };
        let dfs = p.explore(&config(false)).unwrap();
        let cached = p.explore(&config(true)).unwrap();
        assert!(cached.complete, "{source}");
        let outs = |r: &weft::ExploreReport| {
            r.outcomes
                .iter()
                .map(|o| o.stdout.clone())
                .collect::<std::collections::BTreeSet<_>>()
        };
        let kinds = |r: &weft::ExploreReport| {
            r.findings
                .iter()
                .map(|f| f.kind.as_str())
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert!(outs(&dfs).is_subset(&outs(&cached)), "{source}");
        assert!(kinds(&dfs).is_subset(&kinds(&cached)), "{source}");
        assert!(cached.cached_states > 0, "{source}");
        assert!(cached.executions < dfs.executions, "{source}");
        if dfs.complete {
            complete_dfs += 1;
            assert_eq!(outs(&dfs), outs(&cached), "{source}");
            assert_eq!(kinds(&dfs), kinds(&cached), "{source}");
        }
    }
    assert!(
        complete_dfs >= 1,
        "plain DFS completed on none of the programs"
    );
    let refused = program(programs[0]).explore(&weft::ExploreConfig {
        strategy: weft::Strategy::Dpor,
        state_caching: true,
        ..Default::default()
    });
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("--state-caching needs --strategy dfs"));
}
