# Found by weft-fuzz: `math.fabs(timeout='a' * 1000, base=True, sep=3)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.fabs(timeout='a' * 1000, base=True, sep=3)
