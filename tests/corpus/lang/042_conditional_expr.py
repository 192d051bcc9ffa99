# Conditional expressions and short circuit.
# expect: exit 0
def sign(x):
    return "pos" if x > 0 else ("neg" if x < 0 else "zero")
print([sign(v) for v in (-2, 0, 3)])
a = 5
b = a * 2 if a > 3 else a / 2
print(b)
print("even" if a % 2 == 0 else "odd")
print([x if x % 2 else -x for x in range(6)])
print(max(1, 2) if True else 1 / 0)
print(1 / 0 if False else "safe")
fn = (lambda v: v + 1) if a else (lambda v: v - 1)
print(fn(10))
label = "big" if a > 100 else "mid" if a > 3 else "small"
print(label)
nums = [3, 0, 7]
print([("nonzero" if n else "zero") for n in nums])
print(f"{'yes' if a else 'no'}")
