# Found by weft-fuzz: `collections.deque().appendleft()` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import collections
collections.deque().appendleft()
