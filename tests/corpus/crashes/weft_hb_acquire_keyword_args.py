# Found by weft-fuzz: `_weft.hb_acquire(repeat=1e308, flush=1e308)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
import _weft
_weft.hb_acquire(repeat=1e308, flush=1e308)
