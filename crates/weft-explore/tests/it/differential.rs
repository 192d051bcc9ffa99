//! DPOR against plain DFS on seeded random toy programs (2-4 threads mixing reads, writes,
//! locked blocks, try-locks, awaits and assertions): the same outcomes (final variables and
//! each thread's history, which identify Mazurkiewicz traces), the same finding kinds, and
//! never more executions.

use std::collections::BTreeSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weft_explore::toy::{Cmp, Index, Lock, Place, ToyBuilder, ToyProgram, Value, Var};
use weft_explore::{explore, ExploreConfig, ExploreReport, Strategy};

/// A random program; `history` puts each thread's history into the outcome.
pub fn random_program(seed: u64, history: bool) -> (ToyProgram, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = ToyBuilder::new("random.py");
    if history {
        b.history_in_stdout();
    }
    let scalars: Vec<Var> = (0..2).map(|i| b.var(&format!("x{}", i), 0)).collect();
    let array = b.array("a", 2, 0);
    let locks: Vec<Lock> = (0..2).map(|i| b.lock(&format!("l{}", i))).collect();
    let threads = rng.gen_range(2..=4);
    let max_ops = match threads {
        2 => 4,
        3 => 2,
        _ => 1,
    };
    let mut codes = Vec::new();
    let mut text = String::new();
    for t in 0..threads {
        let ops = rng.gen_range(1..=max_ops);
        let mut desc = Vec::new();
        let code = b.code(&format!("t{}", t), |c| {
            for _ in 0..ops {
                let place = |rng: &mut ChaCha8Rng| match rng.gen_range(0..4) {
                    0 | 1 => Place::Scalar(scalars[rng.gen_range(0..2)]),
                    _ => Place::Element(array, Index::Const(rng.gen_range(0..2))),
                };
                match rng.gen_range(0..20) {
                    0..=5 => {
                        let p = place(&mut rng);
                        desc.push(format!("r0={:?}", p));
                        c.read(0, p);
                    }
                    6..=10 => {
                        let p = place(&mut rng);
                        let v = if rng.gen_bool(0.5) {
                            Value::Const(rng.gen_range(1..3))
                        } else {
                            Value::Reg(0, 1)
                        };
                        desc.push(format!("{:?}={:?}", p, v));
                        c.write(p, v);
                    }
                    11..=15 => {
                        let l = locks[rng.gen_range(0..2)];
                        let p = place(&mut rng);
                        desc.push(format!("lock {:?} {{ r0={:?}; {:?}=r0+1 }}", l, p, p));
                        c.acquire(l).read(0, p).write(p, Value::Reg(0, 1));
                        if rng.gen_bool(0.3) {
                            let l2 = locks[rng.gen_range(0..2)];
                            if l2 != l {
                                desc.push(format!("nested lock {:?}", l2));
                                c.acquire(l2).release(l2);
                            }
                        }
                        c.release(l);
                    }
                    16 => {
                        let l = locks[rng.gen_range(0..2)];
                        desc.push(format!("trylock {:?}", l));
                        let skip = c.label();
                        c.try_acquire(l, 1)
                            .jump_if(1, Cmp::Eq, 0, skip)
                            .release(l)
                            .place(skip);
                    }
                    17 => {
                        let p = place(&mut rng);
                        let v = rng.gen_range(0..2);
                        desc.push(format!("await {:?}=={}", p, v));
                        c.await_value(p, v);
                    }
                    18 => {
                        let p = place(&mut rng);
                        desc.push(format!("assert {:?}!=2", p));
                        c.read(2, p).assert(2, Cmp::Ne, 2, "the value is 2");
                    }
                    _ => {
                        desc.push("sleep".to_string());
                        c.sleep(0.5);
                    }
                }
            }
        });
        text.push_str(&format!("t{}: {}\n", t, desc.join("; ")));
        codes.push(code);
    }
    b.main_spawning(&codes);
    (b.build(), text)
}

fn config(strategy: Strategy, split_items: usize) -> ExploreConfig {
    ExploreConfig {
        strategy,
        max_executions: Some(40_000),
        minimize: false,
        split_items,
        ..ExploreConfig::default()
    }
}

fn outcomes(r: &ExploreReport) -> BTreeSet<String> {
    r.outcomes.iter().map(|o| o.stdout.clone()).collect()
}

fn kinds(r: &ExploreReport) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.kind.as_str()).collect()
}

/// Compares DPOR with DFS on random programs; returns how many were compared.
fn compare(seeds: std::ops::Range<u64>, strategy: Strategy, split_items: usize) -> usize {
    let mut compared = 0;
    let mut dfs_total = 0;
    for seed in seeds {
        let (program, text) = random_program(seed, true);
        let dfs = explore(&program, &config(Strategy::Dfs, 1)).unwrap();
        if !dfs.complete {
            continue;
        }
        compared += 1;
        dfs_total += dfs.executions;
        let dpor = explore(&program, &config(strategy, split_items)).unwrap();
        let context = format!("seed {seed}, split {split_items}:\n{text}");
        assert!(dpor.complete, "{context}");
        let (a, b) = (outcomes(&dfs), outcomes(&dpor));
        assert_eq!(
            a.difference(&b).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "outcomes DFS found and DPOR missed, {context}"
        );
        assert_eq!(
            b.difference(&a).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "outcomes DPOR found and DFS did not, {context} (dfs: {} executions, {} pruned)",
            dfs.executions,
            dfs.pruned_cycles
        );
        assert_eq!(kinds(&dfs), kinds(&dpor), "{context}");
        assert!(dpor.executions <= dfs.executions, "{context}");
        if strategy == Strategy::Dpor {
            // Outcomes are the outputs (here: traces) of executions that ran to their end; each
            // execution cut short (deadlock, hang, step bound) is a trace of its own.
            let cut_short: usize = dpor
                .findings
                .iter()
                .filter(|f| matches!(f.kind.as_str(), "deadlock" | "hang" | "livelock"))
                .map(|f| f.executions)
                .sum();
            assert_eq!(
                dpor.executions,
                a.len() + cut_short,
                "one execution per trace, {context}"
            );
        }
    }
    println!("{compared} programs compared, {dfs_total} DFS executions");
    compared
}

#[test]
fn dpor_matches_dfs_on_random_programs_without_a_split() {
    let compared = compare(0..300, Strategy::Dpor, 1);
    println!("compared {compared}");
}

#[test]
fn dpor_matches_dfs_on_random_programs_with_a_split() {
    let compared = compare(0..300, Strategy::Dpor, 32);
    println!("compared {compared}");
}
