# Found by weft-fuzz: `math.atan2()` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.atan2()
