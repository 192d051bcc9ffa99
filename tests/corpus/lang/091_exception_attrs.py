# str(e), repr(e), e.args, type(e).__name__.
# expect: exit 0
excs = [
    ValueError("bad value"),
    KeyError("key"),
    IndexError("idx", 2),
    RuntimeError(),
    TypeError(42),
    ZeroDivisionError("division by zero"),
    Exception("a", "b"),
    AssertionError("assert msg"),
    StopIteration(5),
    KeyError(("t", 1)),
]
for e in excs:
    print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)
try:
    {"a": 1}["zz"]
except KeyError as e:
    print(str(e), repr(e), e.args, e.args[0])
try:
    [1][3]
except IndexError as e:
    print(str(e), repr(e), e.args)
try:
    1 / 0
except ZeroDivisionError as e:
    print(str(e), repr(e), e.args)
try:
    int("x")
except ValueError as e:
    print(str(e), repr(e))
def gen():
    yield 1
    return "retval"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
e = ValueError("built", "not raised")
print(e.args[1], len(e.args), isinstance(e, Exception))
print(str(Exception()), repr(Exception()), Exception().args)
