# weft's typing module: the names annotations use, so that real code imports and runs. Subscripting
# (`List[int]`) gives the same object back; nothing is checked, as in CPython at run time.
__all__ = ['Any', 'Callable', 'ClassVar', 'Deque', 'Dict', 'Final', 'FrozenSet', 'Generic',
           'Iterable', 'Iterator', 'List', 'Literal', 'Mapping', 'NoReturn', 'Optional',
           'Protocol', 'Sequence', 'Set', 'Tuple', 'Type', 'TypeVar', 'Union', 'cast', 'overload',
           'final', 'TYPE_CHECKING', 'NamedTuple', 'TypedDict', 'Hashable', 'Generator',
           'MutableMapping', 'MutableSequence', 'Awaitable', 'Self', 'Never', 'DefaultDict',
           'Counter', 'get_type_hints', 'no_type_check', 'runtime_checkable']

TYPE_CHECKING = False


class _SpecialForm:
    def __init__(self, name):
        self._name = name

    def __getitem__(self, parameters):
        return self

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        raise TypeError(f'Cannot instantiate typing.{self._name}')


Any = _SpecialForm('Any')
Callable = _SpecialForm('Callable')
ClassVar = _SpecialForm('ClassVar')
Deque = _SpecialForm('Deque')
Dict = _SpecialForm('Dict')
DefaultDict = _SpecialForm('DefaultDict')
Counter = _SpecialForm('Counter')
Final = _SpecialForm('Final')
FrozenSet = _SpecialForm('FrozenSet')
Iterable = _SpecialForm('Iterable')
Iterator = _SpecialForm('Iterator')
Generator = _SpecialForm('Generator')
Hashable = _SpecialForm('Hashable')
List = _SpecialForm('List')
Literal = _SpecialForm('Literal')
Mapping = _SpecialForm('Mapping')
MutableMapping = _SpecialForm('MutableMapping')
MutableSequence = _SpecialForm('MutableSequence')
Awaitable = _SpecialForm('Awaitable')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
Optional = _SpecialForm('Optional')
Sequence = _SpecialForm('Sequence')
Set = _SpecialForm('Set')
Tuple = _SpecialForm('Tuple')
Type = _SpecialForm('Type')
Union = _SpecialForm('Union')


class _TypeVar:
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return '~' + self.__name__


def TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False):
    return _TypeVar(name)


class Generic:
    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    pass


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(f):
    return f


def runtime_checkable(cls):
    return cls


def get_type_hints(obj):
    return dict(getattr(obj, '__annotations__', {}))


def NamedTuple(*args, **kwargs):
    raise NotImplementedError('weft does not model typing.NamedTuple')


def TypedDict(*args, **kwargs):
    raise NotImplementedError('weft does not model typing.TypedDict')
