# Ends with an uncaught StopIteration from next() on an empty iterator.
# expect: uncaught StopIteration
it = iter([1])
print(next(it))
print(next(iter([])))
