# Tuples.
# expect: exit 0
t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t.count(2), t.index(3))
print(t + (4,), t * 2, 2 in t, 9 not in t)
empty = ()
single = (5,)
not_tuple = (5)
print(empty, single, not_tuple, len(empty), type(single).__name__, type(not_tuple).__name__)
u = 1, 2, "three"
print(u, type(u).__name__)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) > (1, 99))
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple())
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1, 2))
d = {(0, 0): "origin", (1, 2): "pt"}
print(d[(1, 2)], d[0, 0])
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t[10]
except IndexError as e:
    print("IndexError:", e)
lst = [t, t]
print(lst, max(t), min(t), sum(t), sorted(t))
print(tuple(x * x for x in t))
print(("a", [1, 2]))
