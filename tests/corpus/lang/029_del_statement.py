# del for names, list items, dict keys, slices, attributes.
# expect: exit 0
x = 10
print(x)
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
a, b = 1, 2
del a, b
try:
    print(a)
except NameError as e:
    print("NameError:", e)
class Obj:
    pass
o = Obj()
o.attr = 5
print(hasattr(o, "attr"))
del o.attr
print(hasattr(o, "attr"))
nested = [[1, 2, 3], [4, 5]]
del nested[0][1]
print(nested)
