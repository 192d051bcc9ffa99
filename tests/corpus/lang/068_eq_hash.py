# __eq__ and __hash__ used by dict keys, sets, `in`.
# expect: exit 0
class Key:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __eq__(self, other):
        return isinstance(other, Key) and (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key({self.a}, {self.b})"
k1 = Key(1, 2)
k2 = Key(1, 2)
k3 = Key(2, 1)
print(k1 == k2, k1 != k2, k1 == k3, k1 is k2, k1 == "x")
d = {k1: "first"}
d[k2] = "second"
d[k3] = "third"
print(len(d), d[Key(1, 2)], d[Key(2, 1)])
s = {k1, k2, k3, Key(1, 2)}
print(len(s), sorted(s, key=lambda k: (k.a, k.b)))
print(Key(2, 1) in s, Key(9, 9) in s)
lst = [k1, k3]
print(Key(2, 1) in lst, lst.index(Key(2, 1)), lst.count(Key(1, 2)))
lst.remove(Key(1, 2))
print(lst)
class Plain:
    pass
p1, p2 = Plain(), Plain()
print(p1 == p2, p1 == p1, p1 != p2, len({p1, p2, p1}))
class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
print(EqOnly(1) == EqOnly(1), EqOnly(1) != EqOnly(2), EqOnly(3) in [EqOnly(3)])
try:
    {EqOnly(1): 1}
except TypeError as e:
    print("TypeError:", e)
