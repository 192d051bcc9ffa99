# math module.
# expect: exit 0
import math
print(math.sqrt(2), math.sqrt(144), math.sqrt(0.25))
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.floor(5), type(math.floor(2.5)).__name__)
print(math.pi, math.e, round(math.pi, 4))
print(math.gcd(48, 180), math.gcd(17, 5), math.gcd(0, 9), math.gcd(-12, 18))
print(math.factorial(0), math.factorial(10), math.factorial(25))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 20 + 1))
print(math.inf, -math.inf, math.inf > 1e308, math.isinf(math.inf), math.isnan(math.nan))
print(math.log(1), math.log(math.e), math.log(8, 2), math.log(100, 10), round(math.log(10), 12))
print(math.floor(-0.5), math.ceil(-0.5), math.sqrt(10 ** 10), math.floor(1e10 + 0.5))
try:
    math.sqrt(-1)
except ValueError:
    print("sqrt(-1) raises ValueError")
try:
    math.factorial(-1)
except ValueError:
    print("factorial(-1) raises ValueError")
