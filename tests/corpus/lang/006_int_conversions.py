# int(), float(), str() conversions, bases, bin/hex/oct.
# expect: exit 0
print(int("42"), int("-17"), int("  8  "), int("+5"))
print(int("ff", 16), int("FF", 16), int("777", 8), int("1010", 2), int("z", 36))
print(int("0x1A", 16), int("0b11", 0), int("0o17", 0), int("99", 0))
print(int(3.7), int(-3.7), int(True), int(1e10))
print(float("3.25"), float("1e3"), float(7), float("-inf"))
print(str(42), str(-0), str(3.0), str(None), str([1, "a"]))
print(bin(10), bin(-10), hex(255), hex(-255), oct(8), oct(0))
print(bin(0), hex(0), oct(-9))
print(int("1_000"), int(str(2 ** 40)))
for s in ["12", "1.5", "abc", ""]:
    try:
        print(s, "->", int(s))
    except ValueError as e:
        print(s, "-> ValueError:", e)
try:
    float("nope")
except ValueError as e:
    print("float:", e)
try:
    int("12", 2)
except ValueError as e:
    print("base2:", e)
