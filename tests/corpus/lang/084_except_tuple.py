# except with a tuple of classes.
# expect: exit 0
def risky(kind):
    if kind == 0:
        return 1 / 0
    if kind == 1:
        return [][1]
    if kind == 2:
        return {}["k"]
    if kind == 3:
        return int("q")
    if kind == 4:
        raise TypeError("tt")
    return "fine"
for k in range(6):
    try:
        print("result", risky(k))
    except (ZeroDivisionError, ValueError) as e:
        print(k, "arith-or-value", type(e).__name__)
    except (IndexError, KeyError) as e:
        print(k, "lookup", type(e).__name__, e)
    except (TypeError,) as e:
        print(k, "type", e)
errors = (KeyError, IndexError)
try:
    [0][3]
except errors as e:
    print("dynamic tuple caught", type(e).__name__)
try:
    raise KeyError("x")
except (ValueError, LookupError) as e:
    print("caught via base in tuple", repr(e))
