# object(), identity, sentinels.
# expect: exit 0
a = object()
b = object()
print(a is a, a is b, a == b, a != b, type(a).__name__, isinstance(a, object))
_MISSING = object()
def lookup(d, key, default=_MISSING):
    if key in d:
        return d[key]
    if default is _MISSING:
        return "no default given"
    return default
print(lookup({"k": 1}, "k"), lookup({}, "k"), lookup({}, "k", None))
x = [1, 2]
y = x
z = [1, 2]
print(x is y, x is z, x == z, id(x) == id(y), id(x) == id(z))
n = None
print(n is None, type(None).__name__)
s = {a, b, a}
print(len(s), a in s)
d = {a: "A", b: "B"}
print(d[a], d[b])
def f():
    pass
g = f
print(g is f, f == g)
class K:
    pass
print(K is K, type(K()) is K, K() is K())
print(isinstance(1, object), isinstance(None, object), isinstance(K, object))
