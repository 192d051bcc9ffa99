# Arbitrary-precision integers.
# expect: exit 0
print(2 ** 100)
print(2 ** 64 - 1, 2 ** 63, -(2 ** 63))
f = 1
for i in range(1, 41):
    f *= i
print(f)
print(len(str(f)))
big = 3 ** 80
print(big)
print(big // 7, big % 7)
print(-big // 1000000007, -big % 1000000007)
print(big * big)
print(big - 3 ** 80 == 0, big > 2 ** 126, big < 2 ** 127)
print((2 ** 100) // (2 ** 50) == 2 ** 50)
n = 12345678901234567890123456789
print(n + 1, n * -2, n // 9876543210)
print(divmod(n, 97))
print(abs(-n), -n)
s = 0
for k in range(100):
    s += 10 ** k
print(s % 1000003, str(s)[:10], len(str(s)))
print(2 ** 200 == 4 ** 100, 2 ** 64 + 1.0 > 0)
print(int("123456789012345678901234567890") * 2)
print(hex(2 ** 70), bin(2 ** 10))
