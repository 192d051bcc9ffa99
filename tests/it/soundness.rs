//! Soundness of the reduction on real Python: seeded random threaded programs (2-4 threads mixing
//! shared reads and writes, read-modify-writes, locks, nested locks, try-locks, conditions,
//! events, queues, semaphores, bounded queues, barriers, futures, timed waits, sleeps and
//! assertions) are explored with optimal DPOR and checked against
//! references: where plain DFS covers the whole space (it enumerates every interleaving of every
//! visible step, so only small programs fit its budget), both find the same set of outputs and
//! the same kinds of findings and DPOR runs no more executions; on every program, DPOR finds every
//! output and finding kind that seeded random and PCT sampling and a partial DFS find. Every
//! finding DPOR reports replays to the same finding.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weft::{ExploreConfig, ExploreReport, Scenario, Strategy};

/// One generated program.
pub struct Generated {
    pub source: String,
    /// Two threads of one operation each: small enough for plain DFS.
    pub small: bool,
}

/// The shared state every program declares; threads pick from it.
const PRELUDE: &str = "import threading, queue, time
from concurrent.futures import Future, InvalidStateError, TimeoutError
x = 0
y = 0
a = [0, 0]
d = {'k': 0}
flag = False
l0 = threading.Lock()
l1 = threading.Lock()
cv = threading.Condition()
ev = threading.Event()
q = queue.Queue()
bq = queue.Queue(1)
sem = threading.Semaphore(1)
bs = threading.BoundedSemaphore(1)
bar = threading.Barrier(2, timeout=0.5)
fu = Future()
";

/// A random program; each thread prints what it reads and the main thread prints the final
/// state, so that outputs tell Mazurkiewicz traces apart. The
/// main thread's work is in a function: module-level code would make its loop variables shared
/// globals, multiplying the schedules plain DFS has to enumerate.
pub fn random_python(seed: u64) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Most programs are small enough for plain DFS to enumerate.
    let small = rng.gen_bool(0.9);
    let threads = if small { 2 } else { rng.gen_range(2..=4) };
    let max_ops = match (small, threads) {
        (true, _) | (false, 4) => 1,
        (false, 3) => 2,
        _ => 3,
    };
    let mut src = String::from(PRELUDE);
    for t in 0..threads {
        let _ = writeln!(src, "def t{t}():");
        let _ = writeln!(src, "    global x, y, flag");
        for _ in 0..rng.gen_range(1..=max_ops) {
            operation(&mut rng, &mut src, t);
        }
    }
    src.push_str("def main():\n");
    for t in 0..threads {
        let _ = writeln!(src, "    w{t} = threading.Thread(target=t{t})");
    }
    for t in 0..threads {
        let _ = writeln!(src, "    w{t}.start()");
    }
    for t in 0..threads {
        let _ = writeln!(src, "    w{t}.join()");
    }
    src.push_str("    print(x, y, a, d, flag)\nmain()\n");
    Generated { source: src, small }
}

/// Appends one random operation of a thread body (indented by four spaces).
fn operation(rng: &mut ChaCha8Rng, src: &mut String, t: usize) {
    let var = |rng: &mut ChaCha8Rng| ["x", "y", "a[0]", "a[1]", "d['k']"][rng.gen_range(0..5)];
    let lock = |rng: &mut ChaCha8Rng| ["l0", "l1"][rng.gen_range(0..2)];
    let line = match rng.gen_range(0..36) {
        0..=3 => format!("print('t{t}', {})", var(rng)),
        4..=6 => format!("{} = {}", var(rng), rng.gen_range(1..3)),
        7..=8 => format!("{} += 1", var(rng)),
        9..=11 => {
            let (l, v) = (lock(rng), var(rng));
            format!("with {l}:\n        print('t{t}', {v})\n        {v} += 1")
        }
        12 => {
            let (l, m) = ("l0", "l1");
            let (l, m) = if rng.gen_bool(0.5) { (l, m) } else { (m, l) };
            format!("with {l}:\n        with {m}:\n            x += 1")
        }
        13 => format!(
            "if {0}.acquire(blocking=False):\n        print('t{t}', 'L')\n        {0}.release()",
            lock(rng)
        ),
        14 => "with cv:\n        flag = True\n        cv.notify()".to_string(),
        15 => format!("with cv:\n        print('t{t}', cv.wait_for(lambda: flag, timeout=1))"),
        16 => format!("with cv:\n        while not flag:\n            cv.wait()\n        print('t{t}', 'W')"),
        17 => "ev.set()".to_string(),
        18 => format!("print('t{t}', ev.wait(0.5))"),
        19 => format!("q.put({})", rng.gen_range(1..3)),
        20 => format!("try:\n        print('t{t}', q.get(timeout=0.5))\n    except queue.Empty:\n        print('t{t}', 'E')"),
        21 => format!("print('t{t}', q.get())"),
        22 => format!("assert {} != 2", var(rng)),
        // The API-level primitives: each call one step, or two around a wait.
        23 => format!("with sem:\n        print('t{t}', 'S', {})", var(rng)),
        24 => format!("print('t{t}', sem.acquire(timeout=0.25))"),
        25 => format!("try:\n        bs.release()\n    except ValueError:\n        print('t{t}', 'V')"),
        26 => format!("print('t{t}', ev.is_set())"),
        27 => "ev.clear()".to_string(),
        28 => format!("print('t{t}', q.qsize(), q.empty())"),
        29 => format!("try:\n        bq.put_nowait({t})\n    except queue.Full:\n        print('t{t}', 'F')"),
        30 => format!("try:\n        print('t{t}', bq.get(timeout=0.25))\n    except queue.Empty:\n        print('t{t}', 'E')"),
        31 => format!("try:\n        print('t{t}', bar.wait())\n    except threading.BrokenBarrierError:\n        print('t{t}', 'B')"),
        32 => format!("try:\n        fu.set_result({t})\n    except InvalidStateError:\n        print('t{t}', 'I')"),
        33 => format!("try:\n        print('t{t}', fu.result(timeout=0.25), fu.done())\n    except TimeoutError:\n        print('t{t}', 'T')"),
        34 => format!("print('t{t}', fu.cancel(), fu.cancelled())"),
        _ => "time.sleep(0.25)".to_string(),
    };
    let _ = writeln!(src, "    {line}");
}

fn config(strategy: Strategy, max_executions: usize) -> ExploreConfig {
    ExploreConfig {
        strategy,
        max_executions: Some(max_executions),
        minimize: false,
        ..ExploreConfig::default()
    }
}

fn outcomes(r: &ExploreReport) -> BTreeSet<String> {
    r.outcomes.iter().map(|o| o.stdout.clone()).collect()
}

fn kinds(r: &ExploreReport) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.kind.as_str()).collect()
}

/// Every finding of `report` replays, from its schedule and seed, to a run with the same finding.
fn assert_findings_replay(program: &Scenario, report: &ExploreReport, context: &str) {
    for finding in &report.findings {
        let run = program.replay(&finding.schedule, finding.program_seed);
        assert!(
            run.mismatch.is_none(),
            "{} {} does not replay: {:?}\n{context}",
            finding.kind,
            finding.schedule,
            run.mismatch
        );
        if finding.kind == weft::FindingKind::LockOrder {
            // A lock-order cycle is a property of the union of executions; its schedule shows
            // one of its edges being taken.
            continue;
        }
        assert!(
            run.findings
                .iter()
                .any(|f| f.kind == finding.kind && f.key == finding.key),
            "the replay of {} {} ({}) does not show it again; it shows {:?}\n{context}",
            finding.kind,
            finding.schedule,
            finding.message,
            run.findings
                .iter()
                .map(|f| (f.kind.as_str(), &f.key))
                .collect::<Vec<_>>()
        );
    }
}

/// `reference` (a complete DFS, or a sample) found nothing DPOR missed.
fn assert_covers(dpor: &ExploreReport, reference: &ExploreReport, context: &str) {
    let (a, b) = (outcomes(reference), outcomes(dpor));
    assert_eq!(
        a.difference(&b).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "outcomes {} found and DPOR missed, {context}",
        reference.strategy
    );
    let (a, b) = (kinds(reference), kinds(dpor));
    assert_eq!(
        a.difference(&b).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "finding kinds {} found and DPOR missed, {context}",
        reference.strategy
    );
}

/// How a batch of comparisons went.
#[derive(Default, Debug)]
struct Tally {
    programs: usize,
    /// Programs whose whole DFS space fit the budget (DPOR compared for equality).
    dfs_complete: usize,
    dfs_executions: usize,
    /// DPOR's executions on the programs whose DFS completed.
    dpor_executions_there: usize,
    dpor_executions: usize,
    findings_replayed: usize,
}

/// DFS budget: plain DFS enumerates every interleaving of every visible step (thread start
/// and exit included), so only the smallest programs fit; the others are checked against
/// samples.
const DFS_BUDGET: usize = 4_000;
/// Random and PCT executions sampled per program.
const SAMPLES: usize = 100;

/// Explores each program of `seeds` with DPOR and checks it against DFS (equality, when DFS
/// completes) and against random and PCT samples (DPOR covers whatever they find).
fn compare(seeds: std::ops::Range<u64>) -> Tally {
    let mut tally = Tally::default();
    for seed in seeds {
        let generated = random_python(seed);
        // The threads print their observations; each print is one write here, so that the
        // spaces stay within DFS's reach (split prints multiply them without adding behaviour
        // other than the order of output pieces).
        let options = weft::RunOptions {
            atomic_print: true,
            // Every step touches only what its operation announced (`weft_lang::footprint`).
            check_footprints: true,
            ..Default::default()
        };
        let program = Scenario::from_source("gen.py", &generated.source, options)
            .unwrap_or_else(|d| panic!("{d}\n{}", generated.source))
            .without_trace();
        let context = format!("seed {seed}:\n{}", generated.source);
        let dpor = program.explore(&config(Strategy::Dpor, 100_000)).unwrap();
        assert!(dpor.complete, "DPOR did not complete, {context}");
        tally.programs += 1;
        tally.dpor_executions += dpor.executions;
        assert_findings_replay(&program, &dpor, &context);
        tally.findings_replayed += dpor.findings.len();
        if !generated.small {
            check_samples(&program, &dpor, seed, &context);
            continue;
        }
        let dfs = program.explore(&config(Strategy::Dfs, DFS_BUDGET)).unwrap();
        if dfs.complete {
            tally.dfs_complete += 1;
            tally.dfs_executions += dfs.executions;
            tally.dpor_executions_there += dpor.executions;
            assert_covers(&dpor, &dfs, &context);
            assert_covers(&dfs, &dpor, &context);
            assert!(
                dpor.executions <= dfs.executions,
                "DPOR ran {} executions, DFS {}, {context}",
                dpor.executions,
                dfs.executions
            );
        } else {
            assert_covers(&dpor, &dfs, &context);
        }
        check_samples(&program, &dpor, seed, &context);
    }
    tally
}

/// DPOR found whatever seeded random and PCT sampling find.
fn check_samples(program: &Scenario, dpor: &ExploreReport, seed: u64, context: &str) {
    for strategy in [Strategy::Random, Strategy::Pct { depth: 3 }] {
        let mut sampled = config(strategy, SAMPLES);
        sampled.seed = seed;
        let sample = program.explore(&sampled).unwrap();
        assert_covers(dpor, &sample, context);
    }
}

fn check_batch(seeds: std::ops::Range<u64>) {
    let n = seeds.end - seeds.start;
    let tally = compare(seeds);
    println!("{tally:?}");
    assert_eq!(tally.programs as u64, n);
    // About half the small programs fit the DFS budget: at least 250 of each batch of 550.
    assert!(
        tally.dfs_complete >= 250,
        "only {} generated programs fit the DFS budget: {tally:?}",
        tally.dfs_complete
    );
    assert!(
        tally.dpor_executions_there < tally.dfs_executions,
        "{tally:?}"
    );
}

// Two batches, so that the test harness runs them on two cores.
#[test]
fn dpor_matches_dfs_on_generated_python_programs_batch_1() {
    check_batch(0..550);
}

#[test]
fn dpor_matches_dfs_on_generated_python_programs_batch_2() {
    check_batch(550..1100);
}

/// Threads that share nothing have one Mazurkiewicz trace, whatever their number: DPOR runs one
/// execution (module-level code, shared globals for the loop variables, and thread start and
/// join included).
#[test]
fn independent_threads_are_one_execution() {
    for n in 1..=6 {
        let mut src = String::from("import threading\n");
        for i in 0..n {
            let _ = writeln!(
                src,
                "v{i} = 0\ndef f{i}():\n    global v{i}\n    for _ in range(3):\n        v{i} += 1"
            );
        }
        let names: Vec<String> = (0..n).map(|i| format!("f{i}")).collect();
        let _ = writeln!(
            src,
            "ts = [threading.Thread(target=f) for f in ({},)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint({})",
            names.join(", "),
            (0..n).map(|i| format!("v{i}")).collect::<Vec<_>>().join(", ")
        );
        let program = Scenario::from_source("indep.py", &src, Default::default()).unwrap();
        let report = program.explore(&config(Strategy::Dpor, 1_000)).unwrap();
        assert!(report.complete, "{n} threads");
        assert_eq!(report.executions, 1, "{n} threads:\n{src}");
        assert!(
            report.findings.is_empty(),
            "{n} threads: {:?}",
            report.findings
        );
        let expected = format!("{}\n", vec!["3"; n].join(" "));
        assert_eq!(report.outcomes[0].stdout, expected);
    }
}
