# @staticmethod and @classmethod.
# expect: exit 0
class Date:
    count = 0
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
        Date.count += 1
    @classmethod
    def from_string(cls, s):
        y, m, d = [int(p) for p in s.split("-")]
        return cls(y, m, d)
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    @classmethod
    def how_many(cls):
        return cls.count
    def __str__(self):
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"
class MyDate(Date):
    def __str__(self):
        return "MyDate " + super().__str__()
d1 = Date(2024, 2, 9)
d2 = Date.from_string("1999-12-31")
d3 = MyDate.from_string("2000-1-2")
print(d1, d2, d3, type(d3).__name__)
print(Date.is_leap(2000), Date.is_leap(1900), d1.is_leap(2024), Date.is_leap(2023))
print(Date.how_many(), MyDate.how_many(), d1.how_many())
class MathUtil:
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def clamp(x, lo=0, hi=10):
        return max(lo, min(hi, x))
print(MathUtil.add(2, 3), MathUtil().add(4, 5), MathUtil.clamp(15), MathUtil.clamp(-3, hi=5))
class Registry:
    items = []
    @classmethod
    def register(cls, name):
        cls.items.append(name)
        return len(cls.items)
print(Registry.register("a"), Registry.register("b"), Registry.items)
