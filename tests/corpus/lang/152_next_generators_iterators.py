# next() on generators (return value, default, exhaustion) and on user iterators; an exception from a generator body.
# expect: uncaught KeyError
def gen():
    yield 1
    return 7


g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop value", e.value)
print(next(g, "default after end"))
try:
    next(g)
except StopIteration as e:
    print("stop again", e.args)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


c = Countdown(2)
print(next(c), next(c), next(c, "done"))
print(list(Countdown(3)))
pairs = zip(gen(), Countdown(5))
print(next(pairs))
squares = (x * x for x in range(3))
print(next(squares), list(squares), next(squares, None))


def failing():
    yield "first"
    raise KeyError("from the generator")


f = failing()
print(next(f))
next(f)
