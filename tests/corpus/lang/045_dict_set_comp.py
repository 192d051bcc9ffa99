# Dict and set comprehensions.
# expect: exit 0
print({x: x ** 2 for x in range(6)})
print({x: x ** 2 for x in range(10) if x % 3 == 0})
words = ["apple", "banana", "cherry", "avocado"]
print({w: len(w) for w in words})
print({w[0]: w for w in words})
print(sorted({len(w) for w in words}))
print(sorted({c for w in words for c in w if c in "aeiou"}))
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
d = {"a": 1, "b": 2, "c": 3}
print({v: k for k, v in d.items()})
print({k: v for k, v in d.items() if v != 2})
print({k.upper(): [v] * v for k, v in d.items()})
s = {x % 5 for x in range(100)}
print(sorted(s), len(s))
print({i: {j for j in range(i)} == set(range(i)) for i in range(3)})
