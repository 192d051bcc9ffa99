//! Where the fuzzer gets the natives' names and the importable modules from. Today that is
//! weft-lang's `native_names()`, read from the constants its dispatch uses; when the natives
//! registry lands, `native_names` below becomes its one-line iterator over qualified names.

/// Every native's qualified name (`len`, `int`, `math.sqrt`, `str.find`, `deque.popleft`).
pub fn native_names() -> Vec<String> {
    weft_lang::native_names()
}

/// The modules a program may import, as weft-lang declares them.
pub fn modules() -> &'static [&'static str] {
    weft_lang::MODELLED_MODULES
}
