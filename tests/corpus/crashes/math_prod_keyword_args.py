# Found by weft-fuzz: `math.prod(n={1, 2}, k=len)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import math
math.prod(n={1, 2}, k=len)
