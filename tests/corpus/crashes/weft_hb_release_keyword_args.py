# Found by weft-fuzz: `_weft.hb_release(blocking={}, repeat=[3, 1, 2], initial=-0.0, self=float('nan'))` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import _weft
_weft.hb_release(blocking={}, repeat=[3, 1, 2], initial=-0.0, self=float('nan'))
