# Found by weft-fuzz: `type('abca').startswith('a' * 1000)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
type('abca').startswith('a' * 1000)
