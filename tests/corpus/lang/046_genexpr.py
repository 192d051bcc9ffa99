# Generator expressions in sum/any/all/list/join/min/max.
# expect: exit 0
nums = [4, 8, 15, 16, 23, 42]
print(sum(x for x in nums))
print(sum(x * x for x in nums if x % 2 == 0))
print(any(x > 40 for x in nums), any(x > 50 for x in nums))
print(all(x > 0 for x in nums), all(x % 2 == 0 for x in nums))
print(list(x // 2 for x in nums))
print(tuple(str(x) for x in range(3)))
print(", ".join(str(x) for x in nums))
print("".join(c for c in "a1b2c3" if c.isdigit()))
print(max(len(w) for w in ["a", "abc", "ab"]), min(-x for x in nums))
print(sorted((x % 5 for x in nums), reverse=True))
g = (x * 10 for x in range(3))
print(next(g), next(g), next(g), next(g, "exhausted"))
g2 = (c for c in "xy")
print(list(g2), list(g2))
print(sum(1 for _ in range(1000)), sum((x for x in [0.5, 0.25]), 10))
print(set(x % 3 for x in range(10)) == {0, 1, 2})
print(dict((k, k * 2) for k in "ab"))
calls = []
def check(x):
    calls.append(x)
    return x > 2
print(any(check(x) for x in [1, 2, 3, 4, 5]), calls)
