//! weft-report (being built).
