# Found by weft-fuzz: `getattr()` panicked (index out of bounds: the len is 0 but the index is 1) instead of raising a Python exception.
getattr()
