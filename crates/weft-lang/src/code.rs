//! Compiled code: a compact stack bytecode, one [`Code`] per function, class body or module.

use crate::value::Value;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
    /// The dunder method names (normal, reflected).
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::And => ("__and__", "__rand__"),
            BinOp::Or => ("__or__", "__ror__"),
            BinOp::Xor => ("__xor__", "__rxor__"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// One instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Instr {
    Nop,
    Pop,
    Dup,
    Dup2,
    Rot2,
    Rot3,
    Const(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadCell(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class-body namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (method, self) or (Undef, callable).
    LoadMethod(u32),
    /// Stack: callable, args... -> result.
    Call(u32),
    /// Stack: callable, args..., kwvalues... ; the const is a tuple of keyword names.
    CallKw(u32, u32),
    /// Stack: method-or-Undef, self-or-callable, args...
    CallMethod(u32),
    /// Stack: callable, args tuple, kwargs dict (when the flag is set).
    CallEx(bool),
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    BuildDict(u32),
    BuildString(u32),
    /// Append TOS to the list at depth (from the top, after popping TOS).
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    ListToTuple,
    /// Conversion (0 none, 1 str, 2 repr, 3 ascii), and whether a format spec is on the stack.
    FormatValue(u8, bool),
    Unpack(u32),
    UnpackEx(u32, u32),
    Jump(u32),
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    ForIter(u32),
    /// The const is the code; flags: 1 defaults tuple, 2 kwdefaults dict, 4 closure tuple.
    MakeFunction(u32, u8),
    /// Stack: body function, bases tuple -> class. The const is the name.
    BuildClass(u32),
    SetupExcept(u32),
    SetupFinally(u32),
    PopBlock,
    /// Moves the exception on the stack into the frame's "being handled" slot.
    EnterHandler,
    ExitHandler,
    /// Push the exception currently being handled.
    LoadHandled,
    /// 0: bare raise, 1: raise TOS, 2: raise TOS1 from TOS.
    Raise(u8),
    /// Re-raise the exception on the stack, keeping its traceback.
    Reraise,
    /// Stack: exc, type -> exc, bool.
    CheckExcMatch,
    /// Stack: ctx -> ctx, enter-result.
    WithEnter,
    /// Sets up the handler of a with block.
    SetupWith(u32),
    /// Stack: ctx -> exit-result (normal exit).
    WithExit,
    /// Stack: ctx, exc -> exc, exit-result.
    WithExitExc,
    /// Stack: exc, exit-result -> ; re-raises unless the result is true.
    WithFinish,
    Return,
    Yield,
    Import(u32),
    ImportFrom(u32),
    ImportStar,
    LoadAssertionError,
    /// Marks the start of a statement on a line with no other visible effect (for tracing).
    Line,
}

/// A compiled function body, class body or module.
#[derive(Debug)]
pub struct Code {
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    pub file: Arc<str>,
    pub instrs: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    pub names: Vec<Arc<str>>,
    /// Local variable names; the first `argcount + kwonly + varargs + varkw` are parameters.
    pub varnames: Vec<Arc<str>>,
    /// Names of cells owned by this code (locals captured by inner functions).
    pub cellvars: Vec<Arc<str>>,
    /// Names of cells received from the enclosing function.
    pub freevars: Vec<Arc<str>>,
    /// For each cellvar that is also a parameter, the parameter's index.
    pub cell_params: Vec<Option<u32>>,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
    pub is_generator: bool,
    /// Class bodies run with a namespace dict and name lookups through it.
    pub is_class_body: bool,
    /// Internal (prelude) code: its memory accesses are not visible operations and are never
    /// reported as races.
    pub internal: bool,
    pub first_line: u32,
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.qualname.hash(state);
        self.file.hash(state);
        self.first_line.hash(state);
    }
}

impl Code {
    pub fn line_of(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
}
