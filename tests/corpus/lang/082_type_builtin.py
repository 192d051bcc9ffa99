# type() of values.
# expect: exit 0
for v in [1, 1.5, "s", True, None, [1], (1,), {"a": 1}, {1}, range(3), 2 ** 100]:
    print(type(v), type(v).__name__)
print(type(int), type(type))
class Foo:
    pass
f = Foo()
print(type(f).__name__, type(f) is Foo, type(Foo).__name__)
print(type(1) is int, type(True) is int, type(True) is bool, type(1) == type(2))
print(type(frozenset()), type(object()), type(ValueError("x")))
print(type(3)(4.9), type("a")(12), type([])("ab"), type(()) is tuple)
def fn():
    return 1
print(type(fn).__name__, type(lambda: 1).__name__)
print(int, str, float, list, dict, tuple, set, bool, object)
print(type(1 + 1.0).__name__, type(1 // 1).__name__, type(1 / 1).__name__, type(2 ** -1).__name__)
print(type(KeyError), KeyError, ZeroDivisionError)
