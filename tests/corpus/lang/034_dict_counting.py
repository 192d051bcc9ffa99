# Dicts as counters and indexes, nested updates.
# expect: exit 0
text = "to be or not to be that is the question"
counts = {}
for w in text.split():
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
print(counts)
by_len = {}
for w in text.split():
    by_len.setdefault(len(w), set()).add(w)
for n in sorted(by_len):
    print(n, sorted(by_len[n]))
inventory = {"apples": 3, "pears": 0}
orders = [("apples", 2), ("pears", 1), ("kiwis", 4), ("apples", 2)]
for item, qty in orders:
    have = inventory.get(item, 0)
    if have >= qty:
        inventory[item] = have - qty
        print("ok", item, qty)
    else:
        print("short", item, qty - have)
print(inventory)
matrix = {}
for r in range(3):
    for c in range(3):
        matrix[(r, c)] = r * 3 + c
print(matrix[(2, 1)], len(matrix), sorted(matrix)[:3])
print({k: v for k, v in matrix.items() if k[0] == k[1]})
