//! weft-explore (being built).
