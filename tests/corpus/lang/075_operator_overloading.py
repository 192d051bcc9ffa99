# __add__ and friends.
# expect: exit 0
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __eq__(self, other):
        return self.x == other.x and self.y == other.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, b - a, a * 3, a + b + a)
c = a
c += b
print(c, a, c is a)
print(a + b == Vec(4, 6), a == b)
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        return Money(self.cents + other.cents)
    def __radd__(self, other):
        return self.__add__(other)
    def __str__(self):
        return "$%d.%02d" % (self.cents // 100, self.cents % 100)
total = sum([Money(150), Money(275), Money(5)])
print(total)
print(Money(99) + 1, 1 + Money(99))
try:
    a + 1
except AttributeError as e:
    print("AttributeError raised")
class Bag:
    def __init__(self, items):
        self.items = items
    def __add__(self, other):
        return Bag(self.items + other.items)
    def __len__(self):
        return len(self.items)
print(len(Bag([1]) + Bag([2, 3]) + Bag([])))
try:
    Bag([1]) - Bag([2])
except TypeError as e:
    print("TypeError:", e)
