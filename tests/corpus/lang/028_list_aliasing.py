# List identity, aliasing, nested reprs, copies.
# expect: exit 0
a = [1, 2, 3]
b = a
c = a[:]
d = list(a)
a.append(4)
print(a, b, c, d)
print(a is b, a is c, a == b, c == d)
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
m = [[1, [2, [3, [4]]]], "s", (5, [6])]
print(m, len(m), m[0][1][1][1][0])
print([[], [[]], [[], []]])
x = [1, 2]
y = [x, x]
x.append(3)
print(y)
def mutate(lst):
    lst.append("m")
    lst = ["new"]
    return lst
orig = [0]
res = mutate(orig)
print(orig, res)
print([1, 2, 3] * 0, [] * 10, [None], [True, False])
print(list(range(5)) == [0, 1, 2, 3, 4])
print([1.0, 2.5, -0.0, 1e20], ["a", 1, None, 2.0])
