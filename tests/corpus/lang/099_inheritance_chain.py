# Multi-level inheritance, inherited __init__, super() chains, class attr lookup.
# expect: exit 0
class Base:
    label = "base"
    def __init__(self, value):
        self.value = value
        self.trail = ["Base.__init__"]
    def describe(self):
        return f"{self.label}:{self.value}"
    def chain(self):
        return ["Base"]
class Middle(Base):
    label = "middle"
    def chain(self):
        return super().chain() + ["Middle"]
class Leaf(Middle):
    def __init__(self, value, extra):
        super().__init__(value)
        self.extra = extra
        self.trail.append("Leaf.__init__")
    def chain(self):
        return super().chain() + ["Leaf"]
    def describe(self):
        return super().describe() + f"+{self.extra}"
m = Middle(1)
leaf = Leaf(2, "x")
print(m.describe(), m.chain(), m.trail)
print(leaf.describe(), leaf.chain(), leaf.trail, leaf.label)
Middle.label = "changed"
print(leaf.label, m.label, Base.label)
leaf.label = "own"
print(leaf.label, Leaf.label)
print(isinstance(leaf, Base), issubclass(Leaf, Middle), type(leaf).__name__)
class Counter(Base):
    instances = 0
    def __init__(self, value):
        super().__init__(value)
        Counter.instances += 1
        self.n = Counter.instances
class SubCounter(Counter):
    pass
objs = [Counter(1), SubCounter(2), SubCounter(3)]
print([o.n for o in objs], Counter.instances, SubCounter.instances, [o.describe() for o in objs])
class Shape:
    sides = 0
    def name(self):
        return type(self).__name__
    def info(self):
        return f"{self.name()} with {self.sides} sides"
class Triangle(Shape):
    sides = 3
class Square(Shape):
    sides = 4
    def name(self):
        return "Sq"
print([s.info() for s in [Shape(), Triangle(), Square()]])
