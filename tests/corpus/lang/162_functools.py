# functools: lru_cache (with and without arguments, maxsize eviction, cache_info, cache_clear),
# cache, total_ordering, wraps; a cached function runs once per distinct argument.
from functools import lru_cache, cache, total_ordering, wraps, partial, reduce
import functools

calls = []

@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(20), len(calls), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())

@lru_cache
def square(x):
    print("computing", x)
    return x * x

print(square(3), square(3), square(4), square.cache_info())

@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x

for v in [1, 2, 1, 3, 1, 2]:
    ident(v)
print(ident.cache_info())

@cache
def slow_add(a, b=0):
    print("adding", a, b)
    return a + b

print(slow_add(1, b=2), slow_add(1, b=2), slow_add(1, 2))

@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n

a, b = Version(1), Version(2)
print(a < b, a <= b, a > b, a >= b, b >= a, a <= Version(1))

def logged(func):
    @wraps(func)
    def inner(*args):
        print("calling", func.__name__)
        return func(*args)
    return inner

@logged
def greet(name):
    """Say hello."""
    return "hello " + name

print(greet("ann"), greet.__name__, greet.__qualname__, greet.__wrapped__.__name__)
print(reduce(lambda x, y: x * y, range(1, 6)), partial(pow, 2)(10), functools.reduce(max, [3, 9, 2]))
try:
    lru_cache("big")
except TypeError as e:
    print("TypeError:", e)
try:
    @total_ordering
    class Plain:
        pass
except ValueError as e:
    print("ValueError:", e)
