# min and max: iterables, multiple args, key, default.
# expect: exit 0
print(min(3, 1, 2), max(3, 1, 2), min([4, -2, 9]), max((4, -2, 9)))
print(min("banana"), max("banana"), min(["pear", "fig", "apple"]), max("b", "a", "c"))
print(max([1, 5, 5, 2], key=lambda x: -x), min(["aa", "b", "cc"], key=len), max(["aa", "b", "cc"], key=len))
print(min([], default="empty"), max([], default=None), max([7], default=0))
print(min({"x": 3, "y": 1}), max({"x": 3, "y": 1}.values()))
d = {"a": 3, "b": 7, "c": 7}
print(max(d, key=d.get), min(d, key=lambda k: d[k]))
print(max(1, 2.5), min(-1, -1.0), max(True, 0), min(1.5, 1))
print(max([(1, "b"), (1, "a"), (0, "z")]), min([[2], [1, 9], [1]]))
print(max(range(10), key=lambda n: n % 4), min(range(3, 20, 4)))
print(max(abs(x) for x in [-9, 3, 4]), min((x for x in [5, 2]), default=-1))
try:
    min([])
except ValueError:
    print("min([]) raises ValueError")
try:
    max(1, "a")
except TypeError as e:
    print("TypeError:", e)
