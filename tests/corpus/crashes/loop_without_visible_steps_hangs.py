# Found by weft-fuzz (a mutant lost its loop's exit): a loop that does no visible operation never
# ends, and `weft run` hangs instead of stopping at a step bound.
n = 0
while n < 10:
    pass
