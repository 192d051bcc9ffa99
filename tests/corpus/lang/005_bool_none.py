# Booleans, None, truthiness.
# expect: exit 0
print(True + True, True * 10, False - 1, True / 2, True // 1)
print(sum([True, False, True, True]))
print(True == 1, False == 0, True is True, True and 3, 0 or False)
print(int(True), float(False), str(True), repr(False))
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("a"))
print(bool([]), bool([0]), bool({}), bool({0: 0}), bool(()), bool(None))
print(bool(range(0)), bool(range(1)), bool(set()))
x = None
print(x, x is None, x is not None, x == None, repr(x), str(x))
def f():
    pass
print(f(), f() is None)
print(not None, not 0, not "x", not [])
values = [0, 1, "", "s", None, [], [1], 0.0, 2.5]
print([v for v in values if v])
print(isinstance(True, int), type(True).__name__, True > False)
print(max(True, 2), min(False, -1))
print(None if 0 else "zero-falsy")
