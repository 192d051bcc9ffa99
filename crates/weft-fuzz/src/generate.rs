//! The native-call generator: programs that call natives (builtins, constructors, module functions,
//! methods of builtin values) with 0 to 4 arguments of assorted kinds, positionally and by
//! keyword, on the main thread or in a started thread. It works over any list of qualified names
//! (`len`, `math.sqrt`, `str.find`); which call is generated at a given index is a pure function
//! of the index, so a run of `names.len() * 5` calls covers every native with every arity.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Most arguments a generated call passes.
pub const MAX_ARITY: usize = 4;

/// Argument values: each kind a native may meet, including ones that break the usual contracts
/// (a class whose `__len__` is negative, whose `__index__` is huge, whose `__eq__` raises).
pub const ARGUMENTS: &[&str] = &[
    "None",
    "0",
    "1",
    "-1",
    "3",
    "100000",
    "10**6",
    "10**30",
    "-10**30",
    "-9223372036854775809",
    "2**63",
    "2**64 - 1",
    "1.5",
    "-0.0",
    "float('nan')",
    "float('inf')",
    "-float('inf')",
    "1e308",
    "True",
    "''",
    "'abc'",
    "'\\x00\\ud800'",
    "'a' * 1000",
    "[]",
    "[3, 1, 2]",
    "['b', 'a']",
    "()",
    "(1, 'a')",
    "{}",
    "{'a': 1, 'b': 2}",
    "{1, 2}",
    "range(5)",
    "range(-10**30, 10**30, 7)",
    "NESTED",
    "DEEP_TUPLE",
    "DEEP_LIST",
    "RECURSIVE",
    "lambda *a, **k: 0",
    "lambda: None",
    "lambda x: x",
    "C()",
    "C",
    "EVIL",
    "gen()",
    "iter([1, 2])",
    "object()",
    "int",
    "print",
    "len",
    "Exception('e')",
];

/// Keyword names natives take (and some they do not).
pub const KEYWORDS: &[&str] = &[
    "key",
    "default",
    "start",
    "end",
    "stop",
    "step",
    "sep",
    "reverse",
    "timeout",
    "blocking",
    "n",
    "maxsize",
    "k",
    "base",
    "ndigits",
    "initial",
    "fillvalue",
    "repeat",
    "r",
    "file",
    "flush",
    "daemon",
    "target",
    "args",
    "kwargs",
    "x",
    "y",
    "maxlen",
    "count",
    "strict",
    "self",
];

/// Definitions the argument values refer to, put at the top of every generated program.
pub const PRELUDE: &str = "\
class C:
    def __init__(self, *a, **k):
        self.a = 1
    def m(self, *a, **k):
        return a

class Evil:
    def __len__(self):
        return -1
    def __index__(self):
        return 10**30
    def __int__(self):
        return -10**30
    def __float__(self):
        return float('nan')
    def __iter__(self):
        return self
    def __next__(self):
        raise ValueError('evil')
    def __hash__(self):
        return -1
    def __eq__(self, other):
        raise RuntimeError('evil')
    def __lt__(self, other):
        return NotImplemented
    def __repr__(self):
        return 42
    def __bool__(self):
        return 2
    def __call__(self, *a, **k):
        return self

def gen():
    yield 1
    yield 2

EVIL = Evil()
NESTED = [1]
for _ in range(100):
    NESTED = [(NESTED,), {'k': 1}]
RECURSIVE = [1]
RECURSIVE.append(RECURSIVE)
";

/// Definitions of the deeply nested values, added only to programs that use them (building
/// them costs a tenth of a second per execution). 50,000 levels overflow a recursive walk on
/// the main thread's 8 MiB stack.
pub const DEEP_PRELUDE: &str = "\
DEEP_TUPLE = 1
DEEP_LIST = 1
for _ in range(50000):
    DEEP_TUPLE = (DEEP_TUPLE,)
    DEEP_LIST = [DEEP_LIST]
";

/// Receivers for methods, by the owner part of a method's name; any other owner is called with
/// no arguments to make one.
const RECEIVERS: &[(&str, &str)] = &[
    ("str", "'abca'"),
    ("list", "[3, 1, 2]"),
    ("dict", "{'a': 1, 'b': 2}"),
    ("set", "{1, 2, 3}"),
    ("frozenset", "frozenset({1, 2})"),
    ("tuple", "(1, 2, 1)"),
    ("int", "7"),
    ("float", "2.5"),
    ("deque", "collections.deque([1, 2, 3])"),
    ("lock", "threading.Lock()"),
    ("RLock", "threading.RLock()"),
    ("Counter", "collections.Counter('abca')"),
    ("defaultdict", "collections.defaultdict(list)"),
    ("range", "range(10)"),
    ("generator", "gen()"),
];

/// How a qualified name is called: a builtin, a function of an importable module, or a method
/// of an owner type (called bound on a receiver or unbound through `type(receiver)`).
#[derive(Debug, PartialEq, Eq)]
enum Callee<'a> {
    Builtin(&'a str),
    ModuleFunction { module: &'a str, path: &'a str },
    Method { owner: &'a str, method: &'a str },
}

fn callee<'a>(name: &'a str, modules: &[&str]) -> Callee<'a> {
    let Some(dot) = name.rfind('.') else {
        return Callee::Builtin(name);
    };
    let (owner, method) = (&name[..dot], &name[dot + 1..]);
    match modules
        .iter()
        .filter(|m| owner == **m || owner.starts_with(&format!("{m}.")))
        .max_by_key(|m| m.len())
    {
        Some(module) => Callee::ModuleFunction {
            module: &name[..module.len()],
            path: name,
        },
        None => Callee::Method { owner, method },
    }
}

fn receiver(owner: &str) -> String {
    match RECEIVERS.iter().find(|(o, _)| *o == owner) {
        Some((_, expr)) => expr.to_string(),
        None => format!("{owner}()"),
    }
}

/// The argument list of a call: `arity` values, the last few by keyword with probability 1/3,
/// sometimes as a `*`/`**` splat.
fn arguments(rng: &mut ChaCha8Rng, arity: usize) -> String {
    let values: Vec<&str> = (0..arity)
        .map(|_| *ARGUMENTS.choose(rng).unwrap())
        .collect();
    match rng.gen_range(0..6) {
        0 | 1 if arity > 0 => {
            let keyword_from = rng.gen_range(0..arity);
            let mut parts: Vec<String> = values[..keyword_from]
                .iter()
                .map(|v| v.to_string())
                .collect();
            for v in &values[keyword_from..] {
                parts.push(format!("{}={v}", KEYWORDS.choose(rng).unwrap()));
            }
            parts.join(", ")
        }
        2 if arity > 0 => format!("*[{}]", values.join(", ")),
        _ => values.join(", "),
    }
}

/// The call expression of native `index % names.len()` with arity `(index / names.len()) % 5`.
pub fn call_expression(
    rng: &mut ChaCha8Rng,
    names: &[&str],
    modules: &[&str],
    index: usize,
) -> String {
    let name = names[index % names.len()];
    let arity = (index / names.len()) % (MAX_ARITY + 1);
    let args = arguments(rng, arity);
    match callee(name, modules) {
        Callee::Builtin(f) => format!("{f}({args})"),
        Callee::ModuleFunction { path, .. } => format!("{path}({args})"),
        Callee::Method { owner, method } => {
            if rng.gen_bool(0.75) {
                format!("{}.{method}({args})", receiver(owner))
            } else {
                format!("type({}).{method}({args})", receiver(owner))
            }
        }
    }
}

/// The modules a program must import to call `names`.
fn modules_needed<'a>(names: &[&str], modules: &[&'a str]) -> Vec<&'a str> {
    let mut needed: Vec<&'a str> = vec!["threading", "collections"];
    for name in names {
        if let Callee::ModuleFunction { module, .. } = callee(name, modules) {
            if let Some(m) = modules.iter().find(|m| **m == module) {
                needed.push(m);
            }
        }
    }
    needed.sort_unstable();
    needed.dedup();
    needed
}

/// A whole program: imports, the prelude, then the calls of indices
/// `first_index..first_index + count`, each in `try`/`except BaseException` so that one
/// program exercises all of them (a panic is not an exception and still ends the run), one in
/// five inside a thread.
pub fn native_call_program(
    rng: &mut ChaCha8Rng,
    names: &[&str],
    modules: &[&str],
    first_index: usize,
    count: usize,
) -> Vec<u8> {
    assert!(!names.is_empty(), "the generator needs at least one native");
    let called: Vec<&str> = (first_index..first_index + count)
        .map(|i| names[i % names.len()])
        .collect();
    let mut program = String::new();
    for module in modules_needed(&called, modules) {
        program.push_str(&format!("import {module}\n"));
    }
    program.push_str(PRELUDE);
    let mut statements = String::new();
    for index in first_index..first_index + count {
        let call = call_expression(rng, names, modules, index);
        statements.push_str(&call_statement(rng, &call));
    }
    if statements.contains("DEEP_") {
        program.push_str(DEEP_PRELUDE);
    }
    program.push_str(&statements);
    program.into_bytes()
}

/// `call` as a statement that survives a Python exception: in `try`, on the main thread or in a
/// thread that is started and joined.
pub fn call_statement(rng: &mut ChaCha8Rng, call: &str) -> String {
    if rng.gen_bool(0.2) {
        format!(
            "def _in_thread():\n    {call}\n_t = threading.Thread(target=_in_thread)\n_t.start()\n_t.join()\n"
        )
    } else {
        format!("try:\n    {call}\nexcept BaseException:\n    pass\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    const NAMES: &[&str] = &[
        "len",
        "math.sqrt",
        "str.find",
        "lock.acquire",
        "concurrent.futures.wait",
    ];
    const MODULES: &[&str] = &["math", "threading", "concurrent", "concurrent.futures"];

    #[test]
    fn names_resolve_to_builtins_module_functions_and_methods() {
        assert_eq!(callee("len", MODULES), Callee::Builtin("len"));
        assert_eq!(
            callee("math.sqrt", MODULES),
            Callee::ModuleFunction {
                module: "math",
                path: "math.sqrt"
            }
        );
        assert_eq!(
            callee("concurrent.futures.wait", MODULES),
            Callee::ModuleFunction {
                module: "concurrent.futures",
                path: "concurrent.futures.wait"
            }
        );
        assert_eq!(
            callee("str.find", MODULES),
            Callee::Method {
                owner: "str",
                method: "find"
            }
        );
    }

    #[test]
    fn every_native_is_called_with_every_arity() {
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        let mut seen = Vec::new();
        for index in 0..NAMES.len() * (MAX_ARITY + 1) {
            let call = call_expression(&mut rng, NAMES, MODULES, index);
            let name = NAMES[index % NAMES.len()];
            let short = name.rsplit('.').next().unwrap();
            assert!(
                call.contains(&format!("{short}(")),
                "{call} does not call {name}"
            );
            seen.push((name, (index / NAMES.len()) % (MAX_ARITY + 1)));
        }
        for name in NAMES {
            for arity in 0..=MAX_ARITY {
                assert!(seen.contains(&(name, arity)));
            }
        }
        let no_args = call_expression(&mut rng, NAMES, MODULES, 0);
        assert_eq!(no_args, "len()");
    }

    #[test]
    fn programs_import_what_they_call_and_are_deterministic() {
        let a = native_call_program(&mut ChaCha8Rng::seed_from_u64(9), NAMES, MODULES, 0, 5);
        let b = native_call_program(&mut ChaCha8Rng::seed_from_u64(9), NAMES, MODULES, 0, 5);
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains("import math\n"), "{text}");
        assert!(text.contains("import concurrent.futures\n"), "{text}");
        assert!(text.contains("threading.Lock()"), "{text}");
        assert!(text.contains(".acquire("), "{text}");
        assert!(text.contains("class Evil:"), "{text}");
    }
}
