# Found by weft-fuzz: `delattr(k=[])` panicked (index out of bounds: the len is 0 but the index is 1) instead of raising a Python exception.
delattr(k=[])
