# Catching via builtin base classes.
# expect: exit 0
def trial(label, fn):
    try:
        fn()
        print(label, "no error")
    except ArithmeticError as e:
        print(label, "ArithmeticError <-", type(e).__name__)
    except LookupError as e:
        print(label, "LookupError <-", type(e).__name__)
    except Exception as e:
        print(label, "Exception <-", type(e).__name__)
trial("div", lambda: 1 / 0)
trial("mod", lambda: 5 % 0)
trial("floordiv", lambda: 5 // 0)
trial("key", lambda: {}["x"])
trial("index", lambda: [][0])
trial("str index", lambda: "abc"[10])
trial("value", lambda: int("z"))
trial("type", lambda: "a" + 1)
trial("attr", lambda: (1).nope)
trial("ok", lambda: 1)
def exec_assert():
    assert 1 == 2, "math is broken"
trial("assert", exec_assert)
chain = [ZeroDivisionError, KeyError, IndexError, ValueError, TypeError, AttributeError,
         NameError, RuntimeError, RecursionError, StopIteration, AssertionError, NotImplementedError,
         UnboundLocalError, OverflowError]
for cls in chain:
    bases = [b.__name__ for b in (ArithmeticError, LookupError, RuntimeError, NameError, Exception) if issubclass(cls, b)]
    print(cls.__name__, bases)
try:
    raise ValueError("v")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException), issubclass(Exception, BaseException))
