# Found by weft-fuzz: `divmod(())` panicked (index out of bounds: the len is 1 but the index is 1) instead of raising a Python exception.
divmod(())
