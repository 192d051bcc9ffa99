# Found by weft-fuzz: `hasattr(([]),)` panicked (index out of bounds: the len is 0 but the index is 1) instead of raising a Python exception.
hasattr(([]),)
