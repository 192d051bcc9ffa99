# isinstance and issubclass with builtins and user classes.
# expect: exit 0
class A:
    pass
class B(A):
    pass
class C(B):
    pass
class D:
    pass
objs = [A(), B(), C(), D()]
for o in objs:
    print(type(o).__name__, isinstance(o, A), isinstance(o, B), isinstance(o, (C, D)), isinstance(o, object))
print(issubclass(C, A), issubclass(A, C), issubclass(B, (D, A)), issubclass(D, object))
values = [1, 2.0, "s", True, None, [1], (1,), {1: 2}, {1}, range(2)]
for v in values:
    print(repr(v), isinstance(v, int), isinstance(v, (list, tuple)), isinstance(v, str), type(v).__name__)
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int), issubclass(int, float))
print(isinstance(ValueError("x"), Exception), issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(IndexError, LookupError), issubclass(Exception, BaseException), issubclass(KeyError, IndexError))
def describe(x):
    if isinstance(x, bool):
        return "bool"
    elif isinstance(x, int):
        return "int"
    elif isinstance(x, float):
        return "float"
    elif isinstance(x, str):
        return "str"
    return "other"
print([describe(v) for v in [True, 3, 3.0, "3", None]])
