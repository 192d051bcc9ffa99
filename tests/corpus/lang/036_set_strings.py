# Sets of strings: only observe through sorted/len/in.
# expect: exit 0
words = "the cat and the hat and the bat".split()
uniq = set(words)
print(len(uniq), sorted(uniq))
print("cat" in uniq, "dog" in uniq)
vowels = set("aeiou")
print(sorted(set("programming") & vowels), sorted(set("programming") - vowels))
first = {w[0] for w in words}
print(sorted(first))
seen = set()
order = []
for w in words:
    if w not in seen:
        seen.add(w)
        order.append(w)
print(order)
a = frozenset(["x", "y"])
b = frozenset(["y", "x"])
print(a == b, hash(a) == hash(b), len({a, b}))
groups = {frozenset(["a", "b"]): 1}
print(groups[frozenset("ba")])
print(sorted(sorted(uniq), key=len), sorted(uniq, reverse=True))
for w in sorted(uniq):
    print(w, end=",")
print()
