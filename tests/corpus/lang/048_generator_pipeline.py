# Chained generator pipeline.
# expect: exit 0
def numbers():
    n = 1
    while True:
        yield n
        n += 1
def only_odd(src):
    for x in src:
        if x % 2 == 1:
            yield x
def squared(src):
    for x in src:
        yield x * x
def take(n, src):
    for i, x in enumerate(src):
        if i >= n:
            return
        yield x
print(list(take(5, squared(only_odd(numbers())))))
def read_records(lines):
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, score = line.split(":")
        yield name, int(score)
data = ["# header", "ann:90", "", "bob: 72", "cy:85  "]
recs = list(read_records(data))
print(recs)
print(max(recs, key=lambda r: r[1])[0], sum(s for _, s in recs))
def interleave(a, b):
    ia = iter(a)
    ib = iter(b)
    while True:
        x = next(ia, None)
        y = next(ib, None)
        if x is None and y is None:
            return
        if x is not None:
            yield x
        if y is not None:
            yield y
print(list(interleave([1, 2, 3], "ab")))
def trace(name, src):
    for x in src:
        print(name, "yields", x)
        yield x
for v in trace("outer", trace("inner", range(2))):
    print("consumed", v)
