# weft's dataclasses module: CPython's Lib/dataclasses.py behaviour (3.12) for @dataclass and
# field(), written without exec: the generated methods bind their arguments themselves. This
# prelude is not internal: the methods it generates read and write the user's objects, and those
# accesses are visible operations like the user's own.
__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'MISSING', 'fields', 'asdict',
           'astuple', 'replace', 'is_dataclass']


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    __module__ = 'dataclasses'


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.kw_only = kw_only

    def __repr__(self):
        return (f'Field(name={self.name!r},type={self.type!r},default={self.default!r},'
                f'default_factory={self.default_factory!r},init={self.init!r},'
                f'repr={self.repr!r},hash={self.hash!r},compare={self.compare!r},'
                f'kw_only={self.kw_only!r})')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, kw_only)


def _is_classvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith('ClassVar') or annotation.startswith('typing.ClassVar')
    return False


def _plural(n, word):
    return f'{n} {word}' if n == 1 else f'{n} {word}s'


def _names(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f'{quoted[0]} and {quoted[1]}'
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _bind(qualname, positional, keyword, args, kwargs):
    # The arguments of a generated __init__(self, <positional>, *, <keyword>), bound as CPython
    # binds a def's, with its messages.
    values = {}
    if len(args) > len(positional):
        required = len([f for f in positional if not _has_default(f)])
        given = len(args) + 1
        if required == len(positional):
            raise TypeError(f'{qualname}() takes {_plural(required + 1, "positional argument")}'
                            f' but {given} {"was" if given == 1 else "were"} given')
        raise TypeError(f'{qualname}() takes from {required + 1} to {len(positional) + 1}'
                        f' positional arguments but {given} were given')
    for f, v in zip(positional, args):
        values[f.name] = v
    names = [f.name for f in positional] + [f.name for f in keyword]
    for k, v in kwargs.items():
        if k not in names:
            raise TypeError(f"{qualname}() got an unexpected keyword argument '{k}'")
        if k in values:
            raise TypeError(f"{qualname}() got multiple values for argument '{k}'")
        values[k] = v
    missing = [f.name for f in positional if f.name not in values and not _has_default(f)]
    if missing:
        raise TypeError(f'{qualname}() missing {len(missing)} required positional '
                        f'argument{"" if len(missing) == 1 else "s"}: {_names(missing)}')
    missing = [f.name for f in keyword if f.name not in values and not _has_default(f)]
    if missing:
        raise TypeError(f'{qualname}() missing {len(missing)} required keyword-only '
                        f'argument{"" if len(missing) == 1 else "s"}: {_names(missing)}')
    return values


def _has_default(f):
    return f.default is not MISSING or f.default_factory is not MISSING


def _field_values(obj, which):
    return tuple([getattr(obj, f.name) for f in which])


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, '__dataclass_fields__', None)
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = Field(default, MISSING, True, True, None, True, MISSING)
        f.name = name
        f.type = annotation
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f'mutable default {type(f.default)} for field {name} is not allowed:'
                             f' use default_factory')
        all_fields[name] = f
    setattr(cls, '__dataclass_fields__', all_fields)
    field_list = list(all_fields.values())
    init_fields = [f for f in field_list if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    keyword = [f for f in init_fields if f.kw_only]
    if init:
        seen_default = None
        for f in positional:
            if _has_default(f):
                seen_default = f
            elif seen_default is not None:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
    qualname = cls.__qualname__
    set_field = object.__setattr__ if frozen else setattr

    if init and '__init__' not in cls.__dict__:
        def __init__(self, *args, **kwargs):
            values = _bind(qualname + '.__init__', positional, keyword, args, kwargs)
            for f in field_list:
                if f.name in values:
                    set_field(self, f.name, values[f.name])
                elif f.default_factory is not MISSING:
                    set_field(self, f.name, f.default_factory())
                elif f.default is not MISSING:
                    set_field(self, f.name, f.default)
            post_init = getattr(self, '__post_init__', None)
            if post_init is not None:
                post_init()
        setattr(cls, '__init__', __init__)

    if repr and '__repr__' not in cls.__dict__:
        shown = [f for f in field_list if f.repr]

        def __repr__(self):
            parts = [f'{f.name}={getattr(self, f.name)!r}' for f in shown]
            return f'{self.__class__.__qualname__}({", ".join(parts)})'
        setattr(cls, '__repr__', __repr__)

    compared = [f for f in field_list if f.compare]
    if eq and '__eq__' not in cls.__dict__:
        def __eq__(self, other):
            if self.__class__ is other.__class__:
                return _field_values(self, compared) == _field_values(other, compared)
            return NotImplemented
        setattr(cls, '__eq__', __eq__)

    if order:
        def __lt__(self, other):
            if self.__class__ is other.__class__:
                return _field_values(self, compared) < _field_values(other, compared)
            return NotImplemented

        def __le__(self, other):
            if self.__class__ is other.__class__:
                return _field_values(self, compared) <= _field_values(other, compared)
            return NotImplemented

        def __gt__(self, other):
            if self.__class__ is other.__class__:
                return _field_values(self, compared) > _field_values(other, compared)
            return NotImplemented

        def __ge__(self, other):
            if self.__class__ is other.__class__:
                return _field_values(self, compared) >= _field_values(other, compared)
            return NotImplemented
        for name, method in (('__lt__', __lt__), ('__le__', __le__), ('__gt__', __gt__),
                             ('__ge__', __ge__)):
            if name in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}.'
                                f' Consider using functools.total_ordering')
            setattr(cls, name, method)

    if frozen:
        def __setattr__(self, name, value):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f'cannot assign to field {name!r}')
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f'cannot delete field {name!r}')
            object.__delattr__(self, name)
        setattr(cls, '__setattr__', __setattr__)
        setattr(cls, '__delattr__', __delattr__)

    hashed = [f for f in field_list if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash or (eq and frozen):
        def __hash__(self):
            return hash(_field_values(self, hashed))
        setattr(cls, '__hash__', __hash__)
    elif eq and '__hash__' not in cls.__dict__:
        setattr(cls, '__hash__', None)
    setattr(cls, '__match_args__', tuple([f.name for f in positional]))
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def fields(class_or_instance):
    cls = class_or_instance if isinstance(class_or_instance, type) else type(class_or_instance)
    found = getattr(cls, '__dataclass_fields__', None)
    if found is None:
        raise TypeError('must be called with a dataclass type or instance')
    return tuple(found.values())


def _as(obj, make_dict):
    if is_dataclass(obj) and not isinstance(obj, type):
        if make_dict:
            return {f.name: _as(getattr(obj, f.name), True) for f in fields(obj)}
        return tuple([_as(getattr(obj, f.name), False) for f in fields(obj)])
    if isinstance(obj, list):
        return [_as(v, make_dict) for v in obj]
    if isinstance(obj, tuple):
        return tuple([_as(v, make_dict) for v in obj])
    if isinstance(obj, dict):
        return {_as(k, make_dict): _as(v, make_dict) for k, v in obj.items()}
    return obj


def asdict(obj):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('asdict() should be called on dataclass instances')
    return _as(obj, True)


def astuple(obj):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('astuple() should be called on dataclass instances')
    return _as(obj, False)


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('replace() should be called on dataclass instances')
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
