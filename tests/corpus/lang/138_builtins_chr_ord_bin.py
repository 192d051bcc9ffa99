# chr, ord, bin, hex, oct.
# expect: exit 0
print([ord(c) for c in "AZaz09 "])
print("".join(chr(i) for i in range(97, 123)))
print(chr(65) + chr(97), ord(chr(1000)), chr(ord("a") + 25))
for n in [0, 1, 5, 255, 256, -3, 2 ** 40]:
    print(n, bin(n), hex(n), oct(n))
print(int(bin(37), 2), int(hex(255), 16), int(oct(64), 8))
print(bin(5)[2:].zfill(8), hex(3054)[2:].upper())
print(sum(1 for b in bin(255) if b == "1"))
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = ""
    while n:
        n, r = divmod(n, b)
        out = digits[r] + out
    return out
print(to_base(255, 2), to_base(255, 16), to_base(12345, 36), int(to_base(12345, 36), 36))
