# Found by weft-fuzz: `math.fsum(sep='a' * 1000)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.fsum(sep='a' * 1000)
