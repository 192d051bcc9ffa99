# Tuple/list unpacking, including starred.
# expect: exit 0
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p, q = "hi"
print(p, q)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = [1, 2, 3, 4]
print(init, last)
h, *mid, t = range(6)
print(h, mid, t)
h, *mid, t = (1, 2)
print(h, mid, t)
(a, b), c = (1, 2), 3
print(a, b, c)
[a, [b, c]] = [4, [5, 6]]
print(a, b, c)
head, *tail = "abc"
print(head, tail)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
for n, *others in [(1, 2, 3), (4,), (5, 6)]:
    print(n, others)
pairs = {"x": 1, "y": 2}
for k, v in pairs.items():
    print(k, v)
m = n = 7
print(m, n)
i = 0
lst = [0, 0]
i, lst[i] = 1, 99
print(i, lst)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
print([*range(3), *"ab"], (*[1, 2], 3))
def f():
    return 1, [2, 3]
one, (two, three) = f()
print(one, two, three)
