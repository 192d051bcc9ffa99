# Found by weft-fuzz: `itertools.repeat(kwargs=2**64 - 1)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import itertools
itertools.repeat(kwargs=2**64 - 1)
