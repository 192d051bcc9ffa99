# Slice assignment and deletion, index assignment.
# expect: exit 0
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[:0] = [-1]
print(a)
a[len(a):] = [100, 101]
print(a)
a[::2] = ["E"] * len(a[::2])
print(a)
a[1:3] = []
print(a)
del a[::3]
print(a)
del a[-2:]
print(a)
a[0] = "first"
a[-1] = "last"
print(a)
b = [1, 2, 3]
b[1:2] = [7, 8, 9]
print(b)
b[:] = "abc"
print(b)
try:
    b[10] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    b[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
c = [0, 1, 2, 3, 4, 5]
c[-3:] = c[:3]
print(c)
