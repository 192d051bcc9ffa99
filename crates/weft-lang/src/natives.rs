//! The native registry: every native callable (builtin function, builtin type's constructor,
//! method of a builtin type, function of a modelled module) is one [`Native`] declaration,
//! written in a table beside its implementation (`builtins.rs`, `methods.rs`, `dicts.rs`,
//! `modules.rs`), that says its qualified name, its parameters and its [`Effect`] on shared state.
//!
//! Everything else is derived from the declarations: which names a namespace holds (the builtins,
//! a module's functions, a type's methods), how a call's arguments are bound (one binder, with
//! the wording of CPython's argument errors, so no implementation sees fewer arguments than it
//! declared), and what a call touches (the visibility classifier asks the effect, so a native
//! cannot read a container that partial-order reduction does not know about). The modelled
//! modules are declared here too ([`MODULES`]).

use crate::call::Kwargs;
use crate::value::Value;
use crate::vm::{Machine, PyResult};
use std::sync::{Arc, OnceLock};

/// What a native does to state other threads can see. The visibility classifier turns the effect
/// and the call's actual arguments into the step's footprint (`visible.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Touches nothing shared: computes from values (`math.sqrt`, `str.upper`, `isinstance`).
    Pure,
    /// Reads the containers among its arguments (and what the iterators among them iterate), in
    /// one atomic step, without looking into their elements (`list(x)`, `','.join(lst)`).
    Reads,
    /// Reads the containers among its arguments and every container they hold: it formats,
    /// compares, hashes or adds their elements (`str(d)`, `sorted(lst)`, `'{}'.format(lst)`).
    ReadsDeep,
    /// Reads only the size of its first argument (`len(lst)`, `bool(d)`).
    ReadsSize,
    /// Reads its receiver (a container method that observes: `list.index`, `dict.keys`), and the
    /// containers among its arguments.
    ReadsReceiver,
    /// Changes its receiver (`list.append`, `Counter.subtract`), and reads the containers among
    /// its arguments (`a.extend(b)`).
    WritesReceiver,
    /// Compares its argument with the receiver's elements (`list.index`, `count`, `remove`):
    /// when the argument holds a container, the containers among the elements are read too.
    SearchesReceiver { write: bool },
    /// Reads (`get`) or may change (`setdefault`, `pop`) one key of its receiver dict.
    Keyed { write: bool },
    /// An attribute access by name (`getattr`/`hasattr` read, `setattr`/`delattr` write).
    Attribute { write: bool },
    /// Writes the program's output (`print`, `sys.stdout.write`), reading its arguments deeply.
    Print(Stream),
    /// Waits on the virtual clock (`time.sleep`).
    Sleep,
    /// Draws from the program's seeded generator: draws of different threads are ordered.
    Random,
    /// Draws from the program's seeded generator and rearranges its argument in place
    /// (`random.shuffle`): more than one operation can say, so the step reports an overrun and
    /// the explorer searches without footprints.
    RandomInPlace,
    /// Reads the virtual clock, which moves only between steps (`time.time`).
    Clock,
    /// A synchronisation or thread operation, classified by its own rules (`visible.rs`:
    /// lock calls, `_weft.start`, `_weft.join`, ...).
    Sync,
    /// Builds a lazy object over its arguments (`map`, `zip`, `functools.partial`): nothing is
    /// read until it is consumed, and the consuming step reads the source (`ForIter`).
    Lazy,
    /// Not available to an interpreted program (`open`, `input`, `exec`): raises, touching nothing.
    Refused,
    /// Importable but not modelled yet (`itertools.product`): calling it raises
    /// NotImplementedError naming it, touching nothing.
    Unmodelled,
}

/// The stream a printing native writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Out,
    Err,
    /// Standard output unless its `file=` argument is `sys.stderr` (`print`).
    FileKeyword,
}

impl Effect {
    /// Whether the effect changes a container (its receiver).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Effect::WritesReceiver
                | Effect::Keyed { write: true }
                | Effect::SearchesReceiver { write: true }
        )
    }
}

/// How CPython words argument errors for a callable: its calling convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `METH_O`/`METH_NOARGS`: "len() takes exactly one argument (0 given)".
    Single,
    /// Argument Clinic, positional only: "getattr expected at least 2 arguments, got 1".
    Checked,
    /// `PyArg_ParseTuple`: "find() takes at least 1 argument (0 given)".
    ParseTuple,
    /// Argument Clinic with keywords: "round() missing required argument 'number' (pos 1)",
    /// "'foo' is an invalid keyword argument for print()".
    Keywords,
    /// A Python function (CPython implements it in Python): "Random.randint() missing 1 required
    /// positional argument: 'b'".
    Python,
}

/// One native callable. `params` is its parameter list in Python's syntax (`"x, /"`,
/// `"sep=None, maxsplit=-1"`, `"*objects, sep=' ', end='\n', file=None, flush=False"`); a
/// default of `?` means optional with no value (the implementation tells absence apart).
#[derive(Debug)]
pub struct Native {
    /// Qualified name: `len`, `str.find`, `math.sqrt`, `Counter.subtract`, `sys.stdout.write`.
    pub name: &'static str,
    pub params: &'static str,
    pub effect: Effect,
    pub style: Style,
    /// The name CPython's messages give, when it is not `name` (`Random.randint`).
    pub shown: &'static str,
    /// A builtin type's constructor (`list`, `collections.deque`), called through the type.
    pub constructor: bool,
}

impl Native {
    /// A native whose error style follows from its parameters: one positional-only parameter
    /// (or none) is `METH_O`/`METH_NOARGS`, positional-only ones are Argument Clinic's checks,
    /// anything with keywords is Argument Clinic's keyword parser.
    pub const fn new(name: &'static str, params: &'static str, effect: Effect) -> Native {
        let style = if is_single(params.as_bytes()) {
            Style::Single
        } else if !has_keywords(params.as_bytes()) {
            Style::Checked
        } else {
            Style::Keywords
        };
        Native {
            name,
            params,
            effect,
            style,
            shown: "",
            constructor: false,
        }
    }
    /// A builtin type's constructor: the type's name is the native's member name.
    pub const fn constructor(mut self) -> Native {
        self.constructor = true;
        self
    }
    pub const fn style(mut self, style: Style) -> Native {
        self.style = style;
        self
    }
    pub const fn shown(mut self, shown: &'static str) -> Native {
        self.shown = shown;
        self
    }
    /// The name in messages (`list.append`, `Random.randint`).
    pub fn display_name(&self) -> &'static str {
        if self.shown.is_empty() {
            self.name
        } else {
            self.shown
        }
    }
    /// The bare name (`find` of `str.find`), as some of CPython's messages give it.
    pub fn short_name(&self) -> &'static str {
        let n = self.display_name();
        n.rsplit_once('.').map(|(_, s)| s).unwrap_or(n)
    }
    /// The owner part of the name: `""` for a builtin, the module or type otherwise.
    pub fn owner(&self) -> &'static str {
        self.name.rsplit_once('.').map(|(o, _)| o).unwrap_or("")
    }
    pub fn member(&self) -> &'static str {
        self.name
            .rsplit_once('.')
            .map(|(_, m)| m)
            .unwrap_or(self.name)
    }
    /// The parsed signature.
    pub fn signature(&self) -> &'static Signature {
        let r = registry();
        &r.signatures[r.index_of(self)]
    }
}

/// `"x, /"` or `""`: at most one parameter, positional only, required (or none at all).
const fn is_single(p: &[u8]) -> bool {
    if p.is_empty() {
        return true;
    }
    // One name followed by ", /" and nothing else.
    let mut i = 0;
    while i < p.len() {
        if p[i] == b',' {
            break;
        }
        if !(p[i].is_ascii_alphanumeric() || p[i] == b'_') {
            return false;
        }
        i += 1;
    }
    i + 3 == p.len() && p[i] == b',' && p[i + 1] == b' ' && p[i + 2] == b'/'
}

/// Whether some parameter can be passed by keyword: anything after the last `/`.
const fn has_keywords(p: &[u8]) -> bool {
    let mut last_slash = None;
    let mut i = 0;
    while i < p.len() {
        if p[i] == b'/' {
            last_slash = Some(i);
        }
        i += 1;
    }
    match last_slash {
        None => !p.is_empty(),
        Some(s) => s + 1 < p.len(),
    }
}

/// How a parameter may be passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
}

/// A parameter's default: required, a literal, or optional without a value.
#[derive(Clone, Debug)]
pub enum Default {
    Required,
    Unset,
    Value(Value),
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub default: Default,
}

/// A native's parameters, parsed from its declaration.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    pub params: Vec<Param>,
    /// `*args`: any number of further positional arguments.
    pub varargs: bool,
    /// `**kwargs`: any further keyword arguments.
    pub varkw: bool,
}

impl Signature {
    fn parse(text: &'static str) -> Signature {
        let mut sig = Signature::default();
        let mut kind = ParamKind::PositionalOrKeyword;
        for part in split_params(text) {
            match part {
                "/" => {
                    for p in &mut sig.params {
                        p.kind = ParamKind::PositionalOnly;
                    }
                }
                "*" => kind = ParamKind::KeywordOnly,
                p if p.starts_with("**") => sig.varkw = true,
                p if p.starts_with('*') => {
                    sig.varargs = true;
                    kind = ParamKind::KeywordOnly;
                }
                p => {
                    let (name, default) = match p.split_once('=') {
                        None => (p, Default::Required),
                        Some((n, "?")) => (n, Default::Unset),
                        Some((n, lit)) => (n, Default::Value(parse_literal(lit))),
                    };
                    sig.params.push(Param {
                        name,
                        kind,
                        default,
                    });
                }
            }
        }
        sig
    }

    /// The parameters that take positional arguments.
    pub fn positional(&self) -> impl Iterator<Item = &Param> {
        self.params
            .iter()
            .filter(|p| p.kind != ParamKind::KeywordOnly)
    }
    pub fn max_positional(&self) -> usize {
        self.positional().count()
    }
    pub fn min_positional(&self) -> usize {
        self.positional()
            .take_while(|p| matches!(p.default, Default::Required))
            .count()
    }
}

/// Splits a parameter list at top-level commas (a string default may hold a comma).
fn split_params(text: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, ',') => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// A default's literal: None, True, False, an int, a float or a quoted string (with `\n`).
fn parse_literal(lit: &str) -> Value {
    match lit {
        "None" => Value::None,
        "True" => Value::Bool(true),
        "False" => Value::Bool(false),
        _ if lit.starts_with('\'') || lit.starts_with('"') => {
            Value::str(&lit[1..lit.len() - 1].replace("\\n", "\n"))
        }
        _ => match lit.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(
                lit.parse::<f64>()
                    .unwrap_or_else(|_| panic!("native default {lit:?} is not a literal")),
            ),
        },
    }
}

/// A modelled module: its natives are the registry's entries whose owner is its name; a prelude
/// module also runs its Python source (`program.rs`).
#[derive(Debug)]
pub struct Module {
    pub name: &'static str,
    /// Importable by the program. `_weft` (the preludes' access to the machine) is not.
    pub public: bool,
}

/// The modules a program may import (and the preludes' private ones).
pub const MODULES: &[Module] = &[
    Module::public("threading"),
    Module::public("queue"),
    Module::public("time"),
    Module::public("random"),
    Module::public("math"),
    Module::public("sys"),
    Module::public("collections"),
    Module::public("itertools"),
    Module::public("functools"),
    Module::public("concurrent"),
    Module::public("concurrent.futures"),
    Module::public("_thread"),
    Module::public("dataclasses"),
    Module::public("typing"),
    Module::public("logging"),
    Module::public("os"),
    Module::public("__future__"),
    Module::private("_weft"),
    Module::private("_weftlib"),
];

impl Module {
    const fn public(name: &'static str) -> Module {
        Module { name, public: true }
    }
    const fn private(name: &'static str) -> Module {
        Module {
            name,
            public: false,
        }
    }
}

/// The module named `name`, if it is modelled.
pub fn module(name: &str) -> Option<&'static Module> {
    MODULES.iter().find(|m| m.name == name)
}

/// The names of the modules a program may import (for hints).
pub fn public_module_names() -> impl Iterator<Item = &'static str> {
    MODULES.iter().filter(|m| m.public).map(|m| m.name)
}

/// Every declaration table, by the file that implements its natives.
fn tables() -> [&'static [Native]; 5] {
    [
        crate::builtins::NATIVES,
        crate::methods::NATIVES,
        crate::dicts::NATIVES,
        crate::threads::NATIVES,
        crate::modules::NATIVES,
    ]
}

struct Registry {
    entries: Vec<&'static Native>,
    signatures: Vec<Signature>,
    /// (owner, member, entry) sorted, for lookups by owner and member without building names.
    index: Vec<(&'static str, &'static str, u32)>,
}

impl Registry {
    fn build() -> Registry {
        let entries: Vec<&'static Native> = tables().into_iter().flatten().collect();
        let signatures = entries.iter().map(|n| Signature::parse(n.params)).collect();
        let mut index: Vec<(&'static str, &'static str, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, n)| (n.owner(), n.member(), i as u32))
            .collect();
        index.sort();
        for w in index.windows(2) {
            assert!(
                (w[0].0, w[0].1) != (w[1].0, w[1].1),
                "native {}.{} is declared twice",
                w[0].0,
                w[0].1
            );
        }
        Registry {
            entries,
            signatures,
            index,
        }
    }

    fn find(&self, owner: &str, member: &str) -> Option<u32> {
        self.index
            .binary_search_by(|(o, m, _)| (*o, *m).cmp(&(owner, member)))
            .ok()
            .map(|i| self.index[i].2)
    }

    fn index_of(&self, n: &Native) -> usize {
        self.find(n.owner(), n.member())
            .expect("a declared native is in the registry") as usize
    }
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::build)
}

/// Every declared native, in declaration order.
pub fn all() -> impl Iterator<Item = &'static Native> {
    registry().entries.iter().copied()
}

/// The native with qualified name `name` (`len`, `math.sqrt`, `str.find`).
pub fn lookup(name: &str) -> Option<&'static Native> {
    let (owner, member) = name.rsplit_once('.').unwrap_or(("", name));
    member_of(owner, member)
}

/// The native `member` of `owner` (a module, a type, or `""` for the builtins).
pub fn member_of(owner: &str, member: &str) -> Option<&'static Native> {
    let r = registry();
    r.find(owner, member).map(|i| r.entries[i as usize])
}

/// The natives that `owner` (a module or a type) declares, in name order.
pub fn members_of(owner: &'static str) -> impl Iterator<Item = &'static Native> {
    let r = registry();
    let start = r.index.partition_point(|(o, _, _)| *o < owner);
    r.index[start..]
        .iter()
        .take_while(move |(o, _, _)| *o == owner)
        .map(|(_, _, i)| r.entries[*i as usize])
}

/// The builtin functions (`len`, `print`): the natives with no owner that are not constructors.
pub fn builtin_function(name: &str) -> Option<&'static Native> {
    member_of("", name).filter(|n| !n.constructor)
}

/// The constructor of builtin type `t`, if it is declared (`list`, `collections.deque`).
pub fn constructor(t: crate::types::Ty) -> Option<&'static Native> {
    use crate::types::Ty;
    let owner = match t {
        Ty::Deque | Ty::DefaultDict | Ty::Counter => "collections",
        Ty::Count => "itertools",
        Ty::Partial => "functools",
        _ => "",
    };
    member_of(owner, t.name()).filter(|n| n.constructor)
}

/// The builtin type whose instances `v` is, as the registry names method owners.
pub fn method_owner(m: &Machine, v: &Value) -> Option<&'static str> {
    use crate::value::Obj;
    Some(match v {
        Value::Str(_) => "str",
        Value::Tuple(_) => "tuple",
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => "int",
        Value::Float(_) => "float",
        Value::Obj(id) => match m.obj_kind(*id) {
            Obj::List(_) => "list",
            Obj::Dict(_) => "dict",
            Obj::DefaultDict { .. } => "defaultdict",
            Obj::Counter(_) => "Counter",
            Obj::Set(_) => "set",
            Obj::FrozenSet(_) => "frozenset",
            Obj::Deque { .. } => "deque",
            Obj::Lock(_) => "lock",
            Obj::Range { .. } => "range",
            Obj::Generator(_) => "generator",
            Obj::Iter(_) => "iterator",
            _ => return None,
        },
        _ => return None,
    })
}

/// The builtin method `name` of values of type `owner`: declared on the type itself or inherited
/// (a Counter and a defaultdict have dict's methods; a frozenset has set's that do not write).
pub fn method(owner: &str, name: &str) -> Option<&'static Native> {
    if let Some(n) = member_of(owner, name) {
        return Some(n);
    }
    match owner {
        "Counter" | "defaultdict" => member_of("dict", name),
        "frozenset" => member_of("set", name).filter(|n| !n.effect.writes()),
        "iterator" => member_of("generator", name).filter(|n| n.member() != "close"),
        _ => None,
    }
}

impl Machine {
    /// Binds a call of `native` to its parameters as CPython does: too many or too few
    /// positional arguments, an unknown keyword, an argument given twice, a missing required
    /// one raise CPython's TypeError. Afterwards `args` holds at least the required positional
    /// parameters; a keyword argument for a positional-or-keyword parameter is moved to its
    /// position (earlier optional positions take their defaults); keyword-only arguments stay in
    /// `kwargs`.
    pub fn bind_native(
        &mut self,
        native: &'static Native,
        args: &mut Vec<Value>,
        kwargs: &mut Kwargs,
    ) -> PyResult<()> {
        let sig = native.signature();
        let max = sig.max_positional();
        let min = sig.min_positional();
        let n = args.len();
        if native.style == Style::Python {
            return self.bind_native_python(native, sig, args, kwargs);
        }
        if !kwargs.is_empty()
            && !sig.varkw
            && sig
                .params
                .iter()
                .all(|p| p.kind == ParamKind::PositionalOnly)
        {
            let name = native.display_name();
            return Err(self.type_error(format!("{name}() takes no keyword arguments")));
        }
        if n > max && !sig.varargs {
            return Err(self.type_error(too_many_message(native, min, max, n)));
        }
        // Keywords: each names a parameter that may take it, once.
        let mut moved: Vec<(usize, Value)> = Vec::new();
        let mut i = 0;
        while i < kwargs.len() {
            let key = kwargs[i].0.clone();
            let found = sig.params.iter().enumerate().find(|(_, p)| *p.name == *key);
            match found {
                Some((_, p)) if p.kind == ParamKind::PositionalOnly => {
                    if sig.varkw {
                        i += 1;
                        continue;
                    }
                    return Err(self.type_error(unexpected_keyword_message(native, &key)));
                }
                Some((pos, p)) if p.kind == ParamKind::PositionalOrKeyword => {
                    if pos < n {
                        return Err(self.type_error(given_twice_message(native, p.name, pos)));
                    }
                    let (_, v) = kwargs.remove(i);
                    moved.push((pos, v));
                }
                Some(_) => i += 1,
                None if sig.varkw => i += 1,
                None => {
                    return Err(self.type_error(unexpected_keyword_message(native, &key)));
                }
            }
        }
        // Fill the positions up to the last one given; a gap takes its default.
        let last = moved.iter().map(|(p, _)| p + 1).max().unwrap_or(0).max(n);
        let positional: Vec<&Param> = sig.positional().collect();
        let mut slots: Vec<Option<Value>> = args.drain(..).map(Some).collect();
        slots.resize(last.max(slots.len()), None);
        for (pos, v) in moved {
            slots[pos] = Some(v);
        }
        for (pos, slot) in slots.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            let p = positional[pos];
            match &p.default {
                Default::Value(v) => *slot = Some(v.clone()),
                Default::Required => {
                    return Err(self.type_error(missing_message(native, p.name, pos, n)));
                }
                // An optional parameter with no value before one that was given by keyword: the
                // implementation reads it from the keywords instead.
                Default::Unset => break,
            }
        }
        // Values after an unset gap go back to the keywords they came as.
        let filled = slots.iter().take_while(|s| s.is_some()).count();
        for (pos, slot) in slots.iter_mut().enumerate().skip(filled) {
            if let Some(v) = slot.take() {
                kwargs.push((Arc::from(positional[pos].name), v));
            }
        }
        args.extend(slots.into_iter().take(filled).flatten());
        if args.len() < min {
            let p = positional[args.len()];
            return Err(self.type_error(missing_message(native, p.name, args.len(), n)));
        }
        for p in sig
            .params
            .iter()
            .filter(|p| p.kind == ParamKind::KeywordOnly)
        {
            if matches!(p.default, Default::Required) && !kwargs.iter().any(|(k, _)| **k == *p.name)
            {
                let name = native.display_name();
                return Err(self.type_error(format!(
                    "{name}() missing required keyword-only argument: '{}'",
                    p.name
                )));
            }
        }
        Ok(())
    }

    /// Binding with the wording of a Python function's (`Random.randint`).
    fn bind_native_python(
        &mut self,
        native: &'static Native,
        sig: &Signature,
        args: &mut Vec<Value>,
        kwargs: &mut Kwargs,
    ) -> PyResult<()> {
        let name = native.display_name();
        let positional: Vec<&Param> = sig.positional().collect();
        let (min, max, n) = (sig.min_positional(), positional.len(), args.len());
        if n > max && !sig.varargs {
            // A method's messages count `self`: a Python method's, or a module function that is
            // a bound method of a hidden instance (`random.randint` is `Random.randint`).
            let is_method = !native.shown.is_empty() || module(native.owner()).is_none();
            let (min, max, n) = if is_method {
                (min + 1, max + 1, n + 1)
            } else {
                (min, max, n)
            };
            let takes = match (min, max) {
                (_, 0) => {
                    return Err(self.type_error(format!("{name}() takes no arguments ({n} given)")))
                }
                (a, b) if a == b => format!("{b} positional argument{}", plural(b)),
                (a, b) => format!("from {a} to {b} positional arguments"),
            };
            let were = if n == 1 { "was" } else { "were" };
            return Err(self.type_error(format!("{name}() takes {takes} but {n} {were} given")));
        }
        let mut slots: Vec<Option<Value>> = args.drain(..).map(Some).collect();
        slots.resize(max.max(slots.len()), None);
        let mut i = 0;
        while i < kwargs.len() {
            let key = kwargs[i].0.clone();
            match positional.iter().position(|p| *p.name == *key) {
                Some(pos) if slots[pos].is_some() => {
                    return Err(self
                        .type_error(format!("{name}() got multiple values for argument '{key}'")))
                }
                Some(pos) => slots[pos] = Some(kwargs.remove(i).1),
                None if sig.params.iter().any(|p| *p.name == *key) || sig.varkw => i += 1,
                None => {
                    return Err(self.type_error(format!(
                        "{name}() got an unexpected keyword argument '{key}'"
                    )))
                }
            }
        }
        let missing: Vec<&str> = positional
            .iter()
            .zip(&slots)
            .filter(|(p, s)| s.is_none() && matches!(p.default, Default::Required))
            .map(|(p, _)| p.name)
            .collect();
        if !missing.is_empty() {
            let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
            let list = match quoted.len() {
                1 => quoted[0].clone(),
                k => format!("{} and {}", quoted[..k - 1].join(", "), quoted[k - 1]),
            };
            return Err(self.type_error(format!(
                "{name}() missing {} required positional argument{}: {list}",
                missing.len(),
                plural(missing.len())
            )));
        }
        let filled = slots.iter().take_while(|s| s.is_some()).count();
        for (pos, slot) in slots.iter_mut().enumerate().skip(filled) {
            match (slot.take(), &positional[pos].default) {
                (Some(v), _) => kwargs.push((Arc::from(positional[pos].name), v)),
                (None, Default::Value(_) | Default::Unset) => {}
                (None, Default::Required) => unreachable!("checked above"),
            }
        }
        args.extend(slots.into_iter().take(filled).flatten());
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn too_many_message(native: &Native, min: usize, max: usize, n: usize) -> String {
    let (name, short) = (native.display_name(), native.short_name());
    match native.style {
        Style::Single if max == 0 => format!("{name}() takes no arguments ({n} given)"),
        Style::Single => format!("{name}() takes exactly one argument ({n} given)"),
        Style::Checked => checked_message(short, min, max, n),
        Style::Keywords if max == 0 => format!("{short}() takes no positional arguments"),
        Style::ParseTuple | Style::Keywords => {
            let how = if min == max { "exactly" } else { "at most" };
            // Argument Clinic says "positional" when some parameter is keyword-only.
            let keyword_only = native
                .signature()
                .params
                .iter()
                .any(|p| p.kind == ParamKind::KeywordOnly);
            let positional = if native.style == Style::Keywords && keyword_only {
                "positional "
            } else {
                ""
            };
            format!(
                "{short}() takes {how} {max} {positional}argument{} ({n} given)",
                plural(max)
            )
        }
        Style::Python => unreachable!("bound by bind_native_python"),
    }
}

fn checked_message(short: &str, min: usize, max: usize, n: usize) -> String {
    let (how, k) = if min == max {
        ("", max)
    } else if n < min {
        ("at least ", min)
    } else {
        ("at most ", max)
    };
    format!("{short} expected {how}{k} argument{}, got {n}", plural(k))
}

fn missing_message(native: &Native, param: &str, pos: usize, n: usize) -> String {
    let sig = native.signature();
    let (name, short) = (native.display_name(), native.short_name());
    let (min, max) = (sig.min_positional(), sig.max_positional());
    match native.style {
        Style::Single => format!("{name}() takes exactly one argument ({n} given)"),
        Style::Checked if sig.varargs => checked_message(short, min, usize::MAX, n),
        Style::Checked => checked_message(short, min, max, n),
        Style::ParseTuple => {
            let how = if min == max { "exactly" } else { "at least" };
            format!(
                "{short}() takes {how} {min} argument{} ({n} given)",
                plural(min)
            )
        }
        Style::Keywords
            if sig.params[..min]
                .iter()
                .all(|p| p.kind == ParamKind::PositionalOnly) =>
        {
            let how = if min == max { "exactly" } else { "at least" };
            format!(
                "{short}() takes {how} {min} positional argument{} ({n} given)",
                plural(min)
            )
        }
        Style::Keywords => format!(
            "{short}() missing required argument '{param}' (pos {})",
            pos + 1
        ),
        Style::Python => unreachable!("bound by bind_native_python"),
    }
}

fn unexpected_keyword_message(native: &Native, key: &str) -> String {
    let sig = native.signature();
    if sig
        .params
        .iter()
        .any(|p| p.kind != ParamKind::PositionalOnly)
    {
        format!(
            "'{key}' is an invalid keyword argument for {}()",
            native.short_name()
        )
    } else {
        format!("{}() takes no keyword arguments", native.display_name())
    }
}

fn given_twice_message(native: &Native, param: &str, pos: usize) -> String {
    format!(
        "argument for {}() given by name ('{param}') and position ({})",
        native.short_name(),
        pos + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_native_is_declared_once_with_a_signature_that_parses() {
        let r = registry();
        assert!(r.entries.len() > 200, "{} natives", r.entries.len());
        for n in all() {
            let sig = n.signature();
            assert!(
                sig.min_positional() <= sig.max_positional(),
                "{}: bad signature",
                n.name
            );
        }
    }

    #[test]
    fn styles_follow_from_the_parameters() {
        assert_eq!(
            Native::new("len", "obj, /", Effect::ReadsSize).style,
            Style::Single
        );
        assert_eq!(
            Native::new("time.time", "", Effect::Clock).style,
            Style::Single
        );
        assert_eq!(
            Native::new("getattr", "object, name, default=?, /", Effect::Pure).style,
            Style::Checked
        );
        assert_eq!(
            Native::new("round", "number, ndigits=None", Effect::Pure).style,
            Style::Keywords
        );
    }

    #[test]
    fn the_modules_derive_from_the_declarations() {
        assert!(module("threading").is_some_and(|m| m.public));
        assert!(module("_weft").is_some_and(|m| !m.public));
        assert!(members_of("math").any(|n| n.name == "math.sqrt"));
        assert!(method("Counter", "subtract").is_some_and(|n| n.effect.writes()));
        assert!(method("Counter", "get").is_some());
        assert!(method("frozenset", "add").is_none());
        assert!(method("frozenset", "union").is_some());
    }
}
