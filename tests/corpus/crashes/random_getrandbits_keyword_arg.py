# Found by weft-fuzz: `random.getrandbits(k=True)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import random
random.getrandbits(k=True)
