# Integer arithmetic, precedence, unary operators, negative floor division/modulo.
# expect: exit 0
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(-1 // 3, -1 % 3, 0 // 5, 0 % 5)
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(10 - 3 - 2, 100 // 10 // 3, 2 * 3 % 4)
print(+a, -a, -(-a), ~a)
print(7 / 2, 8 / 2, -7 / 2, 1 / 3)
print(2 ** -1, 2 ** 0, 0 ** 0, 10 ** 20)
x = 0
for i in range(1, 11):
    x = x * 3 + i
print(x)
print(abs(-12), abs(12), abs(0))
print(1_000_000 + 1, 0x1f, 0o17, 0b1011)
print(int(7 / 2), int(-7 / 2))
