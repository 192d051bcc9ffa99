//! The builtin types: their names as Python prints them, and the exception hierarchy.

macro_rules! builtin_types {
    ($($variant:ident => $name:literal, $parent:expr;)*) => {
        /// A builtin type. User classes are heap objects; these are fixed.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Ty { $($variant),* }

        impl Ty {
            pub const ALL: &'static [Ty] = &[$(Ty::$variant),*];
            /// The name `type(x).__name__` gives.
            pub fn name(self) -> &'static str {
                match self { $(Ty::$variant => $name),* }
            }
            /// The base class (None for `object`).
            pub fn parent(self) -> Option<Ty> {
                match self { $(Ty::$variant => $parent),* }
            }
        }
    };
}

use Ty::*;

builtin_types! {
    Object => "object", None;
    Type => "type", Some(Object);
    NoneType => "NoneType", Some(Object);
    Bool => "bool", Some(Int);
    Int => "int", Some(Object);
    Float => "float", Some(Object);
    Str => "str", Some(Object);
    Tuple => "tuple", Some(Object);
    List => "list", Some(Object);
    Dict => "dict", Some(Object);
    Set => "set", Some(Object);
    FrozenSet => "frozenset", Some(Object);
    Range => "range", Some(Object);
    Slice => "slice", Some(Object);
    Function => "function", Some(Object);
    BuiltinFunction => "builtin_function_or_method", Some(Object);
    Method => "method", Some(Object);
    Module => "module", Some(Object);
    Iterator => "iterator", Some(Object);
    Generator => "generator", Some(Object);
    Property => "property", Some(Object);
    StaticMethod => "staticmethod", Some(Object);
    ClassMethod => "classmethod", Some(Object);
    Super => "super", Some(Object);
    Cell => "cell", Some(Object);
    Ellipsis => "ellipsis", Some(Object);
    NotImplementedType => "NotImplementedType", Some(Object);
    Lock => "lock", Some(Object);
    RLock => "RLock", Some(Object);
    Deque => "deque", Some(Object);
    DefaultDict => "defaultdict", Some(Dict);
    Counter => "Counter", Some(Dict);
    DictKeys => "dict_keys", Some(Object);
    DictValues => "dict_values", Some(Object);
    DictItems => "dict_items", Some(Object);
    Partial => "partial", Some(Object);
    Enumerate => "enumerate", Some(Object);
    Zip => "zip", Some(Object);
    Map => "map", Some(Object);
    Filter => "filter", Some(Object);
    Reversed => "reversed", Some(Object);
    Count => "count", Some(Object);
    BaseException => "BaseException", Some(Object);
    SystemExit => "SystemExit", Some(BaseException);
    KeyboardInterrupt => "KeyboardInterrupt", Some(BaseException);
    GeneratorExit => "GeneratorExit", Some(BaseException);
    Exception => "Exception", Some(BaseException);
    ArithmeticError => "ArithmeticError", Some(Exception);
    ZeroDivisionError => "ZeroDivisionError", Some(ArithmeticError);
    OverflowError => "OverflowError", Some(ArithmeticError);
    AssertionError => "AssertionError", Some(Exception);
    AttributeError => "AttributeError", Some(Exception);
    LookupError => "LookupError", Some(Exception);
    IndexError => "IndexError", Some(LookupError);
    KeyError => "KeyError", Some(LookupError);
    NameError => "NameError", Some(Exception);
    UnboundLocalError => "UnboundLocalError", Some(NameError);
    RuntimeError => "RuntimeError", Some(Exception);
    RecursionError => "RecursionError", Some(RuntimeError);
    NotImplementedError => "NotImplementedError", Some(RuntimeError);
    StopIteration => "StopIteration", Some(Exception);
    TypeError => "TypeError", Some(Exception);
    ValueError => "ValueError", Some(Exception);
    UnicodeError => "UnicodeError", Some(ValueError);
    MemoryError => "MemoryError", Some(Exception);
    OSError => "OSError", Some(Exception);
    TimeoutError => "TimeoutError", Some(OSError);
    ImportError => "ImportError", Some(Exception);
    ModuleNotFoundError => "ModuleNotFoundError", Some(ImportError);
    Warning => "Warning", Some(Exception);
    DeprecationWarning => "DeprecationWarning", Some(Warning);
}

impl Ty {
    pub fn is_subtype(self, other: Ty) -> bool {
        let mut t = Some(self);
        while let Some(x) = t {
            if x == other {
                return true;
            }
            t = x.parent();
        }
        false
    }
    pub fn is_exception(self) -> bool {
        self.is_subtype(BaseException)
    }
    pub fn from_name(name: &str) -> Option<Ty> {
        Ty::ALL.iter().copied().find(|t| t.name() == name)
    }
    /// Names that are builtins in Python (reachable without import).
    pub fn is_builtin_name(self) -> bool {
        matches!(
            self,
            Object
                | Type
                | Bool
                | Int
                | Float
                | Str
                | Tuple
                | List
                | Dict
                | Set
                | FrozenSet
                | Range
                | Slice
                | Property
                | StaticMethod
                | ClassMethod
                | Super
                | Enumerate
                | Zip
                | Map
                | Filter
                | Reversed
        ) || self.is_exception()
    }
}
