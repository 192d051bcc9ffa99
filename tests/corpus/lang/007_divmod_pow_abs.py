# divmod, pow (2 and 3 args), abs.
# expect: exit 0
for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 3), (5, 7)]:
    print(a, b, divmod(a, b), a // b, a % b)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(pow(2, 10), pow(2, -2), pow(-2, 3), pow(2.0, 3))
print(pow(3, 200, 1000007), pow(7, 0, 13), pow(5, 3, 13), pow(-3, 3, 10))
print(pow(2, 100, 10 ** 9 + 7), pow(10, 18, 97))
print(abs(-5), abs(5), abs(-2.5), abs(0.0), abs(-(2 ** 80)))
print(abs(True), abs(-0.0))
q, r = divmod(1000, 7)
print(q * 7 + r == 1000)
