# functools.partial.
# expect: exit 0
from functools import partial
import functools
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(square(7), cube(3), two_to(10), square(base=4))
def greet(greeting, name, punct="!"):
    return f"{greeting}, {name}{punct}"
hello = partial(greet, "Hello")
print(hello("Ann"), hello("Bob", punct="?"), hello(name="Cy"))
quiet = partial(greet, punct=".")
print(quiet("Hi", "Di"), quiet("Hi", "Ed", punct="!!"))
int2 = functools.partial(int, base=2)
print(int2("1011"), int2("111"))
print(list(map(partial(power, 3), range(5))))
p = partial(greet, "Yo", "Zed")
print(p(), p.args, p.keywords, p.func is greet)
adders = [partial(lambda a, b: a + b, i) for i in range(3)]
print([f(10) for f in adders])
print(sorted(["bb", "a", "ccc"], key=partial(len)))
