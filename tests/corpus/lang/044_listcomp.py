# List comprehensions, nested and filtered.
# expect: exit 0
print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
print([c.upper() for c in "hello" if c != "l"])
print([len(w) for w in "a bb ccc".split()])
print([x if x > 2 else 0 for x in range(5)])
words = ["Apple", "bob", "Civic", "dad"]
print([w for w in words if w.lower() == w.lower()[::-1]])
x = "outer"
print([x for x in range(3)], x)
print([i * j for i, j in zip([1, 2, 3], [4, 5, 6])])
print([(i, c) for i, c in enumerate("ab")])
print(sum([[1], [2, 3], []], []))
print([[] for _ in range(3)])
print([n for n in range(2, 40) if all(n % d for d in range(2, n))])
