# Found by weft-fuzz: `random.uniform(file=print, y=float('inf'))` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import random
random.uniform(file=print, y=float('inf'))
