# sort / sorted with key and reverse, stability.
# expect: exit 0
nums = [5, 2, 9, 1, 5, 6, -3]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "Fig", "elderberry"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
pairs = [("b", 2), ("a", 2), ("c", 1), ("d", 3), ("e", 1)]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: p[1], reverse=True))
print(sorted(pairs))
records = [{"n": "x", "age": 30}, {"n": "y", "age": 25}, {"n": "z", "age": 30}]
records.sort(key=lambda r: r["age"])
print([r["n"] for r in records])
print(sorted([3.5, 1, 2.25, -1]), sorted("hello"), sorted((3, 1, 2)))
print(sorted({"b": 1, "a": 2}), sorted({"b": 1, "a": 2}.items()))
print(sorted([[2, 1], [1, 5], [1, 2]]))
orig = [3, 1, 2]
new = sorted(orig)
print(orig, new, orig.sort(), orig)
print(sorted([-4, 3, -2, 1], key=abs))
print(sorted(range(10), key=lambda n: n % 3))
