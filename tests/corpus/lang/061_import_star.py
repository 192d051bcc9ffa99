# from module import *
# expect: exit 0
from math import *
from collections import *
from time import *
print(sqrt(49), floor(-2.5), ceil(-2.5), factorial(6), gcd(12, 18))
print(pi > 3.14, isqrt(99), inf > 10 ** 300)
sleep(0.001)
d = deque(maxlen=2)
d.extend([1, 2, 3])
print(list(d))
c = Counter("hello")
print(c.most_common(1))
g = defaultdict(list)
g["k"].append(1)
print(dict(g))
