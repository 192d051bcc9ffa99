# Found by weft-fuzz: `issubclass(fillvalue=2**63)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
issubclass(fillvalue=2**63)
