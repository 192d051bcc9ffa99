# collections.Counter.
# expect: exit 0
from collections import Counter
c = Counter("abracadabra")
print(c["a"], c["b"], c["z"], len(c))
print(c.most_common(), c.most_common(2))
print(sorted(c.items()), sorted(c.elements())[:6])
words = Counter("the cat and the hat and the bat".split())
print(words.most_common(3))
a = Counter(a=3, b=1)
b = Counter(a=1, b=2, c=5)
print(sorted((a + b).items()), sorted((a - b).items()), sorted((a | b).items()), sorted((a & b).items()))
a.update("aab")
print(sorted(a.items()))
a.subtract({"a": 10})
print(sorted(a.items()))
print(sum(c.values()), sum(words.values()))
c2 = Counter([1, 1, 2, 3, 3, 3])
print(c2, c2[3], c2.most_common(1)[0])
c2[4] += 2
del c2[1]
print(c2)
print(Counter() == Counter(), Counter("ab") == Counter("ba"))
print(dict(Counter({"x": 2, "y": 0})))
