# User iterator classes with __iter__/__next__.
# expect: exit 0
class CountUp:
    def __init__(self, start, stop):
        self.cur = start
        self.stop = stop
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur >= self.stop:
            raise StopIteration
        v = self.cur
        self.cur += 1
        return v
for x in CountUp(1, 4):
    print("for", x)
it = CountUp(0, 2)
print(next(it), next(it), next(it, "done"), next(it, "still done"))
print(list(CountUp(5, 8)), sum(CountUp(0, 101)), max(CountUp(3, 6)))
print([x * 2 for x in CountUp(0, 3)], sorted(CountUp(0, 3), reverse=True))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return Range2Iter(self.n)
class Range2Iter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i < self.n:
            self.i += 1
            return self.i - 1
        raise StopIteration()
r = Range2(3)
print(list(r), list(r))
for a in r:
    for b in r:
        print(a, b, end=" | ")
print()
print(list(zip(CountUp(0, 3), Range2(5))), list(enumerate(CountUp(7, 9))))
a, b, c = CountUp(10, 13)
print(a, b, c)
print(dict(zip(Range2(3), "xyz")), tuple(CountUp(1, 3)), 2 in CountUp(0, 5))
class Fib:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        r = self.a
        self.a, self.b = self.b, self.a + self.b
        return r
print(list(Fib(50)))
