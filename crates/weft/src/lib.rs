//! weft (being built).
