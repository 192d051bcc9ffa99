# Set and frozenset operations (printed via sorted).
# expect: exit 0
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
a.add(10)
a.add(1)
print(sorted(a), len(a))
a.discard(10)
a.discard(999)
print(sorted(a))
a.remove(1)
print(sorted(a))
try:
    a.remove(999)
except KeyError as e:
    print("KeyError:", e)
print({2, 3}.issubset(a), a.issubset({2}), {2, 3} <= a, {2, 3} < a, a >= {2}, a.issuperset({3}))
print({1}.isdisjoint({2}), {1}.isdisjoint({1}))
print(3 in a, 30 in a, len(set()), sorted(set([3, 1, 3, 2, 1])))
fs = frozenset([3, 1, 2])
print(sorted(fs), len(fs), 2 in fs, sorted(fs | {9}), type(fs | {9}).__name__)
d = {fs: "frozen"}
print(d[frozenset([1, 2, 3])])
print({1, 2} == {2, 1}, {1, 2} == frozenset({1, 2}), set() == set())
c = set(range(5))
c |= {10}
c &= {0, 1, 2, 10}
c -= {0}
c ^= {2, 3}
print(sorted(c))
s = set()
for x in [5, 1, 5, 2, 1]:
    s.add(x)
print(sorted(s), s.pop() in {1, 2, 5}, len(s))
c2 = c.copy()
c2.clear()
print(len(c), len(c2))
print(sorted({x % 4 for x in range(20)}))
