# Iterating dicts and views; insertion order.
# expect: exit 0
d = {"z": 26, "a": 1, "m": 13}
for k in d:
    print("key", k)
for k in d.keys():
    print("keys()", k)
for v in d.values():
    print("values()", v)
for k, v in d.items():
    print("items()", k, v)
for k in sorted(d):
    print("sorted", k, d[k])
d["b"] = 2
del d["a"]
d["a"] = 100
print(list(d))
d["z"] = 0
print(list(d.items()))
keys = d.keys()
d["late"] = 1
print(len(keys), "late" in keys, list(keys))
for k in list(d):
    if d[k] == 0:
        del d[k]
print(d)
for k in d:
    d[k] = d[k] * 2
print(d)
print(sum(d.values()), max(d, key=d.get), min(d.items(), key=lambda kv: kv[1]))
print(sorted(d.items(), key=lambda kv: kv[1], reverse=True))
print([k for k, v in d.items() if v > 10])
for i, (k, v) in enumerate(d.items()):
    print(i, k, v)
else:
    print("done")
