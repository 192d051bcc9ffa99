# Found by weft-fuzz: comparing two lists nested 50,000 deep recurses in Rust and overflows the
# stack (weft aborts) instead of raising RecursionError.
a = 1
b = 1
for _ in range(50000):
    a = [a]
    b = [b]
print(a == b)
