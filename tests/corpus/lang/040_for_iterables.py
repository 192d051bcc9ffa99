# for over many kinds of iterables.
# expect: exit 0
for i in range(3):
    print("range", i)
for x in [10, 20]:
    print("list", x)
for x in ("t1", "t2"):
    print("tuple", x)
for c in "hey":
    print("str", c)
d = {"one": 1, "two": 2}
for k in d:
    print("dict", k)
for v in d.values():
    print("values", v)
for k, v in d.items():
    print("items", k, v)
for k in d.keys():
    print("keys", k)
for x in sorted({3, 1, 2}):
    print("set", x)
for i, x in enumerate(["a", "b", "c"]):
    print("enumerate", i, x)
for i, x in enumerate("xy", start=1):
    print("enumerate1", i, x)
for a, b in zip([1, 2, 3], "abcd"):
    print("zip", a, b)
for a, b, c in zip(range(2), [5, 6], ("p", "q")):
    print("zip3", a, b, c)
for x in reversed([1, 2, 3]):
    print("reversed", x)
for c in reversed("abc"):
    print("reversed str", c)
for x in sorted([3, 1, 2], reverse=True):
    print("sorted", x)
for x in map(str.upper, ["m", "n"]):
    print("map", x)
for x in filter(None, [0, 1, "", "s"]):
    print("filter", x)
for x in iter([7, 8]):
    print("iter", x)
for x in (n * n for n in range(3)):
    print("genexpr", x)
for row in [[1, 2], [3, 4]]:
    for cell in row:
        print("cell", cell, end=";")
print()
