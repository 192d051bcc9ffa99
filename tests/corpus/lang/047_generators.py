# Generator functions with yield.
# expect: exit 0
def countdown(n):
    print("start countdown", n)
    while n > 0:
        yield n
        n -= 1
    print("end countdown")
for v in countdown(3):
    print("got", v)
g = countdown(2)
print("created")
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration caught")
print(next(g, "default"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for x in fib():
    if x > 100:
        break
    out.append(x)
print(out)
def squares(xs):
    for x in xs:
        yield x * x
print(list(squares([1, 2, 3])), sum(squares(range(4))))
def with_return():
    yield 1
    return
    yield 2
print(list(with_return()))
def evens(limit):
    for i in range(limit):
        if i % 2:
            continue
        yield i
print(list(evens(9)), max(evens(9)), sorted(evens(7), reverse=True))
gen = evens(4)
print(iter(gen) is gen)
