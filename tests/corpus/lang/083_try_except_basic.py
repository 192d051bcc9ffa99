# try/except by class, as e.
# expect: exit 0
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "div by zero"
print(safe_div(6, 3), safe_div(1, 0))
def parse(s):
    try:
        n = int(s)
    except ValueError as e:
        print("bad input:", e)
        return None
    return n * 2
print(parse("21"), parse("x1"))
try:
    [1, 2][5]
except IndexError as e:
    print("IndexError", e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("KeyError", e)
try:
    None.upper()
except AttributeError as e:
    print("AttributeError", e)
try:
    len(42)
except TypeError as e:
    print("TypeError", e)
try:
    undefined_thing_xyz
except NameError as e:
    print("NameError", e)
for exc in [ValueError, TypeError, KeyError]:
    try:
        raise exc("msg")
    except ValueError:
        print("handler ValueError")
    except TypeError:
        print("handler TypeError")
    except Exception as e:
        print("handler Exception for", type(e).__name__)
try:
    try:
        1 / 0
    except KeyError:
        print("wrong handler")
except ZeroDivisionError:
    print("outer caught ZeroDivisionError")
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    print(e)
except NameError:
    print("e was unbound after except block")
