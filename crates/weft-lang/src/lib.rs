//! weft-lang: the Python subset weft interprets. `compile_program` parses and compiles a file
//! (diagnostics for anything outside the subset); the resulting [`PyProgram`] starts fresh
//! [`Machine`]s, each one execution, which weft-core's driver and weft-explore schedule.

mod attr;
mod builtins;
mod calendar;
mod call;
pub mod code;
mod compile;
pub mod diag;
mod dicts;
mod footprint;
mod format;
pub mod gc;
mod interp;
mod keys;
pub mod limits;
mod methods;
mod modules;
pub mod natives;
mod num;
mod observe;
mod ops;
pub mod program;
mod statehash;
mod threads;
pub mod types;
pub mod value;
mod visible;
pub mod vm;
mod worktime;

pub use diag::Diagnostic;
pub use program::{compile_program, PyProgram, RunOptions};
pub use vm::Machine;
