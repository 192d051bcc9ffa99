//! weft-explore's integration tests, one binary: exact execution counts on the benchmark
//! programs, DPOR against DFS on random programs, findings and their replays, determinism,
//! jobs and shards. They drive the toy language (`weft_explore::toy`).

mod benchmarks;
mod differential;
mod support;
