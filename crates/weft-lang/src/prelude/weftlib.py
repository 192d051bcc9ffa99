# weft's helpers for builtins that consume a generator: run as ordinary frames, so a generator
# that blocks (a Future's result, a queue get) is scheduled like any other code.


def list_from(it):
    out = []
    for x in it:
        out.append(x)
    return out


def tuple_from(it):
    return tuple(list_from(it))


def set_from(it):
    return set(list_from(it))


def frozenset_from(it):
    return frozenset(list_from(it))


def dict_from(it, **kwargs):
    return dict(list_from(it), **kwargs)


def sorted_from(it, **kwargs):
    return sorted(list_from(it), **kwargs)


def sum_from(it, *start):
    return sum(list_from(it), *start)


def min_from(it, **kwargs):
    return min(list_from(it), **kwargs)


def max_from(it, **kwargs):
    return max(list_from(it), **kwargs)


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
