# Exceptions propagating through nested calls.
# expect: exit 0
trace = []
def level3(x):
    trace.append("enter3")
    if x < 0:
        raise ValueError(f"negative: {x}")
    trace.append("exit3")
    return x * 2
def level2(x):
    trace.append("enter2")
    try:
        return level3(x) + 1
    finally:
        trace.append("finally2")
def level1(x):
    trace.append("enter1")
    r = level2(x)
    trace.append("exit1")
    return r
print(level1(5), trace)
trace.clear()
try:
    level1(-1)
except ValueError as e:
    print("caught at top:", e)
print(trace)
def catch_middle(x):
    try:
        return level2(x)
    except ValueError:
        return "handled in catch_middle"
trace.clear()
print(catch_middle(-3), trace)
def recurse(n):
    if n == 0:
        raise RuntimeError("bottom reached")
    try:
        recurse(n - 1)
    finally:
        print("unwinding", n)
try:
    recurse(3)
except RuntimeError as e:
    print("caught", e)
def translate(n):
    try:
        return [10, 20][n]
    except IndexError:
        raise KeyError(n)
def api(n):
    try:
        return translate(n)
    except KeyError as e:
        return f"api error for {e}"
print(api(1), api(7))
