//! Where the fuzzer gets the natives' names and the importable modules from: weft-lang's native
//! registry (`weft_lang::natives`), so that every declared native is called with every arity.

/// Every native's qualified name (`len`, `int`, `math.sqrt`, `str.find`, `deque.popleft`).
pub fn native_names() -> Vec<String> {
    weft_lang::natives::all()
        .map(|n| n.name.to_string())
        .collect()
}

/// The modules a program may import, as weft-lang declares them.
pub fn modules() -> Vec<&'static str> {
    weft_lang::natives::public_module_names().collect()
}
