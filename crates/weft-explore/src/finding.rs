//! Findings: what a program did wrong, as values. Each has a kind (the exact strings of
//! DESIGN.md), a key that identifies "the same bug" across executions (sites, never thread ids or
//! step numbers), a message naming threads, objects and source lines, a schedule that replays it,
//! and a trace. The explorer counts how many executions showed each finding and keeps the first.

use weft_core::observe::{BlockedThread, Failure, LockEdge, Race, SourceSite, TraceEvent};
use weft_core::{Schedule, ThreadId};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum FindingKind {
    Assertion,
    Exception,
    Deadlock,
    Hang,
    Race,
    LockOrder,
    Livelock,
    /// An execution stopped at a limit of weft (instructions, time): not a property of the
    /// program, which may simply need more.
    Limit,
}

impl FindingKind {
    /// The kind as DESIGN.md spells it in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Assertion => "assertion",
            FindingKind::Exception => "exception",
            FindingKind::Deadlock => "deadlock",
            FindingKind::Hang => "hang",
            FindingKind::Race => "race",
            FindingKind::LockOrder => "lock-order",
            FindingKind::Livelock => "livelock",
            FindingKind::Limit => "limit",
        }
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the exploration order an execution came: the subtree (or sampling chunk) and the
/// execution within it. Merging keeps, for each finding, the one that came first.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Origin {
    pub item: u64,
    pub execution: u64,
}

/// The data behind a finding's message, for renderers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FindingDetails {
    /// An exception that escaped a thread.
    Failure(Failure),
    /// Two unordered conflicting accesses.
    Race(Race),
    /// Nobody can run: the blocked threads, and for a deadlock the threads on the wait-for cycle
    /// in cycle order.
    Blocked {
        threads: Vec<BlockedThread>,
        cycle: Vec<ThreadId>,
    },
    /// A cycle in the lock-order graph, one edge per thread, in cycle order.
    LockOrder { edges: Vec<LockEdge> },
    /// A fair cycle (or the step limit): the threads that ran in it and the sites it repeats.
    Livelock {
        threads: Vec<String>,
        sites: Vec<SourceSite>,
        step_limit: bool,
    },
    /// An execution stopped at a limit of weft: `limit` is "instructions" or "time"; the
    /// threads still running there and their sites.
    Limit {
        limit: String,
        threads: Vec<String>,
        sites: Vec<SourceSite>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// What makes two occurrences the same finding (kind-specific; built from source sites).
    pub key: String,
    pub message: String,
    /// Replays the finding (`weft replay FILE SCHEDULE`, with `program_seed`).
    pub schedule: Schedule,
    /// For random and PCT exploration: the seed of the execution that showed it (`weft run --seed`
    /// reproduces a random one); `None` for exhaustive strategies.
    pub seed: Option<u64>,
    /// The seed the program was started with in that execution (its own `random` module).
    pub program_seed: u64,
    /// The threads involved, by name.
    pub threads: Vec<String>,
    /// The trace of the (shrunk) execution that shows it; empty until filled in after exploration.
    pub trace: Vec<TraceEvent>,
    /// How many explored executions showed it.
    pub executions: usize,
    /// Preemptions and steps of the execution kept (after shrinking, when enabled).
    pub preemptions: usize,
    pub steps: usize,
    /// Where in the exploration order its first occurrence came.
    pub origin: Origin,
    pub details: FindingDetails,
}

/// A finding as one execution shows it, before aggregation.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub kind: FindingKind,
    pub key: String,
    pub message: String,
    pub threads: Vec<String>,
    /// `None` for a finding already known (only counted).
    pub details: Option<FindingDetails>,
}

impl Candidate {
    /// A candidate for a finding already known: only its count matters.
    pub fn seen(kind: FindingKind, key: String) -> Candidate {
        Candidate {
            kind,
            key,
            message: String::new(),
            threads: Vec::new(),
            details: None,
        }
    }

    pub fn into_finding(
        self,
        schedule: &Schedule,
        seed: Option<u64>,
        program_seed: u64,
        origin: Origin,
    ) -> Finding {
        Finding {
            kind: self.kind,
            key: self.key,
            message: self.message,
            schedule: schedule.clone(),
            seed,
            program_seed,
            threads: self.threads,
            trace: Vec::new(),
            executions: 1,
            preemptions: preemptions_of(schedule),
            steps: 0,
            origin,
            details: self.details.expect("a new finding carries its details"),
        }
    }
}

/// A lower bound used until a replay measures it: the number of thread switches in the schedule.
fn preemptions_of(schedule: &Schedule) -> usize {
    schedule.choices.windows(2).filter(|w| w[0] != w[1]).count()
}

/// `file:line (`text`)` for messages.
pub(crate) fn site_text(site: &SourceSite) -> String {
    if site.text.is_empty() {
        site.to_string()
    } else {
        format!("{} (`{}`)", site, site.text)
    }
}

/// Joins names as "a", "a and b", "a, b and c".
pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// `1234567` as `1,234,567`.
pub fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_read_naturally() {
        assert_eq!(with_commas(10_000), "10,000");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1_234_567), "1,234,567");
        let names: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(join_names(&names), "a, b and c");
        assert_eq!(join_names(&names[..1]), "a");
    }
}
