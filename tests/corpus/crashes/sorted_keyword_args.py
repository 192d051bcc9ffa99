# Found by weft-fuzz: `sorted(y=float('inf'), key=2**63, stop={}, base=iter([1, 2]))` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
sorted(y=float('inf'), key=2**63, stop={}, base=iter([1, 2]))
