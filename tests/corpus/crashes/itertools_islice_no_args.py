# Found by weft-fuzz: `itertools.islice()` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import itertools
itertools.islice()
