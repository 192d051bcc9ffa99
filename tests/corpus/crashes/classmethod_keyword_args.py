# Found by weft-fuzz: `classmethod(maxlen={1, 2}, x=-9223372036854775809, target=1e308, end=-1)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
classmethod(maxlen={1, 2}, x=-9223372036854775809, target=1e308, end=-1)
