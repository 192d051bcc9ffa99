# Found by weft-fuzz: `math.radians(args=lambda x: x)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.radians(args=lambda x: x)
