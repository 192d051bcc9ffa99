# Found by weft-fuzz: `random.randint(target={'a': 1, 'b': 2}, maxsize=(1, 'a'), default=['b', 'a'])` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import random
random.randint(target={'a': 1, 'b': 2}, maxsize=(1, 'a'), default=['b', 'a'])
