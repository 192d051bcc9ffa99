# Found by weft-fuzz: `_weft.is_alive(flush='')` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import _weft
_weft.is_alive(flush='')
