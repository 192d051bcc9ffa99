# iter and next (with default).
# expect: exit 0
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"), next(it, None))
s = iter("ab")
print(next(s), next(s), next(s, "!"))
d = iter({"k1": 1, "k2": 2})
print(next(d), next(d))
r = iter(range(10, 13))
print(list(r), next(r, "empty"))
t = iter((9,))
print(next(t))
try:
    next(t)
except StopIteration:
    print("StopIteration")
lst = [4, 5, 6]
i1 = iter(lst)
i2 = iter(lst)
print(next(i1), next(i1), next(i2))
it = iter([1, 2, 3, 4, 5])
for x in it:
    if x == 2:
        print("skipping", next(it))
    else:
        print("x", x)
items = iter(["h1", "a", "b", "h2", "c"])
header = next(items)
print(header, list(items))
pairs = iter([1, 2, 3, 4, 5, 6])
print(list(zip(pairs, pairs)))
print(iter(it) is it, next(iter([]), "empty list"))
