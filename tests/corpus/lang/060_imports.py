# import forms.
# expect: exit 0
import math
import time as t
import collections
from collections import deque, defaultdict
from math import sqrt, floor
import functools, itertools
print(math.sqrt(16), sqrt(25), floor(2.7))
t.sleep(0.001)
dq = deque([1, 2])
dq.append(3)
print(list(dq))
dd = defaultdict(int)
dd["a"] += 1
print(dict(dd))
c = collections.Counter("aab")
print(c["a"], c["b"], c["z"])
p = functools.partial(pow, 2)
print(p(10))
it = itertools.count(5)
print(next(it), next(it))
import math as m2
print(m2.pi == math.pi, m2 is math)
def local_import():
    import math as inner_math
    return inner_math.factorial(5)
print(local_import())
