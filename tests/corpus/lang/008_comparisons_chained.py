# Chained and mixed comparisons.
# expect: exit 0
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5, 5 == x == 5.0, 1 < 2 < 3 < 4 < 3)
print(x != 4 != 5, 3 > 2 > 1 > 0)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5))
print(calls)
calls.clear()
print(v(1) < v(2) < v(3))
print(calls)
print("abc" < "abd", "abc" < "ab", "Z" < "a", "" < "a")
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"))
print([1, 2] == [1, 2], (1, 2) == (1, 2), [1, 2] == (1, 2))
print(1 == 1.0, 2 < 2.5, -1 > -1.5, 10 ** 20 > 1e19)
print(None == None, None == 0, "1" == 1)
a = [1]
b = [1]
print(a == b, a is b, a is not b, a is a)
print(3 in [1, 2, 3], 4 not in [1, 2, 3], "b" in "abc", "ac" in "abc")
print(max(3, 1, 2) == 3 == len("abc"))
