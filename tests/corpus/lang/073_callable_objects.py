# __call__.
# expect: exit 0
class Adder:
    def __init__(self, n):
        self.n = n
        self.calls = 0
    def __call__(self, x, times=1):
        self.calls += 1
        return x + self.n * times
add5 = Adder(5)
print(add5(10), add5(10, times=3), add5.calls)
print(list(map(add5, [1, 2, 3])), add5.calls)
print(sorted([3, -1, 2], key=Adder(0)))
class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
        self.misses = 0
    def __call__(self, n):
        if n not in self.cache:
            self.misses += 1
            self.cache[n] = self.fn(n)
        return self.cache[n]
def slow_sq(n):
    return n * n
msq = Memo(slow_sq)
print([msq(i % 3) for i in range(9)], msq.misses)
class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs
    def __call__(self, x):
        total = 0
        for c in self.coeffs:
            total = total * x + c
        return total
p = Polynomial(2, 0, -1)
print([p(x) for x in range(-2, 3)])
print(callable(p), callable(Polynomial), callable(p.coeffs))
