//! weft-explore: the strategies that drive step machines through their schedules, and the
//! detectors that turn what executions show into findings.
//!
//! It knows no Python: it drives any [`weft_core::observe::Program`] through weft-core's
//! interfaces. Strategies (see [`Strategy`]): exhaustive DFS (optionally preemption-bounded),
//! optimal DPOR with wakeup trees and sleep sets (and source-DPOR, for comparison), seeded
//! random sampling, PCT, and `auto` (DPOR, then PCT for what is left of the budget). Detectors:
//! escaped exceptions, deadlocks and hangs, data races, lock-order cycles (over all executions),
//! livelocks (fair cycles of repeated states, or the step limit). Findings are deduplicated,
//! counted, and their schedules shrunk before they are reported.
//!
//! Entry points: [`explore`] (and [`explore_until`] with a caller-supplied deadline), [`run_one`]
//! for `weft run` and `weft replay`, and [`merge_reports`] for `weft merge`. The [`toy`] module is
//! a small threaded language for tests. Nothing here reads a clock or the environment, and the
//! report does not depend on `jobs`.
//!
//! Module map: `config` (what to do), `run` (the step loop of one execution, cycle detection),
//! `tree` (DFS and DPOR over one subtree), `wakeup` (wakeup trees), `frontier` (subtrees, jobs,
//! shards), `sample` (random and PCT), `detect` (per-execution detectors), `lockgraph`,
//! `collect` (aggregation), `minimize` (shrinking), `report`, `explore` (the entry point).

mod collect;
pub mod config;
mod detect;
mod explore;
pub mod finding;
mod frontier;
pub mod lockgraph;
mod minimize;
pub mod report;
pub mod run;
mod sample;
pub mod toy;
mod tree;
mod wakeup;

pub use config::{ConfigError, Deadline, ExploreConfig, NoDeadline, Strategy};
pub use explore::{explore, explore_until};
pub use finding::{Finding, FindingDetails, FindingKind, Origin};
pub use lockgraph::{LockGraph, LockGraphEdge};
pub use report::{merge_reports, ExploreReport, Outcome, Phase};
pub use run::{execution_seed, run_one, RandomChooser, RunEnd, RunMode, SingleRun};

/// The stack of a job thread of `--jobs`: machines run natives that recurse over nested data
/// (within weft-lang's depth limits), so a job gets the command thread's large stack.
pub const JOB_STACK_BYTES: usize = 256 << 20;

/// Spawns a job thread of `--jobs` on `scope` with [`JOB_STACK_BYTES`] of stack.
pub(crate) fn spawn_job<'scope, 'env, F>(scope: &'scope std::thread::Scope<'scope, 'env>, job: F)
where
    F: FnOnce() + Send + 'scope,
{
    std::thread::Builder::new()
        .stack_size(JOB_STACK_BYTES)
        .spawn_scoped(scope, job)
        .expect("the system can start a job thread");
}
