# lambda expressions.
# expect: exit 0
sq = lambda x: x * x
print(sq(7), (lambda: "noargs")(), (lambda a, b=3: a + b)(1))
add = lambda *a: sum(a)
print(add(1, 2, 3), add())
kw = lambda **k: sorted(k.items())
print(kw(b=2, a=1))
pts = [(1, 9), (3, 1), (2, 5)]
print(sorted(pts, key=lambda p: p[1]), max(pts, key=lambda p: p[0] + p[1]))
print(list(map(lambda x: x + 100, [1, 2])), list(filter(lambda x: x % 2, range(7))))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
for sym in ["+", "-", "*"]:
    print(sym, ops[sym](6, 3))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
late = [lambda x: x + n for n in range(3)]
print([f(10) for f in late])
cond = lambda x: "big" if x > 10 else "small"
print(cond(5), cond(50))
print((lambda x: (lambda y: x * y))(6)(7))
