# Found by weft-fuzz: `callable(l=3)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
callable(l=3)
