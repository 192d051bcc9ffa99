//! The weft command-line tool.
fn main() {}
