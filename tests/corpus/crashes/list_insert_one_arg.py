# Found by weft-fuzz: `[].insert(None)` panicked (index out of bounds: the len is 1 but the index is 1) instead of raising a Python exception.
[].insert(None)
