# Functions as first-class values.
# expect: exit 0
def apply(f, x):
    return f(x)
def twice(f):
    def g(x):
        return f(f(x))
    return g
def inc(x):
    return x + 1
print(apply(inc, 1), twice(inc)(1), twice(twice(inc))(0))
def logged(f):
    def wrapper(*args):
        print("calling", f.__name__, args)
        return f(*args)
    return wrapper
def mul(a, b):
    return a * b
lm = logged(mul)
print(lm(3, 4))
funcs = [inc, abs, str, len]
print([f.__name__ for f in funcs])
print(inc.__name__, (lambda: 0).__name__)
dispatch = {"inc": inc, "neg": lambda v: -v}
print(dispatch["inc"](5), dispatch["neg"](5))
def pipeline(*fs):
    def run(x):
        for f in fs:
            x = f(x)
        return x
    return run
print(pipeline(inc, inc, str, len)(98))
print(callable(inc), callable(5), callable(lambda: 1), callable(int))
def reduce_(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc
print(reduce_(mul, range(1, 6), 1), reduce_(lambda a, b: a + [b * 2], [1, 2], []))
