# any and all.
# expect: exit 0
print(any([]), all([]), any([0, 0]), all([1, 1]), any([0, 1]), all([1, 0]))
print(any("abc"), all(""), any([None, "", 0.0]), all(["x", [1], 2]))
print(any(x > 3 for x in range(5)), all(x < 5 for x in range(5)), all(x < 4 for x in range(5)))
print(any({0: "a"}), any({1: "a"}), all({0, 1}), any(set()))
def is_prime(n):
    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))
print([n for n in range(30) if is_prime(n)])
grid = [[1, 2], [3, 0]]
print(all(all(row) for row in grid), any(any(row) for row in grid), any(0 in row for row in grid))
seen = []
def note(x):
    seen.append(x)
    return x
print(all(note(x) for x in [1, 2, 0, 3]), seen)
seen.clear()
print(any(note(x) for x in [0, 0, 5, 6]), seen)
