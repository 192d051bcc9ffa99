# __str__ and __repr__.
# expect: exit 0
class Money:
    def __init__(self, amount, cur="USD"):
        self.amount = amount
        self.cur = cur
    def __repr__(self):
        return f"Money({self.amount!r}, {self.cur!r})"
    def __str__(self):
        return f"{self.amount:.2f} {self.cur}"
m = Money(3.5)
print(m)
print(repr(m), str(m))
print([m, Money(1, "EUR")])
print({"price": m})
print((m,))
print(f"{m} / {m!r}")
print("%s | %r" % (m, m))
print("{} {!r}".format(m, m))
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
o = OnlyRepr()
print(o, str(o), [o], f"{o}")
class OnlyStr:
    def __str__(self):
        return "only-str"
s = OnlyStr()
print(s, str(s), f"{s}")
class Node:
    def __init__(self, val, children=()):
        self.val = val
        self.children = list(children)
    def __repr__(self):
        if self.children:
            return f"Node({self.val}, {self.children})"
        return f"Node({self.val})"
print(Node(1, [Node(2), Node(3, [Node(4)])]))
