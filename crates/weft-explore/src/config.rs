//! What an exploration is asked to do: the strategy, its bounds and budgets, parallelism and
//! sharding, and the caller's deadline hook (library crates read no clock, so the caller decides
//! when time is up).

use weft_core::Limits;

/// How the schedule space is searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Optimal DPOR until the space is covered or its share of the budget is spent, then PCT.
    Auto,
    /// Plain exhaustive depth-first enumeration of every choice (the correctness reference).
    Dfs,
    /// Optimal DPOR with wakeup trees and sleep sets: one execution per Mazurkiewicz trace.
    Dpor,
    /// Source-DPOR (source sets and sleep sets, no wakeup trees): kept for comparison.
    SourceDpor,
    /// Seeded uniform random choice at every choice point.
    Random,
    /// Probabilistic concurrency testing with bug depth `depth`.
    Pct { depth: usize },
}

impl Strategy {
    /// The name used on the command line and in reports.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::Auto => "auto",
            Strategy::Dfs => "dfs",
            Strategy::Dpor => "dpor",
            Strategy::SourceDpor => "source-dpor",
            Strategy::Random => "random",
            Strategy::Pct { .. } => "pct",
        }
    }

    /// The command-line names, in the order help texts list them.
    pub const NAMES: [&'static str; 6] = ["auto", "dpor", "source-dpor", "dfs", "random", "pct"];

    /// Parses a command-line name, or says what the names are and which one was probably meant:
    /// `unknown strategy "dpr": did you mean dpor? (the strategies: auto, dpor, ...)`.
    pub fn from_name(name: &str) -> Result<Strategy, ConfigError> {
        Strategy::parse(name).ok_or_else(|| ConfigError {
            message: unknown_name("strategy", "strategies", name, &Strategy::NAMES),
        })
    }

    /// Parses a command-line name; `pct` gets the default depth 3.
    pub fn parse(name: &str) -> Option<Strategy> {
        Some(match name {
            "auto" => Strategy::Auto,
            "dfs" => Strategy::Dfs,
            "dpor" => Strategy::Dpor,
            "source-dpor" => Strategy::SourceDpor,
            "random" => Strategy::Random,
            "pct" => Strategy::Pct {
                depth: DEFAULT_PCT_DEPTH,
            },
            _ => return None,
        })
    }
}

/// "unknown WHAT \"word\": did you mean X? (the PLURAL: a, b, c)", the hint left out when no
/// candidate is close.
pub fn unknown_name(what: &str, plural: &str, word: &str, candidates: &[&str]) -> String {
    let hint = match closest_name(word, candidates) {
        Some(near) => format!(": did you mean {near}?"),
        None => String::new(),
    };
    format!(
        "unknown {what} {word:?}{hint} (the {plural}: {})",
        candidates.join(", ")
    )
}

/// The candidate a mistyped `word` most probably meant: the nearest by edit distance (case
/// ignored), if it is within a third of the word's length (at least 1, at most 3 edits); the first
/// listed wins a tie. For "did you mean" hints.
pub fn closest_name<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let budget = (word.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &'a str)> = None;
    for &candidate in candidates {
        let distance = edit_distance(&word, &candidate.to_lowercase());
        let better = best.is_none_or(|(d, _)| distance < d);
        if distance <= budget && better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance, with a transposition of neighbours counting as one edit (`dfs`/`dsf`).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

pub const DEFAULT_PCT_DEPTH: usize = 3;
pub const DEFAULT_MAX_EXECUTIONS: usize = 10_000;

/// A time budget as the caller measures it. weft-explore never reads a clock: it asks this hook
/// between executions.
pub trait Deadline: Sync {
    /// True once the time budget is spent: exploration stops and reports itself incomplete.
    fn expired(&self) -> bool;
    /// The part of the time budget already spent (0.0 to 1.0), when the caller knows it; `auto`
    /// uses it to give DPOR the first half of the time and PCT the rest.
    fn fraction_spent(&self) -> Option<f64> {
        None
    }
    /// Called after every execution, with the number of distinct findings the part of the
    /// search that ran it has seen so far (for a progress display; jobs call it concurrently).
    fn executed(&self, findings: usize) {
        let _ = findings;
    }
}

impl<F: Fn() -> bool + Sync> Deadline for F {
    fn expired(&self) -> bool {
        self()
    }
}

/// A deadline that never expires.
pub struct NoDeadline;

impl Deadline for NoDeadline {
    fn expired(&self) -> bool {
        false
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExploreConfig {
    pub strategy: Strategy,
    /// The run's seed: the program's own `random` is seeded with it (exhaustive strategies), and
    /// the per-execution seeds of random and PCT derive from it.
    pub seed: u64,
    /// The most executions to explore; `None` means no limit (exhaustive strategies then run until
    /// the space is covered).
    pub max_executions: Option<usize>,
    /// Per-execution limits (steps).
    pub limits: Limits,
    /// CHESS-style preemption bound: explore only executions with at most this many preemptions.
    pub preemption_bound: Option<usize>,
    /// OS threads exploring disjoint subtrees. The report does not depend on it.
    pub jobs: usize,
    /// `(index, count)`: explore only the `index`-th of `count` disjoint parts of the schedule tree.
    pub shard: Option<(usize, usize)>,
    /// Stop at the first finding.
    pub fail_fast: bool,
    /// Shrink each finding's schedule before reporting it.
    pub minimize: bool,
    /// Exhaustive search first expands the top of the schedule tree breadth-first into at least
    /// this many subtrees, which jobs and shards then share. The report depends on this value (it
    /// fixes which execution represents each trace) but never on `jobs`.
    pub split_items: usize,
    /// Take a machine snapshot at most every this many steps of the current path (backtracking
    /// restores the nearest snapshot and replays the rest).
    pub snapshot_interval: usize,
    /// Detect repeated states with `Observe::state_hash` (spin loops, livelocks).
    pub state_hashing: bool,
    /// Stateful search (`--state-caching`, DFS only): an execution that reaches a machine state
    /// (and output) an earlier execution reached ends there, since everything after it has been
    /// or will be explored from that earlier visit (Holzmann, "The model checker SPIN", IEEE TSE
    /// 1997: state-space caching).
    pub state_caching: bool,
    /// The share of the execution (and time) budget that `auto` gives DPOR before switching to PCT.
    pub auto_dpor_share: f64,
}

impl Default for ExploreConfig {
    fn default() -> Self {
        ExploreConfig {
            strategy: Strategy::Auto,
            seed: 0,
            max_executions: Some(DEFAULT_MAX_EXECUTIONS),
            limits: Limits::default(),
            preemption_bound: None,
            jobs: 1,
            shard: None,
            fail_fast: false,
            minimize: true,
            split_items: 32,
            snapshot_interval: 8,
            state_hashing: true,
            state_caching: false,
            auto_dpor_share: 0.5,
        }
    }
}

/// A configuration the explorer refuses, with the reason (the CLI prints it as a usage error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ExploreConfig {
    /// Checks combinations the explorer cannot honour soundly.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |message: String| Err(ConfigError { message });
        if self.preemption_bound.is_some()
            && matches!(self.strategy, Strategy::Dpor | Strategy::SourceDpor)
        {
            return fail(format!(
                "--preemption-bound cannot be combined with --strategy {}: DPOR reverses races by \
                 exploring executions that the bound cuts off, so the combination would silently \
                 miss schedules within the bound (Coons, Musuvathi, McKinley, \"Bounded partial-order \
                 reduction\", OOPSLA 2013). Use --strategy dfs (or auto) with --preemption-bound.",
                self.strategy.name()
            ));
        }
        if self.state_caching && self.strategy != Strategy::Dfs {
            return fail(format!(
                "--state-caching needs --strategy dfs, not {}: partial-order reduction prunes by \
                 sleep sets and wakeup trees that a visited state does not carry (a state first \
                 reached with a sleep set may have successors that were never explored), and \
                 sampling strategies explore no tree to cache",
                self.strategy.name()
            ));
        }
        if self.state_caching && self.preemption_bound.is_some() {
            return fail(
                "--state-caching cannot be combined with --preemption-bound: a state first reached \
                 with more preemptions explores fewer of its successors than a later visit with \
                 fewer would, so cutting the later visit would miss schedules within the bound"
                    .into(),
            );
        }
        if self.state_caching && !self.state_hashing {
            return fail("--state-caching needs state hashing".into());
        }
        if let Strategy::Pct { depth } = self.strategy {
            if depth == 0 {
                return fail("the PCT depth must be at least 1".into());
            }
        }
        if self.jobs == 0 {
            return fail("--jobs must be at least 1".into());
        }
        if let Some((index, count)) = self.shard {
            if count == 0 || index >= count {
                return fail(format!(
                    "--shard {}/{}: the shard index must be below the shard count",
                    index, count
                ));
            }
        }
        if self.limits.max_steps == 0 {
            return fail("--max-steps must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&self.auto_dpor_share) {
            return fail("the auto DPOR share must be between 0 and 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_caching_is_refused_where_it_would_be_unsound() {
        let with = |strategy: Strategy, bound: Option<usize>| ExploreConfig {
            strategy,
            state_caching: true,
            preemption_bound: bound,
            ..Default::default()
        };
        assert!(with(Strategy::Dfs, None).validate().is_ok());
        for refused in [
            with(Strategy::Dpor, None),
            with(Strategy::SourceDpor, None),
            with(Strategy::Auto, None),
            with(Strategy::Random, None),
            with(Strategy::Dfs, Some(1)),
        ] {
            assert!(refused.validate().is_err(), "{:?}", refused.strategy);
        }
    }

    #[test]
    fn an_unknown_strategy_suggests_the_closest_name() {
        let error = Strategy::from_name("dpr").unwrap_err();
        assert_eq!(
            error.message,
            "unknown strategy \"dpr\": did you mean dpor? (the strategies: auto, dpor, source-dpor, \
             dfs, random, pct)"
        );
        assert_eq!(closest_name("DFS", &Strategy::NAMES), Some("dfs"));
        assert_eq!(closest_name("dsf", &Strategy::NAMES), Some("dfs"));
        assert_eq!(
            closest_name("sourcedpor", &Strategy::NAMES),
            Some("source-dpor")
        );
        assert_eq!(closest_name("randon", &Strategy::NAMES), Some("random"));
        assert_eq!(closest_name("exhaustive", &Strategy::NAMES), None);
        assert!(!Strategy::from_name("zzz")
            .unwrap_err()
            .message
            .contains("did you mean"));
        for name in Strategy::NAMES {
            assert_eq!(Strategy::from_name(name).unwrap().name(), name);
        }
    }
}
