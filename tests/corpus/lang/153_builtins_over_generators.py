# Builtins that consume generators or call user functions (map, filter, zip with strict, enumerate, join, sorted, sum, min/max, set.update, list.extend, any/all).
# expect: uncaught ValueError
def gen(n):
    for i in range(n):
        yield i * 10
def sq(x): return x * x
print(list(map(sq, [1, 2, 3])), list(map(sq, gen(3))), list(map(lambda a, b: a + b, gen(3), [1, 2])))
print(list(filter(lambda x: x % 20 == 0, gen(5))), list(filter(None, gen(3))))
print(list(zip(gen(3), "abcd")), list(zip()), list(enumerate(gen(3), 1)))
print("-".join(str(x) for x in gen(3)), sorted(gen(4), reverse=True), sum(gen(4)), sum(gen(3), 5))
print(min(gen(3)), max(x for x in [3, 1, 2]), tuple(gen(2)), set(gen(2)) == {0, 10}, dict((x, 1) for x in gen(2)))
s = set(); s.update(gen(3)); l = [1]; l.extend(gen(2)); print(sorted(s), l)
print(any(x > 5 for x in gen(3)), all(x < 5 for x in gen(3)))
try:
    list(zip([1, 2], gen(3), strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1, 2, 3], gen(2), strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [2], gen(2), strict=True))
except ValueError as e:
    print(e)
def bad(x):
    raise ValueError("bad %d" % x)
list(map(bad, gen(2)))
