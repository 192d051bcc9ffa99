//! Detectors: turn what a machine reports at the end of one execution (`Observe`) into finding
//! candidates: escaped exceptions, deadlocks and hangs (from the wait-for graph of the blocked
//! threads), data races, and livelocks (a fair cycle, or the step limit). Lock-order cycles need
//! all executions and live in `lockgraph`.
//!
//! Guarantees: a deadlock is reported only for a real cycle in the wait-for graph of a stuck
//! execution; a race only as the machine's happens-before detector reports it (so it may miss
//! races, never invents one the machine did not see); a livelock only for a state that repeated
//! under a fair cycle, or when the step limit cut the execution (which may also be a long but
//! finite run: the message says which).

use std::collections::BTreeSet;

use indexmap::IndexMap;
use weft_core::observe::{BlockedThread, Observe, Race, SourceSite, WaitTarget};
use weft_core::{Limits, StepMachine, ThreadId};

use crate::finding::{join_names, site_text, with_commas, Candidate, FindingDetails, FindingKind};
use crate::run::RunEnd;

/// Whether a finding with this kind and key was already seen (then its message is not built).
pub(crate) type Known<'a> = &'a dyn Fn(FindingKind, &str) -> bool;

/// Keys of races already met, so that a race seen in many executions is keyed once.
#[derive(Clone, Debug, Default)]
pub(crate) struct RaceKeys {
    keys: IndexMap<Race, String, rustc_hash::FxBuildHasher>,
}

/// Appends the findings of one execution to `out`; those `known` says were seen get no message.
pub(crate) fn scan_execution<M: StepMachine + Observe>(
    machine: &M,
    end: &RunEnd,
    cycle_threads: &[ThreadId],
    limits: Limits,
    known: Known<'_>,
    race_keys: &mut RaceKeys,
    out: &mut Vec<Candidate>,
) {
    failures(machine, known, out);
    races(machine, known, race_keys, out);
    match end {
        RunEnd::Stuck => stuck(machine, known, out),
        RunEnd::FairCycle { from, to } => {
            out.push(fair_cycle(machine, *from, *to, cycle_threads, known))
        }
        RunEnd::StepLimit => out.push(step_limit(machine, limits, known)),
        _ => {}
    }
}

fn failures<M: Observe>(machine: &M, known: Known<'_>, out: &mut Vec<Candidate>) {
    for failure in machine.failures() {
        let kind = if failure.is_assertion {
            FindingKind::Assertion
        } else {
            FindingKind::Exception
        };
        let key = format!("{}@{}", failure.exception_type, failure.site);
        let message = if known(kind, &key) {
            String::new()
        } else {
            let text = if failure.message.is_empty() {
                String::new()
            } else {
                format!(": {}", failure.message)
            };
            format!(
                "{} in {} at {}{}",
                failure.exception_type,
                failure.thread_name,
                site_text(&failure.site),
                text
            )
        };
        out.push(Candidate {
            kind,
            key,
            message,
            threads: vec![failure.thread_name.clone()],
            details: Some(FindingDetails::Failure(failure.clone())),
        });
    }
}

fn race_key(race: &Race) -> String {
    let mut sides = [
        (race.first.site.to_string(), race.first.is_write),
        (race.second.site.to_string(), race.second.is_write),
    ];
    sides.sort();
    format!(
        "{}|{}:{}|{}:{}",
        race.location,
        sides[0].0,
        access_word(sides[0].1),
        sides[1].0,
        access_word(sides[1].1)
    )
}

fn races<M: Observe>(
    machine: &M,
    known: Known<'_>,
    race_keys: &mut RaceKeys,
    out: &mut Vec<Candidate>,
) {
    for race in machine.races() {
        let key = match race_keys.keys.get(race) {
            Some(key) => key.clone(),
            None => {
                let key = race_key(race);
                race_keys.keys.insert(race.clone(), key.clone());
                key
            }
        };
        if known(FindingKind::Race, &key) {
            out.push(Candidate::seen(FindingKind::Race, key));
            continue;
        }
        let message = {
            let side = |a: &weft_core::observe::AccessSite| {
                format!(
                    "{} {} it at {}",
                    a.thread_name,
                    if a.is_write { "writes" } else { "reads" },
                    site_text(&a.site)
                )
            };
            format!(
                "data race on {}: {}, and {}; the two accesses are not ordered by \
                 happens-before (no lock, join or other synchronisation between them)",
                race.location,
                side(&race.first),
                side(&race.second)
            )
        };
        out.push(Candidate {
            kind: FindingKind::Race,
            key,
            message,
            threads: vec![
                race.first.thread_name.clone(),
                race.second.thread_name.clone(),
            ],
            details: Some(FindingDetails::Race(race.clone())),
        });
    }
}

fn access_word(is_write: bool) -> &'static str {
    if is_write {
        "write"
    } else {
        "read"
    }
}

/// The thread each blocked thread waits for, when that is one thread.
fn waits_on(b: &BlockedThread) -> Option<ThreadId> {
    match &b.waits_for {
        WaitTarget::Lock { owner, .. } => *owner,
        WaitTarget::Join { thread } => Some(*thread),
        WaitTarget::Other { .. } => None,
    }
}

/// A cycle in the wait-for graph (each blocked thread waits on at most one thread), in order.
fn wait_cycle(blocked: &[BlockedThread]) -> Vec<ThreadId> {
    let next = |t: ThreadId| blocked.iter().find(|b| b.thread == t).and_then(waits_on);
    for start in blocked {
        let mut path = vec![start.thread];
        let mut at = start.thread;
        while let Some(n) = next(at) {
            if let Some(pos) = path.iter().position(|&p| p == n) {
                let mut cycle = path[pos..].to_vec();
                let min = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap();
                cycle.rotate_left(min);
                return cycle;
            }
            path.push(n);
            at = n;
        }
    }
    Vec::new()
}

fn describe_blocked<M: Observe>(machine: &M, b: &BlockedThread) -> String {
    let holds = if b.holding.is_empty() {
        String::new()
    } else {
        let locks: Vec<String> = b
            .holding
            .iter()
            .map(|(lock, site)| format!("{} (taken at {})", lock.name, site))
            .collect();
        format!("holds {} and ", join_names(&locks))
    };
    let waits = match &b.waits_for {
        WaitTarget::Lock { lock, owner } => {
            let by = match owner {
                Some(o) => format!(", held by {}", machine.thread_name(*o)),
                None => ", held by no thread that can release it".to_string(),
            };
            format!("waits for {} at {}{}", lock.name, b.site, by)
        }
        WaitTarget::Join { thread } => format!(
            "waits at {} for {} to finish",
            b.site,
            machine.thread_name(*thread)
        ),
        WaitTarget::Other {
            object,
            explanation,
        } => format!("waits for {} at {}: {}", object, b.site, explanation),
    };
    format!("{} {}{}", b.thread_name, holds, waits)
}

fn blocked_key(b: &BlockedThread) -> String {
    let holding: Vec<String> = b.holding.iter().map(|(_, s)| s.to_string()).collect();
    format!("{}[{}]", b.site, holding.join(","))
}

fn stuck<M: Observe>(machine: &M, known: Known<'_>, out: &mut Vec<Candidate>) {
    let blocked = machine.blocked_threads();
    let cycle = wait_cycle(&blocked);
    let on_cycle: Vec<&BlockedThread> = cycle
        .iter()
        .filter_map(|t| blocked.iter().find(|b| b.thread == *t))
        .collect();
    let (kind, shown) = if cycle.is_empty() {
        (FindingKind::Hang, blocked.iter().collect::<Vec<_>>())
    } else {
        (FindingKind::Deadlock, on_cycle)
    };
    let keys: BTreeSet<String> = shown.iter().map(|b| blocked_key(b)).collect();
    let key = keys.into_iter().collect::<Vec<_>>().join(";");
    let message = if known(kind, &key) {
        String::new()
    } else {
        let parts: Vec<String> = shown.iter().map(|b| describe_blocked(machine, b)).collect();
        if kind == FindingKind::Deadlock {
            format!("deadlock: {}", parts.join("; "))
        } else {
            format!(
                "hang: no thread can run and the program has not ended: {}",
                parts.join("; ")
            )
        }
    };
    out.push(Candidate {
        kind,
        key,
        message,
        threads: shown.iter().map(|b| b.thread_name.clone()).collect(),
        details: Some(FindingDetails::Blocked {
            threads: blocked.clone(),
            cycle,
        }),
    });
}

/// The distinct sites of trace steps `first..=last` (1-based step numbers), in order of line.
fn sites_of_steps<M: Observe>(machine: &M, first: usize, last: usize) -> Vec<SourceSite> {
    let sites: BTreeSet<SourceSite> = machine
        .trace()
        .iter()
        .filter(|e| e.step >= first && e.step <= last)
        .map(|e| e.site.clone())
        .collect();
    sites.into_iter().collect()
}

fn sites_text(sites: &[SourceSite]) -> String {
    let shown: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
    join_names(&shown)
}

fn fair_cycle<M: StepMachine + Observe>(
    machine: &M,
    from: usize,
    to: usize,
    cycle_threads: &[ThreadId],
    known: Known<'_>,
) -> Candidate {
    let sites = sites_of_steps(machine, from + 1, to);
    let key: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
    let key = key.join(",");
    let threads: Vec<String> = cycle_threads
        .iter()
        .map(|&t| machine.thread_name(t))
        .collect();
    let message = if known(FindingKind::Livelock, &key) {
        String::new()
    } else {
        format!(
            "livelock: {} can run forever without progress: after step {} the program is back in \
             the state it had after step {}, and every thread that could run took a step in \
             between, so a fair scheduler can repeat this forever; the loop runs {}",
            join_names(&threads),
            to,
            from,
            sites_text(&sites)
        )
    };
    Candidate {
        kind: FindingKind::Livelock,
        key,
        message,
        threads: threads.clone(),
        details: Some(FindingDetails::Livelock {
            threads,
            sites,
            step_limit: false,
        }),
    }
}

/// How many of the last steps a step-limit livelock shows.
const STEP_LIMIT_WINDOW: usize = 64;

fn step_limit<M: StepMachine + Observe>(
    machine: &M,
    limits: Limits,
    known: Known<'_>,
) -> Candidate {
    let steps = limits.max_steps;
    let first = steps.saturating_sub(STEP_LIMIT_WINDOW - 1).max(1);
    let sites = sites_of_steps(machine, first, steps);
    let mut threads: Vec<ThreadId> = machine
        .trace()
        .iter()
        .filter(|e| e.step >= first)
        .map(|e| e.thread)
        .collect();
    threads.sort();
    threads.dedup();
    let threads: Vec<String> = threads.iter().map(|&t| machine.thread_name(t)).collect();
    let key: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
    let key = format!("step-limit:{}", key.join(","));
    let message = if known(FindingKind::Livelock, &key) {
        String::new()
    } else {
        format!(
            "livelock: the execution did not end within {} steps (the --max-steps limit); in its \
             last steps {} kept running {} (a program that needs more steps can raise the limit)",
            with_commas(steps),
            join_names(&threads),
            sites_text(&sites)
        )
    };
    Candidate {
        kind: FindingKind::Livelock,
        key,
        message,
        threads: threads.clone(),
        details: Some(FindingDetails::Livelock {
            threads,
            sites,
            step_limit: true,
        }),
    }
}
