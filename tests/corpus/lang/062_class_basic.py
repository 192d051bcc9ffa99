# Basic classes: __init__, methods, attributes.
# expect: exit 0
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
    def dist2(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2
    def as_tuple(self):
        return (self.x, self.y)
p = Point(1, 2)
q = Point(4, 6)
print(p.x, p.y, p.as_tuple(), p.dist2(q))
p.move(1, 1).move(2, 2)
print(p.as_tuple())
p.label = "dynamic"
print(p.label)
m = p.move
m(-4, -5)
print(p.as_tuple())
print(Point.as_tuple(q))
pts = [Point(i, i * i) for i in range(4)]
print([pt.as_tuple() for pt in pts])
print(sum(pt.y for pt in pts))
class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
    def pop(self):
        return self.items.pop()
    def peek(self):
        return self.items[-1]
    def is_empty(self):
        return not self.items
s = Stack()
for ch in "abc":
    s.push(ch)
print(s.peek(), s.pop(), s.pop(), s.is_empty(), s.pop(), s.is_empty())
print(type(p).__name__, isinstance(p, Point), p.__class__.__name__)
