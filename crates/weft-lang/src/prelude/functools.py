# weft's functools in Python, on top of the native partial and reduce: lru_cache and cache,
# total_ordering, wraps and update_wrapper. Not internal: the cache is shared by the threads that
# call the function, so its accesses are visible steps. They are builtin container method calls
# (cache.get, cache.update, ...), atomic as the C cache's operations are under the GIL, and such
# calls never race with each other: a cached function called from two threads is explored (one
# computes, the other hits, or both compute) without a race report on weft's own cache.

from collections import Counter as _Counter

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


class _Info:
    """What cache_info() returns: CPython's CacheInfo, by attribute and repr (not a tuple)."""

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def __repr__(self):
        return (f'CacheInfo(hits={self.hits}, misses={self.misses}, maxsize={self.maxsize}, '
                f'currsize={self.currsize})')


_MISSING = object()
_KWD_MARK = object()


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key = key + (_KWD_MARK,)
        for item in kwds.items():
            key = key + item
    if typed:
        key = key + tuple([type(v) for v in args])
        if kwds:
            key = key + tuple([type(v) for v in kwds.values()])
    return key


def _lru_cache_wrapper(user_function, maxsize, typed):
    cache = {}
    counts = _Counter()
    if maxsize is not None and maxsize < 0:
        maxsize = 0

    def wrapper(*args, **kwds):
        key = _make_key(args, kwds, typed)
        result = cache.get(key, _MISSING)
        if result is not _MISSING:
            counts.update(('hits',))
            if maxsize is not None:
                # Most recently used last.
                cache.pop(key, None)
                cache.update([(key, result)])
            return result
        counts.update(('misses',))
        result = user_function(*args, **kwds)
        if maxsize == 0:
            return result
        cache.update([(key, result)])
        if maxsize is not None and len(cache) > maxsize:
            cache.pop(next(iter(cache)))
        return result

    def cache_info():
        return _Info(counts['hits'], counts['misses'], maxsize, len(cache))

    def cache_clear():
        cache.clear()
        counts.clear()

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    return update_wrapper(wrapper, user_function)


def lru_cache(maxsize=128, typed=False):
    if isinstance(maxsize, int) and not isinstance(maxsize, bool):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_cache_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)
    return decorating_function


def cache(user_function):
    return _lru_cache_wrapper(user_function, None, False)


def total_ordering(cls):
    defined = [op for op in ('__lt__', '__le__', '__gt__', '__ge__')
               if getattr(cls, op, None) is not getattr(object, op, None)]
    if not defined:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = defined[0] if '__lt__' not in defined else '__lt__'
    if root == '__lt__':
        def __gt__(self, other):
            r = self.__lt__(other)
            return r if r is NotImplemented else (not r and self != other)

        def __le__(self, other):
            r = self.__lt__(other)
            return r if r is NotImplemented else (r or self == other)

        def __ge__(self, other):
            r = self.__lt__(other)
            return r if r is NotImplemented else not r
        derived = {'__gt__': __gt__, '__le__': __le__, '__ge__': __ge__}
    elif root == '__le__':
        def __ge__(self, other):
            r = self.__le__(other)
            return r if r is NotImplemented else (not r or self == other)

        def __lt__(self, other):
            r = self.__le__(other)
            return r if r is NotImplemented else (r and self != other)

        def __gt__(self, other):
            r = self.__le__(other)
            return r if r is NotImplemented else not r
        derived = {'__ge__': __ge__, '__lt__': __lt__, '__gt__': __gt__}
    elif root == '__gt__':
        def __lt__(self, other):
            r = self.__gt__(other)
            return r if r is NotImplemented else (not r and self != other)

        def __ge__(self, other):
            r = self.__gt__(other)
            return r if r is NotImplemented else (r or self == other)

        def __le__(self, other):
            r = self.__gt__(other)
            return r if r is NotImplemented else not r
        derived = {'__lt__': __lt__, '__ge__': __ge__, '__le__': __le__}
    else:
        def __le__(self, other):
            r = self.__ge__(other)
            return r if r is NotImplemented else (not r or self == other)

        def __gt__(self, other):
            r = self.__ge__(other)
            return r if r is NotImplemented else (r and self != other)

        def __lt__(self, other):
            r = self.__ge__(other)
            return r if r is NotImplemented else not r
        derived = {'__le__': __le__, '__gt__': __gt__, '__lt__': __lt__}
    for name, method in derived.items():
        if name not in defined:
            setattr(cls, name, method)
    return cls
