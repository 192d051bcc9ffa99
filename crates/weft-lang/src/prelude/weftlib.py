# weft's helpers for builtins that run user code (consume a generator or a user iterator, call a
# user function): they run as ordinary frames, so that code is scheduled like any other (it may
# block on a Future's result or a queue get, and its shared accesses are choice points). Their
# frames never show in tracebacks: CPython runs C code there.


def list_from(it):
    out = []
    for x in it:
        out.append(x)
    return out


def any_from(it):
    for x in it:
        if x:
            return True
    return False


def all_from(it):
    for x in it:
        if not x:
            return False
    return True


def next_from_iterator(it, *default):
    if not default:
        return it.__next__()
    try:
        return it.__next__()
    except StopIteration:
        return default[0]


def call_on_list(f, it, *args, **kwargs):
    return f(list_from(it), *args, **kwargs)


def map_gen(func, *iterables):
    iterators = [iter(it) for it in iterables]
    while True:
        args = []
        for it in iterators:
            for x in it:
                args.append(x)
                break
            else:
                return
        yield func(*args)


def filter_gen(func, iterable):
    for x in iterable:
        if (x if func is None else func(x)):
            yield x


def zip_gen(*iterables, strict=False):
    iterators = [iter(it) for it in iterables]
    if not iterators:
        return
    while True:
        items = []
        for i, it in enumerate(iterators):
            for x in it:
                items.append(x)
                break
            else:
                if strict and i > 0:
                    raise ValueError("zip() argument %d is shorter than argument%s%d"
                                     % (i + 1, " " if i == 1 else "s 1-", i))
                if strict:
                    for j, rest in enumerate(iterators[1:]):
                        for _ in rest:
                            raise ValueError("zip() argument %d is longer than argument%s%d"
                                             % (j + 2, " " if j == 0 else "s 1-", j + 1))
                return
        yield tuple(items)


def enumerate_gen(iterable, start=0):
    n = start
    for x in iterable:
        yield n, x
        n += 1
