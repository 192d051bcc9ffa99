# Found by weft-fuzz: `math.exp(timeout=(), fillvalue={'a': 1, 'b': 2})` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.exp(timeout=(), fillvalue={'a': 1, 'b': 2})
