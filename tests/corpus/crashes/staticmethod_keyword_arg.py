# Found by weft-fuzz: `staticmethod(k=2)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
staticmethod(k=2)
