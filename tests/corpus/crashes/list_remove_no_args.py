# Found by weft-fuzz: `[3, 1, 2].remove()` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
[3, 1, 2].remove()
