# enumerate (start=), reversed, sorted.
# expect: exit 0
print(list(enumerate("abc")), list(enumerate(["x", "y"], start=10)), list(enumerate([], 5)))
for i, (a, b) in enumerate(zip("pq", "rs"), 1):
    print(i, a, b)
e = enumerate(["only"])
print(next(e), next(e, "end"))
print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed("abc")), list(reversed(range(3))))
print("".join(reversed("stressed")), list(reversed([])))
r = reversed([1, 2, 3])
print(next(r), list(r))
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("cba"), sorted({3: 0, 1: 0}))
print(sorted([-3, 2, -1], key=abs, reverse=True), sorted(["b", "A", "c"], key=str.lower))
print(sorted([(2, "b"), (1, "z"), (2, "a")]), sorted([]))
data = [5, 3, 8]
for idx, v in enumerate(sorted(data, reverse=True), start=1):
    print(f"#{idx}: {v}")
print([i for i, c in enumerate("banana") if c == "a"])
