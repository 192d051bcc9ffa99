# dataclasses: generated __init__, __repr__, __eq__.
# expect: exit 0
from dataclasses import dataclass, field
@dataclass
class Point:
    x: int
    y: int = 0
@dataclass
class Order:
    oid: int
    items: list = field(default_factory=list)
    note: str = "none"
    def total(self):
        return sum(self.items)
p = Point(1, 2)
print(p, Point(5), repr(Point(x=3, y=4)))
print(p == Point(1, 2), p == Point(2, 1), p.x + p.y)
p.x = 10
print(p)
o1 = Order(1)
o2 = Order(2, [3, 4])
o1.items.append(9)
print(o1, o2, o1.total(), o2.total())
print(Order(1, [9]) == o1, [Point(i, i) for i in range(2)])
