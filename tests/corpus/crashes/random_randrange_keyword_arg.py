# Found by weft-fuzz: `random.randrange(file=1)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import random
random.randrange(file=1)
