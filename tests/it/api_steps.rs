//! The threading, queue and futures API at the user's level: each call is one step (two around a
//! wait), the trace names the call as the program wrote it with its result, nothing of the
//! preludes' insides (their locks, helpers) shows in traces or lock-order graphs, and pool
//! programs are explored completely, with DPOR finding what DFS finds.

use std::collections::BTreeSet;

use weft::{ExploreConfig, RunOptions, Scenario, Strategy};

fn program(source: &str) -> Scenario {
    Scenario::from_source("prog.py", source, RunOptions::default())
        .unwrap_or_else(|d| panic!("{d}"))
}

/// The trace of seed `seed`'s run, one row per line.
fn trace(source: &str, seed: u64) -> Vec<String> {
    let run = program(source).run(seed);
    run.trace()
        .to_string()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Words of the preludes' insides that a trace row must never show.
const INTERNALS: &[&str] = &[
    "_shutdown_lock",
    "<lock object>",
    "(busy)",
    "inspect",
    "._lock",
    "_work_queue",
    "_cond",
    "waiter",
    ": acquire",
    ": release",
    "<thread>",
    "<weft>",
];

fn assert_no_internals(rows: &[String]) {
    for row in rows {
        for word in INTERNALS {
            assert!(
                !row.contains(word),
                "`{word}` in a trace row: {row}\n{}",
                rows.join("\n")
            );
        }
    }
}

const POOL: &str = "from concurrent.futures import ThreadPoolExecutor

def sq(x):
    return x * x

def main():
    with ThreadPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(sq, i) for i in range(4)]
        print([f.result() for f in futs])

main()
";

#[test]
fn a_pool_programs_trace_shows_the_calls_the_program_made() {
    for seed in 0..5 {
        let rows = trace(POOL, seed);
        assert_no_internals(&rows);
        for i in 0..4 {
            let call = format!("ex.submit(sq, {i})");
            assert!(
                rows.iter()
                    .any(|r| r.contains(&call) && r.contains("-> <Future object>")),
                "no row for {call} with its result (seed {seed}):\n{}",
                rows.join("\n")
            );
        }
        for result in ["-> 0", "-> 1", "-> 4", "-> 9"] {
            assert!(
                rows.iter()
                    .any(|r| r.contains("f.result()") && r.ends_with(result)),
                "no f.result() {result} (seed {seed}):\n{}",
                rows.join("\n")
            );
        }
        let workers = rows
            .iter()
            .filter(|r| r.contains("take a work item"))
            .count();
        assert!(workers >= 4, "{workers} work items taken (seed {seed})");
        // Four submits, four results, the workers' takes and completions, the shutdown and
        // the exits: before the API-level steps the same run had 76 rows.
        assert!(
            rows.len() <= 45,
            "{} rows (seed {seed}):\n{}",
            rows.len(),
            rows.join("\n")
        );
    }
}

#[test]
fn each_api_call_is_one_step_and_a_wait_is_two() {
    let source = "import threading, queue

sem = threading.Semaphore(2)
q = queue.Queue()
ev = threading.Event()
cond = threading.Condition()
ready = []

def producer():
    sem.acquire()
    q.put(7)
    ev.set()
    sem.release()
    with cond:
        ready.append(1)
        cond.notify()

def consumer():
    with cond:
        while not ready:
            cond.wait()
    print(q.get(), ev.is_set())

ts = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
";
    // Seed 0 runs the consumer into its wait first (checked below).
    let rows = trace(source, 0);
    assert_no_internals(&rows);
    let count = |needle: &str| rows.iter().filter(|r| r.contains(needle)).count();
    assert_eq!(count("sem.acquire()  -> True"), 1, "{}", rows.join("\n"));
    assert_eq!(count("q.put(7)"), 1, "{}", rows.join("\n"));
    assert_eq!(count("ev.set()"), 1, "{}", rows.join("\n"));
    assert_eq!(count("sem.release()"), 1, "{}", rows.join("\n"));
    assert_eq!(count("cond.notify()"), 1, "{}", rows.join("\n"));
    assert_eq!(count("q.get()  -> 7"), 1, "{}", rows.join("\n"));
    assert_eq!(count("ev.is_set()  -> True"), 1, "{}", rows.join("\n"));
    // The wait: one step that releases the lock and waits, one that wakes and re-takes it.
    let waits: Vec<&String> = rows.iter().filter(|r| r.contains("cond.wait()")).collect();
    assert_eq!(waits.len(), 2, "{}", rows.join("\n"));
    assert!(waits[1].ends_with("-> True"), "{}", rows.join("\n"));
}

#[test]
fn the_lock_order_graph_of_a_pool_program_has_the_programs_locks_only() {
    let source = "import threading
from concurrent.futures import ThreadPoolExecutor

a = threading.Lock()
b = threading.Lock()
cond = threading.Condition()

def task(i):
    with a:
        with b:
            with cond:
                cond.notify_all()
    return i

with ThreadPoolExecutor(max_workers=2) as ex:
    print(sorted(ex.map(task, range(2))))
";
    let report = program(source)
        .explore(&ExploreConfig {
            max_executions: Some(200),
            ..ExploreConfig::default()
        })
        .unwrap();
    let names: BTreeSet<String> = report
        .lock_graph
        .nodes
        .iter()
        .map(|n| n.name.clone())
        .collect();
    assert_eq!(
        names,
        ["a", "b", "cond"].iter().map(|s| s.to_string()).collect(),
        "a Condition's lock is named as the Condition; the executor's locks are not nodes"
    );
}

/// The main function of the two-thread programs below: runs `t1` and `t2`, prints their log.
const RUN_T1_T2: &str = "def main():
    a = threading.Thread(target=t1)
    b = threading.Thread(target=t2)
    a.start(); b.start(); a.join(); b.join()
    print(log)
main()
";

fn outcomes(source: &str, strategy: Strategy, budget: usize) -> (BTreeSet<String>, bool, usize) {
    let report = program(source)
        .explore(&ExploreConfig {
            strategy,
            max_executions: Some(budget),
            minimize: false,
            ..ExploreConfig::default()
        })
        .unwrap();
    (
        report.outcomes.iter().map(|o| o.stdout.clone()).collect(),
        report.complete,
        report.executions,
    )
}

#[test]
fn pool_programs_are_explored_completely_and_dpor_finds_what_dfs_finds() {
    // `pool.map` over 3 items with 2 workers: 81,196 executions before the API-level steps.
    let map = "from concurrent.futures import ThreadPoolExecutor

def sq(x):
    return x * x

with ThreadPoolExecutor(max_workers=2) as ex:
    print(list(ex.map(sq, [1, 2, 3])))
";
    let (found, complete, executions) = outcomes(map, Strategy::Dpor, 100_000);
    assert!(complete, "pool.map over 3 items did not complete");
    assert!(executions < 2_000, "{executions} executions");
    assert_eq!(found, BTreeSet::from(["[1, 4, 9]\n".to_string()]));

    // Small programs that DFS can enumerate (tens of thousands of executions): DPOR's outcomes
    // are DFS's. Each thread logs to a list the main thread prints, so that outcomes tell the
    // orders of the API calls apart.
    let pool = "from concurrent.futures import ThreadPoolExecutor
log = []
def work(x):
    log.append('work')
    return x
def main():
    with ThreadPoolExecutor(max_workers=1) as ex:
        f = ex.submit(work, 1)
        log.append(f.done())
        log.append(f.result())
    print(log)
main()
";
    let two_threads = [
        "import threading, queue
q = queue.Queue(1)
sem = threading.Semaphore(1)
log = []
def t1():
    with sem:
        try:
            q.put_nowait(1)
        except queue.Full:
            log.append('full')
def t2():
    try:
        log.append(q.get(timeout=0.5))
    except queue.Empty:
        log.append('empty')
    log.append(sem.acquire(timeout=0.1))
",
        "import threading
ev = threading.Event()
bar = threading.Barrier(2)
log = []
def t1():
    ev.set()
    log.append(('t1', bar.wait()))
def t2():
    log.append(('t2', ev.is_set()))
    log.append(('t2', bar.wait()))
",
    ];
    let sources: Vec<String> = std::iter::once(pool.to_string())
        .chain(two_threads.iter().map(|body| format!("{body}{RUN_T1_T2}")))
        .collect();
    for source in &sources {
        let (dfs, dfs_complete, _) = outcomes(source, Strategy::Dfs, 100_000);
        assert!(dfs_complete, "DFS did not complete on\n{source}");
        let (dpor, dpor_complete, _) = outcomes(source, Strategy::Dpor, 20_000);
        assert!(dpor_complete, "DPOR did not complete on\n{source}");
        assert_eq!(dpor, dfs, "DPOR and DFS differ on\n{source}");
    }
}

#[test]
fn queries_commute_with_each_other_and_wait_for_a_program_that_holds_the_mutex() {
    // Three threads each ask a queue its size and whether it is empty: the queries commute, so
    // the only orders left are those of the six appends to `log` (6! / 2!^3 = 90); with the
    // queries taking the mutex as steps that write, the same program took 3,606 executions.
    let queries = "import threading, queue
q = queue.Queue()
log = []
def poll():
    log.append(q.qsize())
    log.append(q.empty())
def main():
    ts = [threading.Thread(target=poll) for _ in range(3)]
    for t in ts: t.start()
    for t in ts: t.join()
    q.put(1)
    print(log, q.qsize())
main()
";
    let (found, complete, executions) = outcomes(queries, Strategy::Dpor, 10_000);
    assert!(complete);
    assert_eq!(executions, 90);
    assert!(found.iter().all(|o| o.ends_with("] 1\n")), "{found:?}");

    // A program that holds `q.mutex` itself (as some do, to clear a queue): CPython's `qsize()`
    // waits for it, so it never sees the item before the holder's log line (it may see 0 and
    // log it after the holder's line).
    let holder = "import threading, queue
q = queue.Queue()
log = []
def t1():
    with q.mutex:
        q.queue.append(1)
        log.append('held')
def t2():
    log.append(q.qsize())
";
    let source = format!("{holder}{RUN_T1_T2}");
    let (found, complete, _) = outcomes(&source, Strategy::Dpor, 10_000);
    assert!(complete);
    assert!(!found.contains("[1, 'held']\n"), "{found:?}");
    assert!(found.contains("['held', 1]\n"), "{found:?}");
    let (dfs, _, _) = outcomes(&source, Strategy::Dfs, 100_000);
    assert_eq!(found, dfs);
}

/// A main thread that sleeps while a thread spins on an Event and counts: the spinner's work
/// moves the clock, so main wakes after 0.1 s worth of the spinner's steps (10 us each), reads
/// at least 0.1 s more from the clock, and stops it.
const SPIN_THEN_STOP: &str = "import threading, time
stop = threading.Event()
rounds = [0]
def spin():
    while not stop.is_set():
        rounds[0] += 1
t = threading.Thread(target=spin)
t.start()
start = time.monotonic()
time.sleep(0.1)
slept = time.monotonic() - start
stop.set()
t.join()
print(slept >= 0.1, rounds[0] > 1000)
";

#[test]
fn in_strict_time_the_other_threads_work_ends_a_sleep() {
    for seed in 0..4 {
        let run = program(SPIN_THEN_STOP).run(seed);
        assert_eq!(run.stdout(), "True True\n", "seed {seed}");
        assert!(run.findings.is_empty(), "seed {seed}: {:?}", run.findings);
    }
    // The tutorial pattern: busy producer and consumer, main sleeps then sets the Event.
    let scenario = crate::load(&crate::root().join("scenarios/api/sleep_then_stop.py"));
    for seed in 0..3 {
        let run = scenario.run(seed);
        assert_eq!(
            run.stdout(),
            "{'produced': True, 'consumed': True}\n",
            "seed {seed}"
        );
    }
}

#[test]
fn a_wake_that_work_can_bring_makes_dpor_search_every_interleaving() {
    let report = program(SPIN_THEN_STOP)
        .explore(&ExploreConfig {
            strategy: Strategy::Dpor,
            max_executions: Some(4),
            minimize: false,
            ..ExploreConfig::default()
        })
        .unwrap();
    assert!(!report.complete);
    let first = &report.phases[0];
    assert_eq!(first.strategy, "dpor");
    assert_eq!(
        first.executions, 1,
        "DPOR stops at the first such execution"
    );
    assert!(
        first
            .stopped
            .as_deref()
            .is_some_and(|why| why.contains("can end by the other threads' work")),
        "{:?}",
        first.stopped
    );
    assert_eq!(report.phases[1].strategy, "dfs");
    // DFS's first schedule runs the spinner without a preemption after main's wake: it reaches
    // the step limit having kept main waiting, an unfair schedule, not a livelock.
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(messages.is_empty(), "{messages:?}");
    assert!(report.pruned_cycles >= 1);

    // A sleep that the work around it cannot cover keeps the reduction: complete, no fallback.
    let long_sleep = "import threading, time
done = []
def work():
    done.append(1)
t = threading.Thread(target=work)
t.start()
time.sleep(0.1)
print(len(done))
t.join()
";
    let report = program(long_sleep)
        .explore(&ExploreConfig {
            strategy: Strategy::Dpor,
            ..ExploreConfig::default()
        })
        .unwrap();
    assert!(report.complete);
    assert_eq!(report.phases.len(), 1);
    assert_eq!(report.phases[0].strategy, "dpor");
}

#[test]
fn a_schedule_that_starves_a_ready_thread_to_the_step_limit_is_unfair_not_a_livelock() {
    // PCT found this schedule of the sleep-then-stop scenario: the consumer, ready all along,
    // is kept off for 9,490 steps while the producer fills the queue, so the run reaches the
    // step limit (the CLI's 20,000). A fair scheduler would not do that; every strategy and a
    // replay agree on it.
    let scenario =
        crate::load(&crate::root().join("scenarios/api/sleep_then_stop.py")).with_max_steps(20_000);
    let schedule = weft::Schedule::parse("s:1x6707.0x4.2x524.1x9476.0x4.1x7.0x3").unwrap();
    let run = scenario.replay(&schedule, 6128383831660698443);
    assert_eq!(run.mismatch, None);
    assert!(
        matches!(run.end, weft::RunEnd::Starved { steps: 9_490, .. }),
        "{:?}",
        run.end
    );
    assert!(run.findings.is_empty(), "{:?}", run.findings);

    // PCT starves low-priority threads by design: such a run is pruned, not a livelock.
    let report = scenario
        .explore(&ExploreConfig {
            strategy: Strategy::Pct { depth: 3 },
            max_executions: Some(10),
            minimize: false,
            ..ExploreConfig::default()
        })
        .unwrap();
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(messages.is_empty(), "{messages:?}");
    assert!(report.pruned_cycles >= 1);
}
