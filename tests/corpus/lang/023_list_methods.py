# list methods.
# expect: exit 0
a = [3, 1, 4]
a.append(1)
print(a)
a.extend([5, 9])
a.extend((2, 6))
a.extend("ab")
print(a)
a.insert(0, "first")
a.insert(3, "mid")
a.insert(100, "end")
a.insert(-1, "before-end")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a.pop(2))
print(a)
a.remove(1)
print(a)
print(a.index(5), a.index(1), a.count(1), a.count("zz"))
b = [x for x in a if isinstance(x, int)]
b.reverse()
print(b)
c = b.copy()
c.append(100)
print(b, c, b is c)
c.clear()
print(c, len(c))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    b.remove(42)
except ValueError as e:
    print("ValueError:", e)
try:
    b.index(42)
except ValueError as e:
    print("ValueError:", e)
print([1, 2] + [3], [0] * 3, [[0] * 2] * 2, len([None] * 5))
nested = [[1, 2], [3]]
nested[0].append(99)
print(nested, sum(len(x) for x in nested))
