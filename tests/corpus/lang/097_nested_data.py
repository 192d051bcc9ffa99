# Nested dict/list data manipulation.
# expect: exit 0
db = {
    "users": [
        {"id": 1, "name": "ann", "tags": ["admin", "dev"], "score": 91.5},
        {"id": 2, "name": "bob", "tags": [], "score": 78.25},
        {"id": 3, "name": "cy", "tags": ["dev"], "score": 85.0},
    ],
    "meta": {"version": 3, "owner": None},
}
print(db["meta"])
print([u["name"] for u in db["users"] if "dev" in u["tags"]])
by_id = {u["id"]: u for u in db["users"]}
by_id[2]["tags"].append("new")
print(db["users"][1])
avg = sum(u["score"] for u in db["users"]) / len(db["users"])
print(round(avg, 3), f"{avg:.2f}")
tag_index = {}
for u in db["users"]:
    for t in u["tags"]:
        tag_index.setdefault(t, []).append(u["name"])
print(tag_index)
db["meta"]["version"] += 1
db["meta"]["history"] = [("v", db["meta"]["version"])]
print(db["meta"])
def walk(obj, depth=0):
    pad = "  " * depth
    if isinstance(obj, dict):
        for k in obj:
            print(f"{pad}{k}:")
            walk(obj[k], depth + 1)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            print(f"{pad}[{i}]")
            walk(item, depth + 1)
    else:
        print(f"{pad}{obj!r}")
walk({"a": [1, {"b": "two"}], "c": None})
def count_leaves(obj):
    if isinstance(obj, dict):
        return sum(count_leaves(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(count_leaves(v) for v in obj)
    return 1
print(count_leaves(db))
