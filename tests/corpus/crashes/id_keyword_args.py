# Found by weft-fuzz: `id(base=10**6, n=(1, 'a'), self=len, end=100000)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
id(base=10**6, n=(1, 'a'), self=len, end=100000)
