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
        RunEnd::Limit(hit) => out.push(limit(machine, *hit, known)),
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

fn describe_blocked<M: Observe>(
    machine: &M,
    b: &BlockedThread,
    blocked: &[BlockedThread],
) -> String {
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
        WaitTarget::Lock {
            lock,
            owner,
            taken_at,
        } => {
            let by = match owner {
                // Nobody can run: an owner that is not blocked has ended.
                Some(o) if !blocked.iter().any(|x| x.thread == *o) => format!(
                    ", held by {}, which {}ended without releasing it",
                    machine.thread_name(*o),
                    taken_at
                        .as_ref()
                        .map(|s| format!("took it at {} and ", site_text(s)))
                        .unwrap_or_default()
                ),
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
        let parts: Vec<String> = shown
            .iter()
            .map(|b| describe_blocked(machine, b, &blocked))
            .collect();
        if kind == FindingKind::Deadlock {
            parts.join("; ")
        } else {
            format!(
                "no thread can run and the program has not ended: {}",
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

/// Where each of `threads` stands, in thread order (threads that have finished are left out).
fn thread_sites<M: Observe>(machine: &M, threads: &[ThreadId]) -> Vec<(String, SourceSite)> {
    threads
        .iter()
        .filter_map(|&t| Some((machine.thread_name(t), machine.thread_site(t)?)))
        .collect()
}

/// "Thread-1 (f) at prog.py:15 (`text`) and Thread-2 (g) at prog.py:16 (`text`)".
fn at_sites_text(at: &[(String, SourceSite)]) -> String {
    let parts: Vec<String> = at
        .iter()
        .map(|(name, site)| format!("{} at {}", name, site_text(site)))
        .collect();
    join_names(&parts)
}

fn fair_cycle<M: StepMachine + Observe>(
    machine: &M,
    from: usize,
    to: usize,
    cycle_threads: &[ThreadId],
    known: Known<'_>,
) -> Candidate {
    let at = thread_sites(machine, cycle_threads);
    // The same loop closes at different points of it: the key is the threads' functions.
    let functions: BTreeSet<String> = cycle_threads
        .iter()
        .filter_map(|&t| machine.thread_function(t))
        .collect();
    let key = functions.into_iter().collect::<Vec<_>>().join(",");
    let threads: Vec<String> = at.iter().map(|(name, _)| name.clone()).collect();
    let message = if known(FindingKind::Livelock, &key) {
        String::new()
    } else {
        format!(
            "{} {} round a loop forever without progress: after step {} the program is back \
             in the state it had after step {}, and every thread that could run took a step in \
             between, so a fair scheduler can repeat steps {}-{} forever",
            at_sites_text(&at),
            if at.len() == 1 { "goes" } else { "go" },
            to,
            from,
            from + 1,
            to
        )
    };
    Candidate {
        kind: FindingKind::Livelock,
        key,
        message,
        threads: threads.clone(),
        details: Some(FindingDetails::Livelock {
            threads,
            sites: at.into_iter().map(|(_, s)| s).collect(),
            step_limit: false,
        }),
    }
}

/// Why an exploration stopped early at a machine limit (the report's "incomplete" reason).
pub(crate) fn limit_stop_reason(hit: weft_core::LimitHit) -> String {
    match hit {
        weft_core::LimitHit::Instructions { limit } => format!(
            "an execution stopped at the instruction limit ({} instructions, --max-instructions)",
            with_commas(limit as usize)
        ),
        weft_core::LimitHit::Stopped => "the --time-limit budget ran out".to_string(),
    }
}

/// An execution the machine stopped at one of its limits: reported as a limit, since a long
/// program and a spinning one look the same from inside.
fn limit<M: StepMachine + Observe>(
    machine: &M,
    hit: weft_core::LimitHit,
    known: Known<'_>,
) -> Candidate {
    // The machine stopped inside a step, so a thread's status may be stale: every thread that
    // has not ended has a site (the one that was running is stopped at its own).
    let all: Vec<ThreadId> = (0..machine.thread_count() as u32).map(ThreadId).collect();
    let at = thread_sites(machine, &all);
    let threads: Vec<String> = at.iter().map(|(name, _)| name.clone()).collect();
    let key = match hit {
        weft_core::LimitHit::Instructions { .. } => "instructions",
        weft_core::LimitHit::Stopped => "time",
    }
    .to_string();
    let message = if known(FindingKind::Limit, &key) {
        String::new()
    } else {
        let what = match hit {
            weft_core::LimitHit::Instructions { limit } => format!(
                "stopped at the instruction limit ({} instructions without finishing): the \
                 program may simply be long (raise --max-instructions) or loop forever",
                with_commas(limit as usize)
            ),
            weft_core::LimitHit::Stopped => "stopped at the --time-limit without finishing: the \
                 program may simply be long (raise --time-limit) or loop forever"
                .to_string(),
        };
        if at.is_empty() {
            what
        } else {
            format!("{what}; at the limit {}", at_sites_text(&at))
        }
    };
    Candidate {
        kind: FindingKind::Limit,
        key: key.clone(),
        message,
        threads: threads.clone(),
        details: Some(FindingDetails::Limit {
            limit: key,
            threads,
            sites: at.into_iter().map(|(_, s)| s).collect(),
        }),
    }
}

fn step_limit<M: StepMachine + Observe>(
    machine: &M,
    limits: Limits,
    known: Known<'_>,
) -> Candidate {
    let running: Vec<ThreadId> = (0..machine.thread_count() as u32)
        .map(ThreadId)
        .filter(|&t| machine.status(t) != weft_core::ThreadStatus::Finished)
        .collect();
    let at = thread_sites(machine, &running);
    let threads: Vec<String> = at.iter().map(|(name, _)| name.clone()).collect();
    let functions: BTreeSet<String> = running
        .iter()
        .filter_map(|&t| machine.thread_function(t))
        .collect();
    let key = format!(
        "step-limit:{}",
        functions.into_iter().collect::<Vec<_>>().join(",")
    );
    let message = if known(FindingKind::Livelock, &key) {
        String::new()
    } else {
        format!(
            "the execution did not end within {} steps (the --max-steps limit) and no state \
             repeated: a livelock, or a program that needs more steps (raise --max-steps); at \
             the limit {}",
            with_commas(limits.max_steps),
            at_sites_text(&at)
        )
    };
    Candidate {
        kind: FindingKind::Livelock,
        key,
        message,
        threads: threads.clone(),
        details: Some(FindingDetails::Livelock {
            threads,
            sites: at.into_iter().map(|(_, s)| s).collect(),
            step_limit: true,
        }),
    }
}
