# Bitwise operators including negatives.
# expect: exit 0
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2)
print(-12 & 7, -12 | 7, -12 ^ 7, ~-12, -12 >> 1, -1 >> 10, -12 << 2)
print(1 << 70, (1 << 70) >> 69, (2 ** 70 - 1) & 0xFF)
print(bin(a & b), bin(a | b), hex(0xF0 ^ 0xFF))
mask = 0
for bit in [0, 3, 5]:
    mask |= 1 << bit
print(mask, bin(mask))
print([i for i in range(8) if mask & (1 << i)])
print(True & False, True | False, True ^ True, 6 & 3 == 2)
