//! weft-fuzz: a fuzzer for weft that runs on the stable toolchain. Seeded mutations of the
//! scenarios and the test corpus (`mutate`), a generator of calls of every native with every
//! arity (`generate`), a crash oracle over the `weft` binary (`oracle`), a delta-debugging
//! minimiser (`minimize`) and the campaign that ties them together (`campaign`). A program is a
//! pure function of (seed, iteration); only the oracle's timeout and the length of a timed run
//! (`--seconds`) read the clock.

pub mod campaign;
pub mod corpus;
pub mod generate;
pub mod minimize;
pub mod mutate;
pub mod natives;
pub mod oracle;
pub mod tokens;

/// The folders, relative to the project root, whose `.py` files are the inputs.
pub const INPUT_DIRS: &[&str] = &["scenarios", "tests/corpus"];
