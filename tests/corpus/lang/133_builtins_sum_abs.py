# sum (with start), abs, len.
# expect: exit 0
print(sum([1, 2, 3]), sum([]), sum([], 10), sum(range(5), 100), sum([0.5] * 10))
print(sum([1.5, 2.5]), sum([True, True, False]), sum([[1], [2, 3]], []), sum(((1,), (2,)), ()))
print(sum(x * x for x in range(4)), sum([1, 2], start=5))
print(abs(-7), abs(7), abs(-7.25), abs(0), abs(-0.0), abs(-10 ** 30), abs(True))
print(len([1, 2]), len("héllo"), len((1,)), len({"a": 1}), len({1, 2, 2}), len(range(0, 10, 3)), len(""))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError for string sum")
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)
vals = [3, -1, 4, -1, 5, -9]
print(sum(abs(v) for v in vals), sum(v for v in vals if v > 0), max(map(abs, vals)))
print(sum([0.5, 0.25, 0.125]), sum([1.5, 2.25], 0.25))
