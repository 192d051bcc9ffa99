//! The execution engine's resource behaviour: the heap is collected (memory follows the live
//! data, not the allocations), and a thread that runs alone takes no scheduling steps.

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
