# ArithmeticError is the base of ZeroDivisionError and OverflowError; raised itself at the end.
import math
for f in (lambda: 1 / 0, lambda: math.exp(1000), lambda: 10 % 0, lambda: divmod(1.0, 0),
          lambda: math.pow(10.0, 400), lambda: 7 // 0, lambda: 2.5 % 0.0):
    try:
        f()
    except ArithmeticError as e:
        print(type(e).__name__, "is an ArithmeticError:", e)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(OverflowError, ArithmeticError))
def scale(x):
    if x > 1e300:
        raise ArithmeticError("scale overflow")
    return x * 2
scale(1e308)
