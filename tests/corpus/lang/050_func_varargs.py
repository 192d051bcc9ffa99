# *args, **kwargs, keyword-only arguments.
# expect: exit 0
def va(*args):
    return args
print(va(), va(1), va(1, "two", [3]))
def kw(**kwargs):
    return kwargs
print(kw(), kw(a=1, b=2))
def mixed(a, b=2, *args, c, d=4, **kwargs):
    return f"a={a} b={b} args={args} c={c} d={d} kwargs={kwargs}"
print(mixed(1, c=3))
print(mixed(1, 5, 6, 7, c=8, e=9, f=10))
print(mixed(c=0, a=-1))
def kwonly(x, *, scale=1, offset=0):
    return x * scale + offset
print(kwonly(5), kwonly(5, scale=3), kwonly(5, offset=1, scale=2))
try:
    kwonly(5, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    mixed(1)
except TypeError as e:
    print("TypeError:", e)
def total(*nums, start=0):
    s = start
    for n in nums:
        s += n
    return s
print(total(1, 2, 3), total(start=100), total(*range(5), start=1))
def forward(*args, **kwargs):
    return mixed(*args, **kwargs)
print(forward(9, 8, 7, c="C", z="Z"))
opts = {"scale": 10}
print(kwonly(2, **opts))
def first_rest(first, *rest):
    return first, len(rest), sum(rest)
print(first_rest(*[10, 1, 2, 3]))
def show(**kw):
    for k in kw:
        print(" ", k, "=", kw[k])
show(zeta=1, alpha=2, mid=3)
