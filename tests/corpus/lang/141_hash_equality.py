# hash() consistency (values compared, never printed for strings).
# expect: exit 0
print(hash(1) == hash(1), hash(1) == hash(1.0), hash(True) == hash(1), hash(0) == hash(0.0) == hash(False))
print(hash("abc") == hash("ab" + "c"), hash((1, "a")) == hash((1, "a")), hash(()) == hash(tuple()))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(42), hash(-7), hash(0))
print(hash(None) == hash(None), isinstance(hash("x"), int))
d = {1: "int one"}
print(d[1.0], d[True], 1.0 in d)
s = {1, 1.0, True}
print(len(s))
for bad in [[1], {"a": 1}, {1}]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
class P:
    pass
p = P()
print(hash(p) == hash(p))
