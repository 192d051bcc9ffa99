# nonlocal.
# expect: exit 0
def counter(start=0):
    n = start
    def inc(step=1):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get
inc, get = counter(10)
inc()
inc(5)
print(get())
def outer():
    a = 1
    def mid():
        nonlocal a
        a = 2
        def inner():
            nonlocal a
            a += 10
        inner()
        return a
    r = mid()
    return a, r
print(outer())
def make_averager():
    total = 0
    count = 0
    def avg(x):
        nonlocal total, count
        total += x
        count += 1
        return total / count
    return avg
av = make_averager()
print(av(10), av(20), av(60))
def no_nonlocal():
    v = "outer"
    def inner():
        v = "inner-only"
        return v
    inner()
    return v
print(no_nonlocal())
def fib_gen_state():
    a, b = 0, 1
    def step():
        nonlocal a, b
        a, b = b, a + b
        return a
    return [step() for _ in range(10)]
print(fib_gen_state())
