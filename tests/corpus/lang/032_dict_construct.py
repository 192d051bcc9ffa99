# Building dicts.
# expect: exit 0
keys = ["one", "two", "three"]
vals = [1, 2, 3]
print(dict(zip(keys, vals)))
print(dict(a=1, b="x"))
print(dict([("k", "v"), ("k2", "v2")]))
print(dict({"a": 1}, b=2))
print(dict(), {})
print({k: v * v for k, v in zip(keys, vals)})
print({n: n % 3 for n in range(7) if n % 2 == 0})
print({c: ord(c) for c in "abc"})
inv = {v: k for k, v in dict(zip(keys, vals)).items()}
print(inv)
squares = {}
for i in range(5):
    squares[i] = i * i
print(squares)
nested = {i: {j: i * j for j in range(3)} for i in range(3)}
print(nested)
print(nested[2][2])
print(dict.fromkeys(["x", "y"], 0))
grouped = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    grouped.setdefault(word[0], []).append(word)
print(grouped)
merged = {**{"a": 1, "b": 2}, **{"b": 3, "c": 4}}
print(merged)
