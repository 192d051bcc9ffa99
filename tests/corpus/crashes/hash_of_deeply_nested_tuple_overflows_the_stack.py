# Found by weft-fuzz: hashing a tuple nested 50,000 deep recurses in Rust and overflows the stack
# (weft aborts) instead of raising RecursionError.
t = 1
for _ in range(50000):
    t = (t,)
print(hash(t) is not None)
