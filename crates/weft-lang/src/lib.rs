//! weft-lang: the Python subset (being built).
