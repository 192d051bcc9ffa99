# Augmented assignment.
# expect: exit 0
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 3; print(x)
x /= 2; print(x)
y = 6
y <<= 2; y |= 1; y ^= 3; y &= 0xF; y >>= 1
print(y)
s = "ab"
s += "cd"
s *= 2
print(s)
a = [1, 2]
b = a
a += [3]
print(a, b, a is b)
a = a + [4]
print(a, b, a is b)
t = (1,)
u = t
t += (2,)
print(t, u)
d = {"k": 1}
d["k"] += 10
d["k"] *= 2
print(d)
lst = [1, 2, 3]
lst[1] += 100
lst[-1] -= 1
print(lst)
class C:
    n = 0
c = C()
c.n += 5
print(c.n, C.n)
