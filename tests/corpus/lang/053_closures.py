# Closures capturing variables.
# expect: exit 0
def make_multiplier(k):
    def mul(x):
        return x * k
    return mul
double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), make_multiplier(10)(10))
def make_counter():
    count = [0]
    def inc():
        count[0] += 1
        return count[0]
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def outer():
    x = "outer x"
    def middle():
        def inner():
            return x + " seen from inner"
        return inner()
    return middle()
print(outer())
def late_binding():
    funcs = []
    for i in range(3):
        def f():
            return i
        funcs.append(f)
    return [f() for f in funcs]
print(late_binding())
def capture_later():
    def get():
        return value
    value = "assigned after def"
    return get()
print(capture_later())
def make_accumulators():
    total = {"sum": 0}
    def add(x):
        total["sum"] += x
        return total["sum"]
    def get():
        return total["sum"]
    return add, get
add, get = make_accumulators()
add(5)
add(7)
print(get())
x = "global"
def shadow():
    x = "local"
    def inner():
        return x
    return inner()
print(shadow(), x)
