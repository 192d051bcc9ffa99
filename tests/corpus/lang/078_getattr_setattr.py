# hasattr, getattr (default), setattr, delattr.
# expect: exit 0
class Obj:
    cls_attr = "class-level"
    def __init__(self):
        self.a = 1
    def method(self):
        return "method result"
o = Obj()
print(hasattr(o, "a"), hasattr(o, "b"), hasattr(o, "cls_attr"), hasattr(o, "method"))
print(getattr(o, "a"), getattr(o, "b", "default"), getattr(o, "cls_attr"), getattr(o, "method")())
setattr(o, "b", 42)
print(o.b, getattr(o, "b", "default"))
for name in ["x", "y", "z"]:
    setattr(o, name, name * 2)
print(o.x, o.y, o.z)
delattr(o, "x")
print(hasattr(o, "x"))
try:
    getattr(o, "nonexistent")
except AttributeError as e:
    print("AttributeError:", e)
try:
    o.other_missing
except AttributeError as e:
    print("AttributeError:", e)
fields = {"name": "widget", "size": 3}
class Record:
    pass
r = Record()
for k, v in fields.items():
    setattr(r, k, v)
print(r.name, r.size, [getattr(r, k) for k in fields])
print(getattr(Obj, "cls_attr"), hasattr(Obj, "a"), hasattr("str", "upper"), getattr([1, 2], "count")(1))
setattr(Obj, "added", 7)
print(o.added, Obj().added)
