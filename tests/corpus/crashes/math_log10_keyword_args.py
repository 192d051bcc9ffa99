# Found by weft-fuzz: `math.log10(step='a' * 1000)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.log10(step='a' * 1000)
