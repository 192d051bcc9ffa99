# Class attributes vs instance attributes, class with no __init__.
# expect: exit 0
class Config:
    level = 1
    tags = []
    def show(self):
        return f"level={self.level}"
a = Config()
b = Config()
print(a.level, b.level, Config.level, a.show())
a.level = 5
print(a.level, b.level, Config.level, a.show(), b.show())
Config.level = 9
print(a.level, b.level, Config.level)
a.tags.append("shared")
print(b.tags, Config.tags)
b.tags = ["own"]
print(a.tags, b.tags, Config.tags)
del a.level
print(a.level)
class Empty:
    pass
e = Empty()
e.x = 1
e.y = [2]
print(e.x, e.y, hasattr(e, "z"))
class Counter:
    created = 0
    def __init__(self):
        Counter.created += 1
        self.id = Counter.created
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.created, cs[0].created)
class Const:
    PI = 3.14
    NAMES = ("a", "b")
    def area(self, r):
        return self.PI * r * r
print(Const.PI, Const().area(2), Const.NAMES[1])
class NoInit:
    def greet(self, who):
        return "hi " + who
print(NoInit().greet("there"))
