# Several context managers in one with; exit order; suppression.
# expect: exit 0
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, str(ev) if ev else "")
        return self.suppress
with CM("a") as a, CM("b") as b, CM("c") as c:
    print("body", a, b, c)
with CM("outer", suppress=True), CM("inner"):
    print("about to fail")
    raise ValueError("boom")
    print("not reached")
print("continued after suppression")
try:
    with CM("x"), CM("y", suppress=True):
        raise KeyError("k")
    print("y suppressed it")
    with CM("p"), CM("q"):
        raise IndexError("i")
except IndexError as e:
    print("caught outside", repr(e))
with CM("only"):
    pass
