# Found by weft-fuzz: `'abca'.replace(sep='\x00\ud800', start=3, target=print, maxsize=10**30)` panicked (index out of bounds: the len is 0 but the index is 0) instead of raising a Python exception.
'abca'.replace(sep='\x00\ud800', start=3, target=print, maxsize=10**30)
