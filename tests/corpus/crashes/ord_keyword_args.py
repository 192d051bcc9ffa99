# Found by weft-fuzz: `ord(t=0)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
ord(t=0)
