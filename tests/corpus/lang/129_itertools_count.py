# itertools.count.
# expect: exit 0
import itertools
from itertools import count
c = count()
print(next(c), next(c), next(c))
c5 = count(5, 5)
print([next(c5) for _ in range(4)])
for i in count(10, -3):
    if i < 0:
        break
    print("i", i)
labels = ["a", "b", "c"]
print(list(zip(count(1), labels)))
ids = itertools.count(100)
records = {name: next(ids) for name in ["x", "y", "z"]}
print(records, next(ids))
fc = count(0.5, 0.25)
print(next(fc), next(fc), next(fc))
def first_square_over(limit):
    for n in count(1):
        if n * n > limit:
            return n
print(first_square_over(1000))
