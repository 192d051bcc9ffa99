//! The compiler: Python AST (rustpython-parser) to weft bytecode, with scope analysis (locals,
//! cells, free variables, globals) and diagnostics for everything outside the supported subset.

use crate::code::{BinOp, CmpOp, Code, Instr, UnOp};
use crate::diag::{source_line, Diagnostic, LineIndex};
use crate::value::Value;
use indexmap::IndexSet;
use rustpython_parser::ast::{self, Constant, Expr, Ranged, Stmt};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Nesting deeper than this is refused with a diagnostic rather than risking weft's own stack.
const MAX_NESTING: usize = 200;

pub struct CompileInput<'s> {
    pub file: &'s str,
    pub source: &'s str,
    pub internal: bool,
}

/// Parse and compile a module. Runs on a thread with a large stack so that deeply nested input
/// gives a diagnostic, never a stack overflow.
pub fn compile_module(input: CompileInput<'_>) -> Result<Arc<Code>, Diagnostic> {
    let file = input.file.to_string();
    let source = input.source.to_string();
    let internal = input.internal;
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || compile_on_this_thread(&file, &source, internal))
        .map_err(|e| Diagnostic {
            file: input.file.to_string(),
            line: 1,
            col: 1,
            message: format!("cannot start the compiler: {e}"),
            source_line: String::new(),
            hint: None,
        })?;
    handle.join().unwrap_or_else(|_| {
        Err(Diagnostic {
            file: input.file.to_string(),
            line: 1,
            col: 1,
            message: "internal error in the compiler".into(),
            source_line: String::new(),
            hint: Some("this is a bug in weft; please report it with the program".into()),
        })
    })
}

fn compile_on_this_thread(
    file: &str,
    source: &str,
    internal: bool,
) -> Result<Arc<Code>, Diagnostic> {
    let index = LineIndex::new(source);
    check_nesting(file, source, &index)?;
    let parsed = rustpython_parser::parse(source, rustpython_parser::Mode::Module, file);
    let module = match parsed {
        Ok(ast::Mod::Module(m)) => m,
        Ok(_) => unreachable!("parsed in module mode"),
        Err(err) => return Err(parse_error(file, source, &index, &err)),
    };
    let mut compiler = Compiler {
        file: Arc::from(file),
        source,
        index: &index,
        scopes: BTreeMap::new(),
        internal,
        depth: 0,
    };
    compiler.analyze_module(&module.body)?;
    let code = compiler.compile_scope_body(
        ScopeKind::Module,
        "<module>",
        "<module>",
        &module.body,
        None,
        1,
    )?;
    // The AST can be deep (long chains of binary operators): drop it on this big stack too.
    drop(module);
    Ok(code)
}

fn check_nesting(file: &str, source: &str, index: &LineIndex) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut in_string: Option<u8> = None;
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match in_string {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q || b == b'\n' {
                    in_string = None;
                }
            }
            None => match b {
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'\'' | b'"' => in_string = Some(b),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let (line, col) = index.line_col(source, i);
                        return Err(Diagnostic {
                            file: file.into(),
                            line,
                            col,
                            message: "too many nested parentheses".into(),
                            source_line: source_line(source, line),
                            hint: Some(format!("weft, like CPython, accepts at most {MAX_NESTING} levels of brackets")),
                        });
                    }
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        i += 1;
    }
    Ok(())
}

fn parse_error(
    file: &str,
    source: &str,
    index: &LineIndex,
    err: &rustpython_parser::ParseError,
) -> Diagnostic {
    use rustpython_parser::ParseErrorType as P;
    let offset = usize::from(err.offset);
    let (line, col) = index.line_col(source, offset);
    let text = err.error.to_string();
    let (message, hint) = match &err.error {
        P::Lexical(lex) => {
            let s = lex.to_string();
            if s.contains("indent") || s.contains("Indent") {
                (
                    format!("IndentationError: {s}"),
                    Some("indent blocks consistently with spaces".to_string()),
                )
            } else {
                (format!("SyntaxError: {s}"), None)
            }
        }
        P::Eof => (
            "SyntaxError: unexpected end of file".to_string(),
            Some("a bracket or block is not closed".into()),
        ),
        P::UnrecognizedToken(rustpython_parser::Tok::Indent, _) => (
            "IndentationError: unexpected indent".to_string(),
            Some("this line is indented more than the block it is in".into()),
        ),
        P::UnrecognizedToken(rustpython_parser::Tok::Dedent, _) => (
            "IndentationError: unindent does not match any outer indentation level".to_string(),
            None,
        ),
        _ => (format!("SyntaxError: {text}"), None),
    };
    Diagnostic {
        file: file.into(),
        line,
        col,
        message,
        source_line: source_line(source, line),
        hint,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Function,
    Class,
}

/// The result of scope analysis for one function, lambda, comprehension or class body.
#[derive(Default, Debug)]
struct Scope {
    kind_is_function: bool,
    kind_is_class: bool,
    params: Vec<String>,
    assigned: IndexSet<String>,
    used: IndexSet<String>,
    globals: IndexSet<String>,
    nonlocals: IndexSet<String>,
    /// Filled by resolution.
    cells: IndexSet<String>,
    frees: IndexSet<String>,
    is_generator: bool,
    children: Vec<usize>,
}

struct Compiler<'a> {
    file: Arc<str>,
    source: &'a str,
    index: &'a LineIndex,
    /// Scope analysis results keyed by the address of the AST node that opens the scope.
    scopes: BTreeMap<usize, Scope>,
    internal: bool,
    depth: usize,
}

fn key_of<T>(node: &T) -> usize {
    node as *const T as usize
}

enum FBlock<'a> {
    Loop {
        start: usize,
        breaks: Vec<usize>,
        is_for: bool,
    },
    Finally(&'a [Stmt]),
    Handler {
        name: Option<String>,
    },
    With,
    Except,
}

struct Builder<'a> {
    kind: ScopeKind,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: IndexSet<Arc<str>>,
    varnames: IndexSet<Arc<str>>,
    cellvars: IndexSet<Arc<str>>,
    freevars: IndexSet<Arc<str>>,
    globals: IndexSet<String>,
    line: u32,
    fblocks: Vec<FBlock<'a>>,
    qualname: String,
}

impl Builder<'_> {
    fn emit(&mut self, i: Instr) -> usize {
        self.instrs.push(i);
        self.lines.push(self.line);
        self.instrs.len() - 1
    }
    fn here(&self) -> u32 {
        self.instrs.len() as u32
    }
    fn patch(&mut self, at: usize) {
        let target = self.here();
        self.patch_to(at, target);
    }
    fn patch_to(&mut self, at: usize, target: u32) {
        self.instrs[at] = match self.instrs[at] {
            Instr::Jump(_) => Instr::Jump(target),
            Instr::JumpIfFalse(_) => Instr::JumpIfFalse(target),
            Instr::JumpIfTrue(_) => Instr::JumpIfTrue(target),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
            Instr::ForIter(_) => Instr::ForIter(target),
            Instr::SetupExcept(_) => Instr::SetupExcept(target),
            Instr::SetupFinally(_) => Instr::SetupFinally(target),
            Instr::SetupWith(_) => Instr::SetupWith(target),
            other => other,
        };
    }
    fn konst(&mut self, v: Value) -> u32 {
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }
    fn name(&mut self, n: &str) -> u32 {
        self.names.insert_full(Arc::from(n)).0 as u32
    }
    fn var(&mut self, n: &str) -> u32 {
        self.varnames.insert_full(Arc::from(n)).0 as u32
    }
}

type R<T> = Result<T, Diagnostic>;

impl<'a> Compiler<'a> {
    fn diag(
        &self,
        range: ast::text_size::TextRange,
        message: impl Into<String>,
        hint: Option<&str>,
    ) -> Diagnostic {
        let (line, col) = self.index.line_col(self.source, usize::from(range.start()));
        Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            message: message.into(),
            source_line: source_line(self.source, line),
            hint: hint.map(str::to_string),
        }
    }
    fn unsupported(&self, range: ast::text_size::TextRange, what: &str, hint: &str) -> Diagnostic {
        self.diag(
            range,
            format!("unsupported: {what}: not in the Python subset weft interprets"),
            Some(hint),
        )
    }
    fn line_of(&self, range: ast::text_size::TextRange) -> u32 {
        self.index
            .line_col(self.source, usize::from(range.start()))
            .0
    }

    // ---------------------------------------------------------------- scope analysis

    fn analyze_module(&mut self, body: &'a [Stmt]) -> R<()> {
        let mut scope = Scope::default();
        for s in body {
            self.analyze_stmt(s, &mut scope)?;
        }
        // Module scope: everything is global; resolve children with no enclosing function scopes.
        let children = std::mem::take(&mut scope.children);
        for c in children {
            self.resolve(c, &[])?;
        }
        Ok(())
    }

    /// Resolve free variables of scope `key`, given the enclosing function scopes (innermost last).
    fn resolve(&mut self, key: usize, enclosing: &[usize]) -> R<()> {
        let (_is_function, names): (bool, Vec<String>) = {
            let s = &self.scopes[&key];
            let mut names: Vec<String> = s.used.iter().cloned().collect();
            names.extend(s.nonlocals.iter().cloned());
            (s.kind_is_function, names)
        };
        for name in names {
            let s = &self.scopes[&key];
            let local = s.kind_is_function
                && (s.params.contains(&name) || s.assigned.contains(&name))
                && !s.globals.contains(&name)
                && !s.nonlocals.contains(&name);
            if local || s.globals.contains(&name) {
                continue;
            }
            if s.kind_is_class && s.assigned.contains(&name) && !s.nonlocals.contains(&name) {
                continue;
            }
            // Find the nearest enclosing function scope that binds it.
            let mut found = None;
            for &e in enclosing.iter().rev() {
                let es = &self.scopes[&e];
                if es.kind_is_class && name == "__class__" {
                    found = Some(e);
                    break;
                }
                if !es.kind_is_function {
                    continue;
                }
                if es.globals.contains(&name) {
                    break;
                }
                if es.params.contains(&name)
                    || es.assigned.contains(&name)
                    || es.nonlocals.contains(&name)
                {
                    found = Some(e);
                    break;
                }
            }
            if let Some(owner) = found {
                // Mark as free in every scope between owner and key, and as a cell in owner.
                let owner_binds_locally = {
                    let os = &self.scopes[&owner];
                    !os.nonlocals.contains(&name)
                };
                if owner_binds_locally {
                    self.scopes
                        .get_mut(&owner)
                        .unwrap()
                        .cells
                        .insert(name.clone());
                } else {
                    self.scopes
                        .get_mut(&owner)
                        .unwrap()
                        .frees
                        .insert(name.clone());
                }
                let pos = enclosing.iter().position(|&e| e == owner).unwrap();
                for &mid in &enclosing[pos + 1..] {
                    self.scopes
                        .get_mut(&mid)
                        .unwrap()
                        .frees
                        .insert(name.clone());
                }
                self.scopes
                    .get_mut(&key)
                    .unwrap()
                    .frees
                    .insert(name.clone());
            }
        }
        let children = self.scopes[&key].children.clone();
        let mut chain = enclosing.to_vec();
        chain.push(key);
        for c in children {
            self.resolve(c, &chain)?;
        }
        Ok(())
    }

    fn new_scope(&mut self, key: usize, function: bool, class: bool, params: Vec<String>) -> Scope {
        let _ = key;
        Scope {
            kind_is_function: function,
            kind_is_class: class,
            params,
            ..Default::default()
        }
    }

    fn params_of(args: &ast::Arguments) -> Vec<String> {
        let mut p: Vec<String> = Vec::new();
        for a in args.posonlyargs.iter().chain(&args.args) {
            p.push(a.def.arg.to_string());
        }
        // CPython's co_varnames order: positional, keyword-only, *args, **kwargs.
        for a in &args.kwonlyargs {
            p.push(a.def.arg.to_string());
        }
        if let Some(v) = &args.vararg {
            p.push(v.arg.to_string());
        }
        if let Some(k) = &args.kwarg {
            p.push(k.arg.to_string());
        }
        p
    }

    fn analyze_stmt(&mut self, s: &'a Stmt, scope: &mut Scope) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING * 4 {
            return Err(self.diag(
                s.range(),
                "RecursionError: the program nests too deeply to compile",
                None,
            ));
        }
        let r = self.analyze_stmt_inner(s, scope);
        self.depth -= 1;
        r
    }

    fn analyze_stmt_inner(&mut self, s: &'a Stmt, scope: &mut Scope) -> R<()> {
        match s {
            Stmt::FunctionDef(f) => {
                scope.assigned.insert(f.name.to_string());
                for d in &f.decorator_list {
                    self.analyze_expr(d, scope)?;
                }
                self.analyze_args_defaults(&f.args, scope)?;
                let key = key_of(f);
                let mut inner = self.new_scope(key, true, false, Self::params_of(&f.args));
                for st in &f.body {
                    self.analyze_stmt(st, &mut inner)?;
                }
                self.scopes.insert(key, inner);
                scope.children.push(key);
            }
            Stmt::AsyncFunctionDef(f) => {
                return Err(self.unsupported(
                    f.range,
                    "`async def`",
                    "weft models threads, not asyncio; use threading",
                ))
            }
            Stmt::ClassDef(c) => {
                scope.assigned.insert(c.name.to_string());
                for b in &c.bases {
                    self.analyze_expr(b, scope)?;
                }
                for d in &c.decorator_list {
                    self.analyze_expr(d, scope)?;
                }
                if let Some(k) = c.keywords.first() {
                    return Err(self.unsupported(
                        k.range,
                        "class keywords (metaclasses)",
                        "define the class without metaclass= or other keywords",
                    ));
                }
                let key = key_of(c);
                let mut inner = self.new_scope(key, false, true, Vec::new());
                for st in &c.body {
                    self.analyze_stmt(st, &mut inner)?;
                }
                self.scopes.insert(key, inner);
                scope.children.push(key);
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.analyze_expr(v, scope)?;
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.analyze_target(t, scope)?;
                }
            }
            Stmt::Assign(a) => {
                for t in &a.targets {
                    self.analyze_target(t, scope)?;
                }
                self.analyze_expr(&a.value, scope)?;
            }
            Stmt::AugAssign(a) => {
                self.analyze_target(&a.target, scope)?;
                if let Expr::Name(n) = &*a.target {
                    scope.used.insert(n.id.to_string());
                }
                self.analyze_expr(&a.value, scope)?;
            }
            Stmt::AnnAssign(a) => {
                if a.value.is_some() || !matches!(&*a.target, Expr::Name(_)) {
                    self.analyze_target(&a.target, scope)?;
                }
                if let Some(v) = &a.value {
                    self.analyze_expr(v, scope)?;
                }
            }
            Stmt::For(f) => {
                self.analyze_target(&f.target, scope)?;
                self.analyze_expr(&f.iter, scope)?;
                for st in f.body.iter().chain(&f.orelse) {
                    self.analyze_stmt(st, scope)?;
                }
            }
            Stmt::While(w) => {
                self.analyze_expr(&w.test, scope)?;
                for st in w.body.iter().chain(&w.orelse) {
                    self.analyze_stmt(st, scope)?;
                }
            }
            Stmt::If(i) => {
                self.analyze_expr(&i.test, scope)?;
                for st in i.body.iter().chain(&i.orelse) {
                    self.analyze_stmt(st, scope)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.analyze_expr(&item.context_expr, scope)?;
                    if let Some(v) = &item.optional_vars {
                        self.analyze_target(v, scope)?;
                    }
                }
                for st in &w.body {
                    self.analyze_stmt(st, scope)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.analyze_expr(e, scope)?;
                }
                if let Some(c) = &r.cause {
                    self.analyze_expr(c, scope)?;
                }
            }
            Stmt::Try(t) => {
                for st in &t.body {
                    self.analyze_stmt(st, scope)?;
                }
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.analyze_expr(ty, scope)?;
                    }
                    if let Some(n) = &h.name {
                        scope.assigned.insert(n.to_string());
                    }
                    for st in &h.body {
                        self.analyze_stmt(st, scope)?;
                    }
                }
                for st in t.orelse.iter().chain(&t.finalbody) {
                    self.analyze_stmt(st, scope)?;
                }
            }
            Stmt::Assert(a) => {
                self.analyze_expr(&a.test, scope)?;
                if let Some(m) = &a.msg {
                    self.analyze_expr(m, scope)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.check_module(a.name.as_str(), a.range)?;
                    let bound = a
                        .asname
                        .as_ref()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    scope.assigned.insert(bound);
                }
            }
            Stmt::ImportFrom(i) => {
                if let Some(m) = &i.module {
                    self.check_module(m.as_str(), i.range)?;
                }
                for a in &i.names {
                    if a.name.as_str() != "*" {
                        let bound = a.asname.as_ref().unwrap_or(&a.name).to_string();
                        scope.assigned.insert(bound);
                    }
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    scope.globals.insert(n.to_string());
                }
            }
            Stmt::Nonlocal(n) => {
                for name in &n.names {
                    scope.nonlocals.insert(name.to_string());
                }
            }
            Stmt::Expr(e) => self.analyze_expr(&e.value, scope)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::AsyncFor(x) => {
                return Err(self.unsupported(
                    x.range,
                    "`async for`",
                    "weft models threads, not asyncio",
                ))
            }
            Stmt::AsyncWith(x) => {
                return Err(self.unsupported(
                    x.range,
                    "`async with`",
                    "weft models threads, not asyncio",
                ))
            }
            Stmt::Match(x) => {
                return Err(self.unsupported(
                    x.range,
                    "the `match` statement",
                    "rewrite it as if/elif chains",
                ))
            }
            Stmt::TryStar(x) => {
                // The caret points at the first `except*` clause, not at the `try:`.
                let at = x.handlers.first().map(|h| h.range()).unwrap_or(x.range);
                return Err(self.unsupported(
                    at,
                    "`except*` (exception groups)",
                    "use a plain try/except",
                ));
            }
            Stmt::TypeAlias(x) => {
                return Err(self.unsupported(
                    x.range,
                    "the `type` statement",
                    "use a plain assignment",
                ))
            }
        }
        Ok(())
    }

    fn check_module(&self, name: &str, range: ast::text_size::TextRange) -> R<()> {
        if self.internal || crate::natives::module(name).is_some_and(|m| m.public) {
            return Ok(());
        }
        // The modules a user would name: not the private ones, and a package by its module
        // (`concurrent.futures`, not `concurrent`).
        let public: Vec<&str> = crate::natives::public_module_names().collect();
        let modelled: Vec<&str> = public
            .iter()
            .copied()
            .filter(|m| !m.starts_with('_'))
            .filter(|m| !public.iter().any(|o| o.starts_with(&format!("{m}."))))
            .collect();
        let list = match modelled.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => modelled.join(", "),
        };
        Err(self.diag(
            range,
            format!("unsupported: module '{name}' is not modelled by weft"),
            Some(&format!(
                "weft models {list}; the interpreted program gets no files, network or processes"
            )),
        ))
    }

    fn analyze_args_defaults(&mut self, args: &'a ast::Arguments, scope: &mut Scope) -> R<()> {
        for a in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            if let Some(d) = &a.default {
                self.analyze_expr(d, scope)?;
            }
        }
        Ok(())
    }

    fn analyze_target(&mut self, t: &'a Expr, scope: &mut Scope) -> R<()> {
        match t {
            Expr::Name(n) => {
                scope.assigned.insert(n.id.to_string());
            }
            Expr::Tuple(x) => {
                for e in &x.elts {
                    self.analyze_target(e, scope)?;
                }
            }
            Expr::List(x) => {
                for e in &x.elts {
                    self.analyze_target(e, scope)?;
                }
            }
            Expr::Starred(s) => self.analyze_target(&s.value, scope)?,
            Expr::Attribute(a) => self.analyze_expr(&a.value, scope)?,
            Expr::Subscript(s) => {
                self.analyze_expr(&s.value, scope)?;
                self.analyze_expr(&s.slice, scope)?;
            }
            other => {
                return Err(self.diag(
                    other.range(),
                    "SyntaxError: cannot assign to expression",
                    None,
                ))
            }
        }
        Ok(())
    }

    fn analyze_comprehension(
        &mut self,
        node_key: usize,
        generators: &'a [ast::Comprehension],
        elements: &[&'a Expr],
        scope: &mut Scope,
        is_generator: bool,
    ) -> R<()> {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.analyze_expr(&first.iter, scope)?;
        }
        let mut inner = self.new_scope(node_key, true, false, vec![".0".into()]);
        inner.is_generator = is_generator;
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                return Err(self.unsupported(
                    g.iter.range(),
                    "async comprehensions",
                    "weft models threads, not asyncio",
                ));
            }
            self.analyze_target(&g.target, &mut inner)?;
            if i > 0 {
                self.analyze_expr(&g.iter, &mut inner)?;
            }
            for cond in &g.ifs {
                self.analyze_expr(cond, &mut inner)?;
            }
        }
        for e in elements {
            self.analyze_expr(e, &mut inner)?;
        }
        self.scopes.insert(node_key, inner);
        scope.children.push(node_key);
        Ok(())
    }

    fn analyze_expr(&mut self, e: &'a Expr, scope: &mut Scope) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING * 4 {
            return Err(self.diag(
                e.range(),
                "RecursionError: the expression nests too deeply to compile",
                None,
            ));
        }
        let r = self.analyze_expr_inner(e, scope);
        self.depth -= 1;
        r
    }

    fn analyze_expr_inner(&mut self, e: &'a Expr, scope: &mut Scope) -> R<()> {
        match e {
            Expr::Name(n) => {
                scope.used.insert(n.id.to_string());
            }
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::NamedExpr(n) => {
                self.analyze_target(&n.target, scope)?;
                self.analyze_expr(&n.value, scope)?;
            }
            Expr::BinOp(b) => {
                self.analyze_expr(&b.left, scope)?;
                self.analyze_expr(&b.right, scope)?;
            }
            Expr::UnaryOp(u) => self.analyze_expr(&u.operand, scope)?,
            Expr::Lambda(l) => {
                self.analyze_args_defaults(&l.args, scope)?;
                let key = key_of(l);
                let mut inner = self.new_scope(key, true, false, Self::params_of(&l.args));
                self.analyze_expr(&l.body, &mut inner)?;
                self.scopes.insert(key, inner);
                scope.children.push(key);
            }
            Expr::IfExp(i) => {
                self.analyze_expr(&i.test, scope)?;
                self.analyze_expr(&i.body, scope)?;
                self.analyze_expr(&i.orelse, scope)?;
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.analyze_expr(k, scope)?;
                }
                for v in &d.values {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::Set(s) => {
                for v in &s.elts {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::ListComp(c) => {
                self.analyze_comprehension(key_of(c), &c.generators, &[&c.elt], scope, false)?
            }
            Expr::SetComp(c) => {
                self.analyze_comprehension(key_of(c), &c.generators, &[&c.elt], scope, false)?
            }
            Expr::DictComp(c) => self.analyze_comprehension(
                key_of(c),
                &c.generators,
                &[&c.key, &c.value],
                scope,
                false,
            )?,
            Expr::GeneratorExp(c) => {
                self.analyze_comprehension(key_of(c), &c.generators, &[&c.elt], scope, true)?
            }
            Expr::Await(a) => {
                return Err(self.unsupported(
                    a.range,
                    "`await`",
                    "weft models threads, not asyncio",
                ))
            }
            Expr::Yield(y) => {
                if !scope.kind_is_function {
                    return Err(self.diag(y.range, "SyntaxError: 'yield' outside function", None));
                }
                scope.is_generator = true;
                if let Some(v) = &y.value {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::YieldFrom(y) => {
                return Err(self.unsupported(
                    y.range,
                    "`yield from`",
                    "loop over the inner iterable and yield each item",
                ))
            }
            Expr::Compare(c) => {
                self.analyze_expr(&c.left, scope)?;
                for v in &c.comparators {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::Call(c) => {
                self.analyze_expr(&c.func, scope)?;
                for a in &c.args {
                    self.analyze_expr(a, scope)?;
                }
                for k in &c.keywords {
                    self.analyze_expr(&k.value, scope)?;
                }
                // super() with no arguments needs the enclosing class: `__class__` is a free variable.
                if let Expr::Name(n) = &*c.func {
                    if n.id.as_str() == "super" && c.args.is_empty() {
                        scope.used.insert("__class__".into());
                        if let Some(first) = scope.params.first().cloned() {
                            scope.used.insert(first);
                        }
                    }
                }
            }
            Expr::FormattedValue(f) => {
                self.analyze_expr(&f.value, scope)?;
                if let Some(s) = &f.format_spec {
                    self.analyze_expr(s, scope)?;
                }
            }
            Expr::JoinedStr(j) => {
                for v in &j.values {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::Constant(_) => {}
            Expr::Attribute(a) => self.analyze_expr(&a.value, scope)?,
            Expr::Subscript(s) => {
                self.analyze_expr(&s.value, scope)?;
                self.analyze_expr(&s.slice, scope)?;
            }
            Expr::Starred(s) => self.analyze_expr(&s.value, scope)?,
            Expr::List(l) => {
                for v in &l.elts {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::Tuple(t) => {
                for v in &t.elts {
                    self.analyze_expr(v, scope)?;
                }
            }
            Expr::Slice(s) => {
                for v in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.analyze_expr(v, scope)?;
                }
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------- code generation

    fn new_builder(&self, kind: ScopeKind, qualname: &str, first_line: u32) -> Builder<'a> {
        Builder {
            kind,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: IndexSet::new(),
            varnames: IndexSet::new(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            globals: IndexSet::new(),
            line: first_line,
            fblocks: Vec::new(),
            qualname: qualname.to_string(),
        }
    }

    /// Compile the body of a module, function or class. `scope_key` names the analysed scope
    /// (None for the module).
    fn compile_scope_body(
        &mut self,
        kind: ScopeKind,
        name: &str,
        qualname: &str,
        body: &'a [Stmt],
        scope_key: Option<usize>,
        first_line: u32,
    ) -> R<Arc<Code>> {
        let mut b = self.new_builder(kind, qualname, first_line);
        self.setup_scope(&mut b, scope_key, &[]);
        let is_generator = scope_key
            .map(|k| self.scopes[&k].is_generator)
            .unwrap_or(false);
        self.compile_body(&mut b, body)?;
        if kind == ScopeKind::Class {
            // The class body returns nothing; the namespace is the result.
            let c = b.konst(Value::None);
            b.emit(Instr::Const(c));
            b.emit(Instr::Return);
        } else if !matches!(b.instrs.last(), Some(Instr::Return)) || kind == ScopeKind::Module {
            let c = b.konst(Value::None);
            b.emit(Instr::Const(c));
            b.emit(Instr::Return);
        }
        Ok(self.finish(b, name, 0, 0, 0, false, false, is_generator, first_line))
    }

    fn setup_scope(&self, b: &mut Builder<'a>, scope_key: Option<usize>, params: &[String]) {
        for p in params {
            b.var(p);
        }
        if let Some(k) = scope_key {
            let s = &self.scopes[&k];
            for c in &s.cells {
                b.cellvars.insert(Arc::from(c.as_str()));
            }
            for f in &s.frees {
                if !s.cells.contains(f) {
                    b.freevars.insert(Arc::from(f.as_str()));
                }
            }
            for g in &s.globals {
                b.globals.insert(g.clone());
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        b: Builder<'a>,
        name: &str,
        argcount: u32,
        posonly: u32,
        kwonly: u32,
        varargs: bool,
        varkw: bool,
        is_generator: bool,
        first_line: u32,
    ) -> Arc<Code> {
        let cell_params = b
            .cellvars
            .iter()
            .map(|c| {
                let nparams = (argcount + kwonly + varargs as u32 + varkw as u32) as usize;
                b.varnames
                    .get_index_of(c)
                    .filter(|&i| i < nparams)
                    .map(|i| i as u32)
            })
            .collect();
        Arc::new(Code {
            name: Arc::from(name),
            qualname: Arc::from(b.qualname.as_str()),
            file: self.file.clone(),
            instrs: b.instrs,
            lines: b.lines,
            consts: b.consts,
            names: b.names.into_iter().collect(),
            varnames: b.varnames.into_iter().collect(),
            cellvars: b.cellvars.into_iter().collect(),
            freevars: b.freevars.into_iter().collect(),
            cell_params,
            argcount,
            posonly,
            kwonly,
            varargs,
            varkw,
            is_generator,
            is_class_body: b.kind == ScopeKind::Class,
            internal: self.internal,
            first_line,
        })
    }

    fn compile_body(&mut self, b: &mut Builder<'a>, body: &'a [Stmt]) -> R<()> {
        for s in body {
            self.compile_stmt(b, s)?;
        }
        Ok(())
    }

    fn set_line(&self, b: &mut Builder<'a>, range: ast::text_size::TextRange) {
        b.line = self.line_of(range);
    }

    // Name access ------------------------------------------------------------

    fn load_name(&self, b: &mut Builder<'a>, name: &str) {
        let i = self.name_op(b, name);
        b.emit(match i {
            NameOp::Fast(i) => Instr::LoadFast(i),
            NameOp::Deref(i) => Instr::LoadDeref(i),
            NameOp::Global(i) => Instr::LoadGlobal(i),
            NameOp::Name(i) => Instr::LoadName(i),
        });
    }
    fn store_name(&self, b: &mut Builder<'a>, name: &str) {
        let i = self.name_op(b, name);
        b.emit(match i {
            NameOp::Fast(i) => Instr::StoreFast(i),
            NameOp::Deref(i) => Instr::StoreDeref(i),
            NameOp::Global(i) => Instr::StoreGlobal(i),
            NameOp::Name(i) => Instr::StoreName(i),
        });
    }
    fn delete_name(&self, b: &mut Builder<'a>, name: &str) {
        let i = self.name_op(b, name);
        b.emit(match i {
            NameOp::Fast(i) => Instr::DeleteFast(i),
            NameOp::Deref(i) => Instr::DeleteDeref(i),
            NameOp::Global(i) => Instr::DeleteGlobal(i),
            NameOp::Name(i) => Instr::DeleteName(i),
        });
    }

    fn name_op(&self, b: &mut Builder<'a>, name: &str) -> NameOp {
        if b.globals.contains(name) {
            return NameOp::Global(b.name(name));
        }
        if let Some(i) = b.cellvars.get_index_of(name) {
            return NameOp::Deref(i as u32);
        }
        if let Some(i) = b.freevars.get_index_of(name) {
            return NameOp::Deref((b.cellvars.len() + i) as u32);
        }
        match b.kind {
            ScopeKind::Module => NameOp::Global(b.name(name)),
            ScopeKind::Class => NameOp::Name(b.name(name)),
            ScopeKind::Function => {
                if b.varnames.contains(name) || b.locals_contains(name) {
                    NameOp::Fast(b.var(name))
                } else {
                    NameOp::Global(b.name(name))
                }
            }
        }
    }

    // Statements --------------------------------------------------------------

    fn compile_stmt(&mut self, b: &mut Builder<'a>, s: &'a Stmt) -> R<()> {
        self.set_line(b, s.range());
        match s {
            Stmt::Expr(e) => {
                self.compile_expr(b, &e.value)?;
                b.emit(Instr::Pop);
            }
            Stmt::Assign(a) => {
                self.compile_expr(b, &a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        b.emit(Instr::Dup);
                    }
                    self.compile_store(b, t)?;
                }
            }
            Stmt::AugAssign(a) => self.compile_augassign(b, a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.compile_expr(b, v)?;
                    self.compile_store(b, &a.target)?;
                }
                if let (ScopeKind::Class, Expr::Name(n), true) = (b.kind, &*a.target, a.simple) {
                    self.compile_annotation(b, &a.annotation)?;
                    self.load_name(b, "__annotations__");
                    let k = b.konst(Value::str(n.id.as_str()));
                    b.emit(Instr::Const(k));
                    b.emit(Instr::StoreSubscr);
                }
            }
            Stmt::Pass(_) => {
                b.emit(Instr::Line);
            }
            Stmt::If(i) => {
                self.compile_expr(b, &i.test)?;
                let jf = b.emit(Instr::JumpIfFalse(0));
                self.compile_body(b, &i.body)?;
                if i.orelse.is_empty() {
                    b.patch(jf);
                } else {
                    let j = b.emit(Instr::Jump(0));
                    b.patch(jf);
                    self.compile_body(b, &i.orelse)?;
                    b.patch(j);
                }
            }
            Stmt::While(w) => {
                let start = b.here() as usize;
                self.compile_expr(b, &w.test)?;
                let exit = b.emit(Instr::JumpIfFalse(0));
                b.fblocks.push(FBlock::Loop {
                    start,
                    breaks: Vec::new(),
                    is_for: false,
                });
                self.compile_body(b, &w.body)?;
                b.emit(Instr::Jump(start as u32));
                let Some(FBlock::Loop { breaks, .. }) = b.fblocks.pop() else {
                    unreachable!()
                };
                b.patch(exit);
                self.compile_body(b, &w.orelse)?;
                for br in breaks {
                    b.patch(br);
                }
            }
            Stmt::For(f) => {
                self.compile_expr(b, &f.iter)?;
                b.emit(Instr::GetIter);
                let start = b.here() as usize;
                self.set_line(b, f.range);
                let fi = b.emit(Instr::ForIter(0));
                self.compile_store(b, &f.target)?;
                b.fblocks.push(FBlock::Loop {
                    start,
                    breaks: Vec::new(),
                    is_for: true,
                });
                self.compile_body(b, &f.body)?;
                b.emit(Instr::Jump(start as u32));
                let Some(FBlock::Loop { breaks, .. }) = b.fblocks.pop() else {
                    unreachable!()
                };
                b.patch(fi);
                self.compile_body(b, &f.orelse)?;
                for br in breaks {
                    b.patch(br);
                }
            }
            Stmt::Break(x) => self.compile_break_continue(b, true, x.range)?,
            Stmt::Continue(x) => self.compile_break_continue(b, false, x.range)?,
            Stmt::Return(r) => {
                if b.kind != ScopeKind::Function {
                    return Err(self.diag(r.range, "SyntaxError: 'return' outside function", None));
                }
                match &r.value {
                    Some(v) => self.compile_expr(b, v)?,
                    None => {
                        let c = b.konst(Value::None);
                        b.emit(Instr::Const(c));
                    }
                }
                self.unwind_fblocks(b, None, true)?;
                self.set_line(b, r.range);
                b.emit(Instr::Return);
            }
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.compile_expr(b, d)?;
                }
                self.compile_function(
                    b,
                    key_of(f),
                    f.name.as_str(),
                    &f.args,
                    FunctionBody::Stmts(&f.body),
                    f.range,
                )?;
                for _ in &f.decorator_list {
                    b.emit(Instr::Call(1));
                }
                self.store_name(b, f.name.as_str());
            }
            Stmt::ClassDef(c) => self.compile_class(b, c)?,
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(b, t)?;
                }
            }
            Stmt::Raise(r) => match (&r.exc, &r.cause) {
                (None, _) => {
                    b.emit(Instr::Raise(0));
                }
                (Some(e), None) => {
                    self.compile_expr(b, e)?;
                    b.emit(Instr::Raise(1));
                }
                (Some(e), Some(c)) => {
                    self.compile_expr(b, e)?;
                    self.compile_expr(b, c)?;
                    b.emit(Instr::Raise(2));
                }
            },
            Stmt::Assert(a) => {
                self.compile_expr(b, &a.test)?;
                let ok = b.emit(Instr::JumpIfTrue(0));
                b.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.compile_expr(b, m)?;
                    b.emit(Instr::Call(1));
                }
                b.emit(Instr::Raise(1));
                b.patch(ok);
            }
            Stmt::Try(t) => self.compile_try(b, t)?,
            Stmt::With(w) => self.compile_with(b, &w.items, &w.body)?,
            Stmt::Import(i) => {
                for a in &i.names {
                    let full = a.name.as_str();
                    let n = b.name(full);
                    b.emit(Instr::Import(n));
                    match &a.asname {
                        // `import a.b as c` binds the submodule, which `Import` pushes.
                        Some(alias) => self.store_name(b, alias.as_str()),
                        None => {
                            let top = full.split('.').next().unwrap_or(full);
                            if top != full {
                                // Import binds the top-level package.
                                b.emit(Instr::Pop);
                                let t = b.name(top);
                                b.emit(Instr::Import(t));
                            }
                            self.store_name(b, top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                if i.level.map(|l| l.to_u32()).unwrap_or(0) > 0 {
                    return Err(self.unsupported(
                        i.range,
                        "relative imports",
                        "weft runs a single file; import only the modelled modules",
                    ));
                }
                let module = i.module.as_ref().map(|m| m.to_string()).unwrap_or_default();
                let n = b.name(&module);
                b.emit(Instr::Import(n));
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        if b.kind != ScopeKind::Module {
                            return Err(self.diag(
                                a.range,
                                "SyntaxError: import * only allowed at module level",
                                None,
                            ));
                        }
                        b.emit(Instr::ImportStar);
                        return Ok(());
                    }
                    let an = b.name(a.name.as_str());
                    b.emit(Instr::ImportFrom(an));
                    self.store_name(b, a.asname.as_ref().unwrap_or(&a.name).as_str());
                }
                b.emit(Instr::Pop);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            other => {
                return Err(self.unsupported(
                    other.range(),
                    "this statement",
                    "see docs/LANGUAGE.md for the supported subset",
                ))
            }
        }
        Ok(())
    }

    /// Emit the clean-up of the fblocks being left by break/continue/return, innermost first.
    /// `until_loop`: stop at the innermost loop (break/continue); `None`: leave the function.
    fn unwind_fblocks(
        &mut self,
        b: &mut Builder<'a>,
        until_loop: Option<bool>,
        returning: bool,
    ) -> R<()> {
        let saved: Vec<FBlock<'a>> = std::mem::take(&mut b.fblocks);
        let mut result = Ok(());
        let mut i = saved.len();
        while i > 0 {
            i -= 1;
            match &saved[i] {
                FBlock::Loop { is_for, .. } => {
                    if until_loop.is_some() {
                        break;
                    }
                    if *is_for {
                        // The iterator sits under the return value.
                        if returning {
                            b.emit(Instr::Rot2);
                        }
                        b.emit(Instr::Pop);
                    }
                }
                FBlock::Finally(body) => {
                    b.emit(Instr::PopBlock);
                    // Compile the finally body with the enclosing blocks in place.
                    let outer: Vec<FBlock<'a>> = saved[..i].iter().map(clone_fblock).collect();
                    b.fblocks = outer;
                    result = self.compile_body(b, body);
                    b.fblocks = Vec::new();
                    if result.is_err() {
                        break;
                    }
                }
                FBlock::Except => {
                    b.emit(Instr::PopBlock);
                }
                FBlock::Handler { .. } => {
                    b.emit(Instr::ExitHandler);
                }
                FBlock::With => {
                    b.emit(Instr::PopBlock);
                    if returning {
                        b.emit(Instr::Rot2);
                    }
                    b.emit(Instr::WithExit);
                    b.emit(Instr::Pop);
                }
            }
        }
        b.fblocks = saved;
        result
    }

    fn compile_break_continue(
        &mut self,
        b: &mut Builder<'a>,
        is_break: bool,
        range: ast::text_size::TextRange,
    ) -> R<()> {
        let Some(loop_index) = b
            .fblocks
            .iter()
            .rposition(|f| matches!(f, FBlock::Loop { .. }))
        else {
            let what = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(self.diag(range, format!("SyntaxError: {what}"), None));
        };
        self.unwind_fblocks(b, Some(true), false)?;
        let FBlock::Loop { start, is_for, .. } = &b.fblocks[loop_index] else {
            unreachable!()
        };
        let (start, is_for) = (*start, *is_for);
        if is_break {
            if is_for {
                b.emit(Instr::Pop);
            }
            let j = b.emit(Instr::Jump(0));
            if let FBlock::Loop { breaks, .. } = &mut b.fblocks[loop_index] {
                breaks.push(j);
            }
        } else {
            b.emit(Instr::Jump(start as u32));
        }
        Ok(())
    }

    fn compile_try(&mut self, b: &mut Builder<'a>, t: &'a ast::StmtTry) -> R<()> {
        if !t.finalbody.is_empty() {
            let setup = b.emit(Instr::SetupFinally(0));
            b.fblocks.push(FBlock::Finally(&t.finalbody));
            if t.handlers.is_empty() {
                self.compile_body(b, &t.body)?;
                self.compile_body(b, &t.orelse)?;
            } else {
                self.compile_try_except(b, t)?;
            }
            b.fblocks.pop();
            b.emit(Instr::PopBlock);
            self.compile_body(b, &t.finalbody)?;
            let end = b.emit(Instr::Jump(0));
            b.patch(setup);
            // Exceptional path: stack has the exception.
            self.compile_body(b, &t.finalbody)?;
            b.emit(Instr::Reraise);
            b.patch(end);
            Ok(())
        } else {
            self.compile_try_except(b, t)
        }
    }

    fn compile_try_except(&mut self, b: &mut Builder<'a>, t: &'a ast::StmtTry) -> R<()> {
        let setup = b.emit(Instr::SetupExcept(0));
        b.fblocks.push(FBlock::Except);
        self.compile_body(b, &t.body)?;
        b.fblocks.pop();
        b.emit(Instr::PopBlock);
        self.compile_body(b, &t.orelse)?;
        let mut ends = vec![b.emit(Instr::Jump(0))];
        b.patch(setup);
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(b, h.range);
            let mut next = None;
            match &h.type_ {
                Some(ty) => {
                    // CheckExcMatch peeks at the exception under the class.
                    self.compile_expr(b, ty)?;
                    b.emit(Instr::CheckExcMatch);
                    next = Some(b.emit(Instr::JumpIfFalse(0)));
                }
                None => {
                    if i + 1 != t.handlers.len() {
                        return Err(self.diag(
                            h.range,
                            "SyntaxError: default 'except:' must be last",
                            None,
                        ));
                    }
                }
            }
            b.emit(Instr::EnterHandler);
            if let Some(n) = &h.name {
                b.emit(Instr::LoadHandled);
                self.store_name(b, n.as_str());
            }
            b.fblocks.push(FBlock::Handler {
                name: h.name.as_ref().map(|n| n.to_string()),
            });
            self.compile_body(b, &h.body)?;
            b.fblocks.pop();
            b.emit(Instr::ExitHandler);
            if let Some(n) = &h.name {
                let c = b.konst(Value::None);
                b.emit(Instr::Const(c));
                self.store_name(b, n.as_str());
                self.delete_name(b, n.as_str());
            }
            ends.push(b.emit(Instr::Jump(0)));
            if let Some(nx) = next {
                b.patch(nx);
            }
        }
        b.emit(Instr::Reraise);
        for e in ends {
            b.patch(e);
        }
        Ok(())
    }

    fn compile_with(
        &mut self,
        b: &mut Builder<'a>,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
    ) -> R<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.compile_body(b, body);
        };
        self.compile_expr(b, &first.context_expr)?;
        b.emit(Instr::WithEnter);
        let setup = b.emit(Instr::SetupWith(0));
        match &first.optional_vars {
            Some(v) => self.compile_store(b, v)?,
            None => {
                b.emit(Instr::Pop);
            }
        }
        b.fblocks.push(FBlock::With);
        self.compile_with(b, rest, body)?;
        b.fblocks.pop();
        b.emit(Instr::PopBlock);
        b.emit(Instr::WithExit);
        b.emit(Instr::Pop);
        let end = b.emit(Instr::Jump(0));
        b.patch(setup);
        b.emit(Instr::WithExitExc);
        b.emit(Instr::WithFinish);
        b.patch(end);
        Ok(())
    }

    fn compile_class(&mut self, b: &mut Builder<'a>, c: &'a ast::StmtClassDef) -> R<()> {
        for d in &c.decorator_list {
            self.compile_expr(b, d)?;
        }
        let key = key_of(c);
        let qual = self.child_qualname(b, c.name.as_str());
        let first_line = self.line_of(c.range);
        let mut cb = self.new_builder(ScopeKind::Class, &qual, first_line);
        self.setup_scope(&mut cb, Some(key), &[]);
        // `__class__` for zero-argument super(): a cell of the class body.
        let needs_class_cell = self.scopes[&key].cells.contains("__class__");
        // A class body with annotations starts with `__annotations__ = {}` (dataclasses read it).
        if c.body.iter().any(
            |s| matches!(s, Stmt::AnnAssign(a) if a.simple && matches!(&*a.target, Expr::Name(_))),
        ) {
            cb.emit(Instr::BuildDict(0));
            self.store_name(&mut cb, "__annotations__");
        }
        self.compile_body(&mut cb, &c.body)?;
        if needs_class_cell {
            let i = cb.cellvars.get_index_of("__class__").unwrap() as u32;
            cb.emit(Instr::LoadCell(i));
        } else {
            let n = cb.konst(Value::None);
            cb.emit(Instr::Const(n));
        }
        cb.emit(Instr::Return);
        let code = self.finish(
            cb,
            c.name.as_str(),
            0,
            0,
            0,
            false,
            false,
            false,
            first_line,
        );
        self.emit_make_function(b, code, 0)?;
        for base in &c.bases {
            self.compile_expr(b, base)?;
        }
        b.emit(Instr::BuildTuple(c.bases.len() as u32));
        let name = b.konst(Value::str(c.name.as_str()));
        self.set_line(b, c.range);
        b.emit(Instr::BuildClass(name));
        for _ in &c.decorator_list {
            b.emit(Instr::Call(1));
        }
        self.store_name(b, c.name.as_str());
        Ok(())
    }

    /// A class attribute's annotation: names, attributes and string constants are evaluated as
    /// CPython does; anything else (`list[int]`, `Optional[X]`: `typing` is not modelled) is kept
    /// as its source text, as under `from __future__ import annotations`.
    fn compile_annotation(&mut self, b: &mut Builder<'a>, e: &'a Expr) -> R<()> {
        match e {
            Expr::Name(_) | Expr::Attribute(_) | Expr::Constant(_) => self.compile_expr(b, e),
            _ => {
                let range = e.range();
                let text = &self.source[range.start().to_usize()..range.end().to_usize()];
                let k = b.konst(Value::str(text));
                b.emit(Instr::Const(k));
                Ok(())
            }
        }
    }

    fn child_qualname(&self, b: &Builder<'a>, name: &str) -> String {
        match b.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", b.qualname, name),
            ScopeKind::Function => format!("{}.<locals>.{}", b.qualname, name),
        }
    }

    /// Push a function object for `code`, with closure cells taken from the current scope.
    fn emit_make_function(&mut self, b: &mut Builder<'a>, code: Arc<Code>, mut flags: u8) -> R<()> {
        if !code.freevars.is_empty() {
            for fv in code.freevars.iter() {
                let i = if let Some(i) = b.cellvars.get_index_of(fv) {
                    i
                } else if let Some(i) = b.freevars.get_index_of(fv) {
                    b.cellvars.len() + i
                } else {
                    // `__class__` requested by a method of a class body: the class body owns it.
                    b.cellvars.insert_full(fv.clone()).0
                };
                b.emit(Instr::LoadCell(i as u32));
            }
            b.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 4;
        }
        let idx = b.konst(Value::Code(code));
        b.emit(Instr::MakeFunction(idx, flags));
        Ok(())
    }

    fn compile_function(
        &mut self,
        b: &mut Builder<'a>,
        key: usize,
        name: &str,
        args: &'a ast::Arguments,
        body: FunctionBody<'a>,
        range: ast::text_size::TextRange,
    ) -> R<()> {
        // Defaults are evaluated in the enclosing scope.
        let mut flags = 0u8;
        let positional: Vec<&ast::ArgWithDefault> =
            args.posonlyargs.iter().chain(&args.args).collect();
        let defaults: Vec<&Expr> = positional
            .iter()
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.compile_expr(b, d)?;
            }
            b.emit(Instr::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kwdefaults: Vec<(&str, &Expr)> = args
            .kwonlyargs
            .iter()
            .filter_map(|a| a.default.as_deref().map(|d| (a.def.arg.as_str(), d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (n, d) in &kwdefaults {
                let c = b.konst(Value::str(n));
                b.emit(Instr::Const(c));
                self.compile_expr(b, d)?;
            }
            b.emit(Instr::BuildDict(kwdefaults.len() as u32));
            flags |= 2;
        }
        let qual = self.child_qualname(b, name);
        let first_line = self.line_of(range);
        let mut fb = self.new_builder(ScopeKind::Function, &qual, first_line);
        let params = Self::params_of(args);
        self.setup_scope(&mut fb, Some(key), &params);
        // Every assigned name of the function is a local slot.
        let assigned: Vec<String> = self.scopes[&key].assigned.iter().cloned().collect();
        for a in assigned {
            if !fb.globals.contains(&a)
                && !fb.cellvars.contains(a.as_str())
                && !fb.freevars.contains(a.as_str())
            {
                fb.var(&a);
            }
        }
        let is_generator = self.scopes[&key].is_generator;
        match body {
            FunctionBody::Stmts(stmts) => {
                self.compile_body(&mut fb, stmts)?;
                let c = fb.konst(Value::None);
                fb.emit(Instr::Const(c));
                fb.emit(Instr::Return);
            }
            FunctionBody::Expr(e) => {
                self.compile_expr(&mut fb, e)?;
                fb.emit(Instr::Return);
            }
        }
        let code = self.finish(
            fb,
            name,
            positional.len() as u32,
            args.posonlyargs.len() as u32,
            args.kwonlyargs.len() as u32,
            args.vararg.is_some(),
            args.kwarg.is_some(),
            is_generator,
            first_line,
        );
        self.emit_make_function(b, code, flags)
    }

    fn compile_augassign(&mut self, b: &mut Builder<'a>, a: &'a ast::StmtAugAssign) -> R<()> {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(b, n.id.as_str());
                self.compile_expr(b, &a.value)?;
                b.emit(Instr::Inplace(op));
                self.store_name(b, n.id.as_str());
            }
            Expr::Attribute(at) => {
                self.compile_expr(b, &at.value)?;
                b.emit(Instr::Dup);
                let n = b.name(at.attr.as_str());
                b.emit(Instr::LoadAttr(n));
                self.compile_expr(b, &a.value)?;
                b.emit(Instr::Inplace(op));
                b.emit(Instr::Rot2);
                b.emit(Instr::StoreAttr(n));
            }
            Expr::Subscript(s) => {
                self.compile_expr(b, &s.value)?;
                self.compile_expr(b, &s.slice)?;
                b.emit(Instr::Dup2);
                b.emit(Instr::Subscr);
                self.compile_expr(b, &a.value)?;
                b.emit(Instr::Inplace(op));
                b.emit(Instr::Rot3);
                b.emit(Instr::StoreSubscr);
            }
            other => {
                return Err(self.diag(
                    other.range(),
                    "SyntaxError: illegal expression for augmented assignment",
                    None,
                ))
            }
        }
        Ok(())
    }

    fn compile_store(&mut self, b: &mut Builder<'a>, t: &'a Expr) -> R<()> {
        match t {
            Expr::Name(n) => self.store_name(b, n.id.as_str()),
            Expr::Attribute(a) => {
                self.compile_expr(b, &a.value)?;
                let n = b.name(a.attr.as_str());
                b.emit(Instr::StoreAttr(n));
            }
            Expr::Subscript(s) => {
                self.compile_expr(b, &s.value)?;
                self.compile_expr(b, &s.slice)?;
                b.emit(Instr::StoreSubscr);
            }
            Expr::Tuple(x) => self.compile_unpack(b, &x.elts)?,
            Expr::List(x) => self.compile_unpack(b, &x.elts)?,
            Expr::Starred(s) => {
                return Err(self.diag(
                    s.range,
                    "SyntaxError: starred assignment target must be in a list or tuple",
                    None,
                ))
            }
            other => {
                return Err(self.diag(
                    other.range(),
                    "SyntaxError: cannot assign to expression",
                    None,
                ))
            }
        }
        Ok(())
    }

    fn compile_unpack(&mut self, b: &mut Builder<'a>, elts: &'a [Expr]) -> R<()> {
        let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
        match star {
            None => {
                b.emit(Instr::Unpack(elts.len() as u32));
            }
            Some(i) => {
                b.emit(Instr::UnpackEx(i as u32, (elts.len() - i - 1) as u32));
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.compile_store(b, &s.value)?,
                other => self.compile_store(b, other)?,
            }
        }
        Ok(())
    }

    fn compile_delete(&mut self, b: &mut Builder<'a>, t: &'a Expr) -> R<()> {
        match t {
            Expr::Name(n) => self.delete_name(b, n.id.as_str()),
            Expr::Attribute(a) => {
                self.compile_expr(b, &a.value)?;
                let n = b.name(a.attr.as_str());
                b.emit(Instr::DeleteAttr(n));
            }
            Expr::Subscript(s) => {
                self.compile_expr(b, &s.value)?;
                self.compile_expr(b, &s.slice)?;
                b.emit(Instr::DeleteSubscr);
            }
            Expr::Tuple(x) => {
                for e in &x.elts {
                    self.compile_delete(b, e)?;
                }
            }
            Expr::List(x) => {
                for e in &x.elts {
                    self.compile_delete(b, e)?;
                }
            }
            other => {
                return Err(self.diag(other.range(), "SyntaxError: cannot delete expression", None))
            }
        }
        Ok(())
    }

    // Expressions -------------------------------------------------------------

    fn compile_expr(&mut self, b: &mut Builder<'a>, e: &'a Expr) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING * 4 {
            return Err(self.diag(
                e.range(),
                "RecursionError: the expression nests too deeply to compile",
                None,
            ));
        }
        let r = self.compile_expr_inner(b, e);
        self.depth -= 1;
        r
    }

    fn compile_expr_inner(&mut self, b: &mut Builder<'a>, e: &'a Expr) -> R<()> {
        let line = self.line_of(e.range());
        if line > b.line {
            b.line = line;
        }
        match e {
            Expr::Constant(c) => {
                match &c.value {
                    Constant::Bytes(_) => {
                        return Err(self.unsupported(
                            c.range,
                            "bytes literals",
                            "use str; weft models no binary data (no files, sockets or encodings)",
                        ))
                    }
                    Constant::Complex { .. } => {
                        return Err(self.unsupported(
                            c.range,
                            "complex numbers",
                            "use a pair of floats",
                        ))
                    }
                    _ => {}
                }
                let v = self.constant(&c.value);
                let i = b.konst(v);
                b.emit(Instr::Const(i));
            }
            Expr::Name(n) => self.load_name(b, n.id.as_str()),
            Expr::BinOp(x) => {
                self.compile_expr(b, &x.left)?;
                self.compile_expr(b, &x.right)?;
                b.line = line;
                b.emit(Instr::Binary(binop(x.op)));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(b, &u.operand)?;
                b.emit(Instr::Unary(match u.op {
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::USub => UnOp::Neg,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::Invert => UnOp::Invert,
                }));
            }
            Expr::BoolOp(x) => {
                let mut jumps = Vec::new();
                for (i, v) in x.values.iter().enumerate() {
                    self.compile_expr(b, v)?;
                    if i + 1 < x.values.len() {
                        jumps.push(b.emit(match x.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    b.patch(j);
                }
            }
            Expr::Compare(c) => {
                self.compile_expr(b, &c.left)?;
                if c.ops.len() == 1 {
                    self.compile_expr(b, &c.comparators[0])?;
                    b.emit(Instr::Compare(cmpop(c.ops[0])));
                } else {
                    // a < b < c: evaluate b once, short-circuit.
                    let mut cleanup = Vec::new();
                    for (i, (op, right)) in c.ops.iter().zip(&c.comparators).enumerate() {
                        self.compile_expr(b, right)?;
                        if i + 1 < c.ops.len() {
                            b.emit(Instr::Dup);
                            b.emit(Instr::Rot3);
                            b.emit(Instr::Compare(cmpop(*op)));
                            cleanup.push(b.emit(Instr::JumpIfFalseOrPop(0)));
                        } else {
                            b.emit(Instr::Compare(cmpop(*op)));
                        }
                    }
                    let end = b.emit(Instr::Jump(0));
                    for j in cleanup {
                        b.patch(j);
                    }
                    b.emit(Instr::Rot2);
                    b.emit(Instr::Pop);
                    b.patch(end);
                }
            }
            Expr::IfExp(i) => {
                self.compile_expr(b, &i.test)?;
                let jf = b.emit(Instr::JumpIfFalse(0));
                self.compile_expr(b, &i.body)?;
                let j = b.emit(Instr::Jump(0));
                b.patch(jf);
                self.compile_expr(b, &i.orelse)?;
                b.patch(j);
            }
            Expr::NamedExpr(n) => {
                self.compile_expr(b, &n.value)?;
                b.emit(Instr::Dup);
                self.compile_store(b, &n.target)?;
            }
            Expr::Attribute(a) => {
                self.compile_expr(b, &a.value)?;
                let n = b.name(a.attr.as_str());
                b.line = line;
                b.emit(Instr::LoadAttr(n));
            }
            Expr::Subscript(s) => {
                self.compile_expr(b, &s.value)?;
                self.compile_expr(b, &s.slice)?;
                b.line = line;
                b.emit(Instr::Subscr);
            }
            Expr::Slice(s) => {
                let mut n = 2;
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.compile_expr(b, p)?,
                        None => {
                            let c = b.konst(Value::None);
                            b.emit(Instr::Const(c));
                        }
                    }
                }
                if let Some(st) = &s.step {
                    self.compile_expr(b, st)?;
                    n = 3;
                }
                b.emit(Instr::BuildSlice(n));
            }
            Expr::Call(c) => self.compile_call(b, c, line)?,
            Expr::List(l) => self.compile_sequence(b, &l.elts, SeqKind::List)?,
            Expr::Tuple(t) => self.compile_sequence(b, &t.elts, SeqKind::Tuple)?,
            Expr::Set(s) => self.compile_sequence(b, &s.elts, SeqKind::Set)?,
            Expr::Dict(d) => {
                let mut pending = 0u32;
                let mut built = false;
                for (k, v) in d.keys.iter().zip(&d.values) {
                    match k {
                        Some(k) => {
                            self.compile_expr(b, k)?;
                            self.compile_expr(b, v)?;
                            pending += 1;
                        }
                        None => {
                            if !built {
                                b.emit(Instr::BuildDict(pending));
                                built = true;
                            } else if pending > 0 {
                                b.emit(Instr::BuildDict(pending));
                                b.emit(Instr::DictUpdate(1));
                            }
                            pending = 0;
                            self.compile_expr(b, v)?;
                            b.emit(Instr::DictUpdate(1));
                        }
                    }
                }
                if !built {
                    b.emit(Instr::BuildDict(pending));
                } else if pending > 0 {
                    b.emit(Instr::BuildDict(pending));
                    b.emit(Instr::DictUpdate(1));
                }
            }
            Expr::JoinedStr(j) => {
                for v in &j.values {
                    self.compile_fstring_part(b, v)?;
                }
                b.emit(Instr::BuildString(j.values.len() as u32));
            }
            Expr::FormattedValue(_) => {
                self.compile_fstring_part(b, e)?;
            }
            Expr::Lambda(l) => {
                self.compile_function(
                    b,
                    key_of(l),
                    "<lambda>",
                    &l.args,
                    FunctionBody::Expr(&l.body),
                    l.range,
                )?;
            }
            Expr::ListComp(c) => self.compile_comprehension(
                b,
                key_of(c),
                "<listcomp>",
                &c.generators,
                CompKind::List(&c.elt),
                c.range,
            )?,
            Expr::SetComp(c) => self.compile_comprehension(
                b,
                key_of(c),
                "<setcomp>",
                &c.generators,
                CompKind::Set(&c.elt),
                c.range,
            )?,
            Expr::DictComp(c) => self.compile_comprehension(
                b,
                key_of(c),
                "<dictcomp>",
                &c.generators,
                CompKind::Dict(&c.key, &c.value),
                c.range,
            )?,
            Expr::GeneratorExp(c) => self.compile_comprehension(
                b,
                key_of(c),
                "<genexpr>",
                &c.generators,
                CompKind::Gen(&c.elt),
                c.range,
            )?,
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.compile_expr(b, v)?,
                    None => {
                        let c = b.konst(Value::None);
                        b.emit(Instr::Const(c));
                    }
                }
                b.emit(Instr::Yield);
            }
            Expr::Starred(s) => {
                return Err(self.diag(
                    s.range,
                    "SyntaxError: can't use starred expression here",
                    None,
                ))
            }
            Expr::Await(a) => {
                return Err(self.unsupported(
                    a.range,
                    "`await`",
                    "weft models threads, not asyncio",
                ))
            }
            Expr::YieldFrom(y) => {
                return Err(self.unsupported(
                    y.range,
                    "`yield from`",
                    "loop over the inner iterable and yield each item",
                ))
            }
        }
        Ok(())
    }

    fn compile_fstring_part(&mut self, b: &mut Builder<'a>, v: &'a Expr) -> R<()> {
        match v {
            Expr::FormattedValue(f) => {
                self.compile_expr(b, &f.value)?;
                let conv = match f.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    ast::ConversionFlag::Ascii => 3,
                };
                let has_spec = f.format_spec.is_some();
                if let Some(spec) = &f.format_spec {
                    self.compile_expr(b, spec)?;
                }
                b.emit(Instr::FormatValue(conv, has_spec));
            }
            other => {
                self.compile_expr(b, other)?;
            }
        }
        Ok(())
    }

    fn compile_sequence(&mut self, b: &mut Builder<'a>, elts: &'a [Expr], kind: SeqKind) -> R<()> {
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            for e in elts {
                self.compile_expr(b, e)?;
            }
            let n = elts.len() as u32;
            b.emit(match kind {
                SeqKind::List => Instr::BuildList(n),
                SeqKind::Tuple => Instr::BuildTuple(n),
                SeqKind::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        // Build a list piece by piece, then convert.
        if kind == SeqKind::Set {
            b.emit(Instr::BuildSet(0));
        } else {
            b.emit(Instr::BuildList(0));
        }
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.compile_expr(b, &s.value)?;
                    b.emit(if kind == SeqKind::Set {
                        Instr::SetUpdate(1)
                    } else {
                        Instr::ListExtend(1)
                    });
                }
                other => {
                    self.compile_expr(b, other)?;
                    b.emit(if kind == SeqKind::Set {
                        Instr::SetAdd(1)
                    } else {
                        Instr::ListAppend(1)
                    });
                }
            }
        }
        if kind == SeqKind::Tuple {
            b.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    fn compile_call(&mut self, b: &mut Builder<'a>, c: &'a ast::ExprCall, line: u32) -> R<()> {
        let simple_args = !c.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let simple_kw = c.keywords.iter().all(|k| k.arg.is_some());
        // super() without arguments: pass the class cell and the first argument.
        if let Expr::Name(n) = &*c.func {
            if n.id.as_str() == "super" && c.args.is_empty() && c.keywords.is_empty() {
                self.load_name(b, "super");
                if b.freevars.contains("__class__") || b.cellvars.contains("__class__") {
                    self.load_name(b, "__class__");
                    if let Some(first) = b.varnames.get_index(0).cloned() {
                        self.load_name(b, &first);
                        b.line = line;
                        b.emit(Instr::Call(2));
                        return Ok(());
                    }
                }
                return Err(self.diag(
                    c.range,
                    "RuntimeError: super(): no arguments",
                    Some("call super() inside a method of a class"),
                ));
            }
        }
        if simple_args && simple_kw {
            if let (Expr::Attribute(a), true) = (&*c.func, c.keywords.is_empty()) {
                self.compile_expr(b, &a.value)?;
                let n = b.name(a.attr.as_str());
                b.line = self.line_of(a.range);
                b.emit(Instr::LoadMethod(n));
                for arg in &c.args {
                    self.compile_expr(b, arg)?;
                }
                b.line = line;
                b.emit(Instr::CallMethod(c.args.len() as u32));
                return Ok(());
            }
            self.compile_expr(b, &c.func)?;
            for arg in &c.args {
                self.compile_expr(b, arg)?;
            }
            if c.keywords.is_empty() {
                b.line = line;
                b.emit(Instr::Call(c.args.len() as u32));
            } else {
                let names: Vec<Value> = c
                    .keywords
                    .iter()
                    .map(|k| Value::str(k.arg.as_ref().unwrap().as_str()))
                    .collect();
                for k in &c.keywords {
                    self.compile_expr(b, &k.value)?;
                }
                let kn = b.konst(Value::tuple(names));
                b.line = line;
                b.emit(Instr::CallKw((c.args.len() + c.keywords.len()) as u32, kn));
            }
            return Ok(());
        }
        // General form: callable, args tuple, kwargs dict. A lone `*x` / `**m` is passed as it is
        // (CallEx converts it), so a bad one is reported as CPython does, naming the callee.
        self.compile_expr(b, &c.func)?;
        let has_kw = !c.keywords.is_empty();
        if let [Expr::Starred(s)] = &c.args[..] {
            self.compile_expr(b, &s.value)?;
        } else {
            self.compile_call_args_list(b, &c.args)?;
        }
        if let [k] = &c.keywords[..] {
            if k.arg.is_none() {
                self.compile_expr(b, &k.value)?;
                b.line = line;
                b.emit(Instr::CallEx(true));
                return Ok(());
            }
        }
        if has_kw {
            b.emit(Instr::BuildDict(0));
            for k in &c.keywords {
                match &k.arg {
                    Some(name) => {
                        let cst = b.konst(Value::str(name.as_str()));
                        b.emit(Instr::Const(cst));
                        self.compile_expr(b, &k.value)?;
                        b.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.compile_expr(b, &k.value)?;
                        b.emit(Instr::DictUpdate(1));
                    }
                }
            }
        }
        b.line = line;
        b.emit(Instr::CallEx(has_kw));
        Ok(())
    }

    /// The positional arguments of a general call, as one tuple.
    fn compile_call_args_list(
        &mut self,
        b: &mut Builder<'a>,
        args: &'a [Expr],
    ) -> Result<(), Diagnostic> {
        b.emit(Instr::BuildList(0));
        for a in args {
            match a {
                Expr::Starred(s) => {
                    self.compile_expr(b, &s.value)?;
                    b.emit(Instr::ListExtend(1));
                }
                other => {
                    self.compile_expr(b, other)?;
                    b.emit(Instr::ListAppend(1));
                }
            }
        }
        b.emit(Instr::ListToTuple);
        Ok(())
    }

    fn compile_comprehension(
        &mut self,
        b: &mut Builder<'a>,
        key: usize,
        name: &str,
        generators: &'a [ast::Comprehension],
        kind: CompKind<'a>,
        range: ast::text_size::TextRange,
    ) -> R<()> {
        let qual = self.child_qualname(b, name);
        let first_line = self.line_of(range);
        let mut fb = self.new_builder(ScopeKind::Function, &qual, first_line);
        self.setup_scope(&mut fb, Some(key), &[".0".to_string()]);
        let assigned: Vec<String> = self.scopes[&key].assigned.iter().cloned().collect();
        for a in assigned {
            if !fb.cellvars.contains(a.as_str()) && !fb.freevars.contains(a.as_str()) {
                fb.var(&a);
            }
        }
        let is_gen = matches!(kind, CompKind::Gen(_));
        if !is_gen {
            fb.emit(match kind {
                CompKind::List(_) => Instr::BuildList(0),
                CompKind::Set(_) => Instr::BuildSet(0),
                CompKind::Dict(..) => Instr::BuildDict(0),
                CompKind::Gen(_) => unreachable!(),
            });
        }
        self.compile_comp_level(&mut fb, generators, 0, &kind)?;
        if is_gen {
            let c = fb.konst(Value::None);
            fb.emit(Instr::Const(c));
        }
        fb.emit(Instr::Return);
        let code = self.finish(fb, name, 1, 0, 0, false, false, is_gen, first_line);
        self.emit_make_function(b, code, 0)?;
        self.compile_expr(b, &generators[0].iter)?;
        b.emit(Instr::GetIter);
        b.emit(Instr::Call(1));
        Ok(())
    }

    fn compile_comp_level(
        &mut self,
        fb: &mut Builder<'a>,
        generators: &'a [ast::Comprehension],
        level: usize,
        kind: &CompKind<'a>,
    ) -> R<()> {
        let g = &generators[level];
        if level == 0 {
            fb.emit(Instr::LoadFast(0));
        } else {
            self.compile_expr(fb, &g.iter)?;
            fb.emit(Instr::GetIter);
        }
        let start = fb.here();
        let fi = fb.emit(Instr::ForIter(0));
        self.compile_store(fb, &g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.compile_expr(fb, cond)?;
            skips.push(fb.emit(Instr::JumpIfFalse(0)));
        }
        if level + 1 < generators.len() {
            self.compile_comp_level(fb, generators, level + 1, kind)?;
        } else {
            // The accumulator sits under the iterators: depth = number of levels + 1.
            let depth = generators.len() as u32 + 1;
            match kind {
                CompKind::List(e) => {
                    self.compile_expr(fb, e)?;
                    fb.emit(Instr::ListAppend(depth));
                }
                CompKind::Set(e) => {
                    self.compile_expr(fb, e)?;
                    fb.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict(k, v) => {
                    self.compile_expr(fb, k)?;
                    self.compile_expr(fb, v)?;
                    fb.emit(Instr::MapAdd(depth));
                }
                CompKind::Gen(e) => {
                    self.compile_expr(fb, e)?;
                    fb.emit(Instr::Yield);
                    fb.emit(Instr::Pop);
                }
            }
        }
        for s in skips {
            fb.patch_to(s, start);
        }
        fb.emit(Instr::Jump(start));
        fb.patch(fi);
        Ok(())
    }

    fn constant(&self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Str(s) => Value::str(s),
            Constant::Int(i) => {
                let s = i.to_string();
                match s.parse::<i64>() {
                    Ok(v) => Value::Int(v),
                    Err(_) => Value::Big(Arc::new(s.parse().unwrap_or_default())),
                }
            }
            Constant::Float(f) => Value::Float(*f),
            Constant::Tuple(items) => {
                Value::tuple(items.iter().map(|i| self.constant(i)).collect())
            }
            Constant::Ellipsis => Value::Ellipsis,
            Constant::Bytes(_) | Constant::Complex { .. } => Value::Undef,
        }
    }
}

impl Builder<'_> {
    fn locals_contains(&self, _name: &str) -> bool {
        false
    }
}

fn clone_fblock<'a>(f: &FBlock<'a>) -> FBlock<'a> {
    match f {
        FBlock::Loop { start, is_for, .. } => FBlock::Loop {
            start: *start,
            breaks: Vec::new(),
            is_for: *is_for,
        },
        FBlock::Finally(b) => FBlock::Finally(b),
        FBlock::Handler { name } => FBlock::Handler { name: name.clone() },
        FBlock::With => FBlock::With,
        FBlock::Except => FBlock::Except,
    }
}

enum NameOp {
    Fast(u32),
    Deref(u32),
    Global(u32),
    Name(u32),
}

enum FunctionBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}
