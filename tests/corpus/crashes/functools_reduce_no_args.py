# Found by weft-fuzz: `functools.reduce()` panicked (index out of bounds: the len is 0 but the index is 1) instead of raising a Python exception.
import functools
functools.reduce()
