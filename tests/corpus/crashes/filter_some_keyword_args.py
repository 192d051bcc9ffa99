# Found by weft-fuzz: `filter(True,  stop=range(5))` panicked (index out of bounds: the len is 1 but the index is 1) instead of raising a Python exception.
filter(True,  stop=range(5))
