# Positional, keyword and default arguments.
# expect: exit 0
def describe(name, age, city="Nowhere", active=True):
    return f"{name}/{age}/{city}/{active}"
print(describe("Ann", 30))
print(describe("Bob", 25, "Paris"))
print(describe("Cy", 40, active=False))
print(describe(age=22, name="Di"))
print(describe("Ed", city="Rome", age=50))
def power(base, exp=2):
    return base ** exp
print(power(3), power(3, 3), power(exp=0, base=9))
def noargs():
    return "no args"
print(noargs())
def order(a, b, c):
    return [a, b, c]
print(order(1, 2, 3), order(1, c=3, b=2), order(*[7, 8, 9]), order(1, *(2, 3)))
print(order(**{"a": "x", "b": "y", "c": "z"}))
def defaults_seen(x, y=10, z=None):
    if z is None:
        z = x + y
    return x, y, z
print(defaults_seen(1), defaults_seen(1, 2), defaults_seen(1, z=0))
for bad in ["missing", "extra", "dup", "unknown"]:
    try:
        if bad == "missing":
            order(1, 2)
        elif bad == "extra":
            order(1, 2, 3, 4)
        elif bad == "dup":
            order(1, 2, a=3)
        else:
            order(1, 2, d=4)
    except TypeError as e:
        print("TypeError:", e)
