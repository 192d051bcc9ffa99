//! The qualified name of every native weft-lang dispatches today (`len`, `int`, `math.sqrt`,
//! `str.find`, `deque.popleft`), read from the constants the builtins, modules and methods are
//! dispatched by, so that the fuzzer calls each of them with every arity. Methods that the
//! dispatch matches inline (int, float, tuple, range, generator methods) are not listed; the
//! natives registry, when it lands, replaces this function.

use crate::types::Ty;

/// Every native's qualified name, in a fixed order, without duplicates.
pub fn native_names() -> Vec<String> {
    let mut names: Vec<String> = crate::builtins::BUILTIN_FUNCTIONS
        .iter()
        .map(|n| n.to_string())
        .collect();
    names.extend(
        Ty::ALL
            .iter()
            .filter(|t| t.is_builtin_name())
            .map(|t| t.name().to_string()),
    );
    for (_, functions) in crate::modules::NATIVE_FUNCTIONS {
        names.extend(functions.iter().map(|n| n.to_string()));
    }
    let methods: [(&str, &[&str]); 8] = [
        ("str", crate::methods::STR_METHODS),
        ("list", crate::methods::LIST_METHODS),
        ("dict", crate::methods::DICT_METHODS),
        ("set", crate::methods::SET_METHODS),
        ("deque", crate::methods::DEQUE_METHODS),
        ("lock", crate::methods::LOCK_METHODS),
        ("RLock", crate::methods::LOCK_METHODS),
        ("Counter", crate::dicts::COUNTER_METHODS),
    ];
    for (owner, list) in methods {
        names.extend(list.iter().map(|m| format!("{owner}.{m}")));
    }
    let mut seen = indexmap::IndexSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_builtins_types_module_functions_and_methods() {
        let names = super::native_names();
        for expected in [
            "len",
            "abs",
            "int",
            "dict",
            "math.sqrt",
            "str.find",
            "list.append",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected} missing");
        }
        assert!(names.len() > 200, "only {} natives", names.len());
    }
}
