//! Workspace integration tests: one binary, one module per area.

mod api_steps;
mod cli;
mod determinism;
mod differential;
mod docs;
mod engine;
mod fuzz;
mod html;
mod limits;
mod natives;
mod parallel;
mod races;
mod scenarios_run;
mod snapshots;
mod soundness;
mod threading_api;

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn load(path: &Path) -> weft::Scenario {
    let source = std::fs::read_to_string(path).unwrap();
    let rel = path
        .strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .to_string();
    weft::Scenario::from_source(&rel, &source, weft::RunOptions::default())
        .unwrap_or_else(|d| panic!("{d}"))
}

pub fn weft_bin() -> PathBuf {
    // The CLI binary of this workspace, built by `make test` before the tests run.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    target.join(profile).join("weft")
}
