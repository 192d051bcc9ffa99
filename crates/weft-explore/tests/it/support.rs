//! Shared helpers: run a strategy on a toy program.

use weft_explore::toy::ToyProgram;
use weft_explore::{explore, ExploreConfig, ExploreReport, Strategy};

pub fn config(strategy: Strategy) -> ExploreConfig {
    ExploreConfig {
        strategy,
        max_executions: None,
        minimize: false,
        ..ExploreConfig::default()
    }
}

pub fn run(program: &ToyProgram, strategy: Strategy) -> ExploreReport {
    explore(program, &config(strategy)).expect("a valid configuration")
}
