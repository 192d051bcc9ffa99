# dict methods.
# expect: exit 0
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d["b"])
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
d["x"] = 9
d["y"] = 10
print(d.popitem(), d)
d.update({"a": -1, "n": 5})
d.update(m=7)
d.update([("p", 1), ("q", 2)])
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(len(d), "a" in d, "zz" in d, 1 in d, "q" not in d)
e = d.copy()
e["new"] = 1
print(len(d), len(e), "new" in d)
e.clear()
print(e, len(e))
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError:", ex)
try:
    d["missing"]
except KeyError as ex:
    print("KeyError:", ex, repr(ex), ex.args)
d["a"] = "overwritten"
print(d)
print({1: "int", 1.0: "float", True: "bool"})
print({"k": [1, 2], "n": {"inner": None}})
print(d == dict(d), {"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
