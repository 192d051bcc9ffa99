# Building a formatted text report.
# expect: exit 0
rows = [
    ("Widget", 4, 3.5),
    ("Gadget", 12, 10.0),
    ("Doohickey", 1, 129.99),
    ("Thingamajig", 250, 0.05),
]
header = f"{'Item':<12}|{'Qty':>5}|{'Price':>9}|{'Total':>10}"
print(header)
print("-" * len(header))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<12}|{qty:>5}|{price:>9.2f}|{total:>10,.2f}")
print("=" * len(header))
print(f"{'TOTAL':<12}|{sum(r[1] for r in rows):>5}|{'':>9}|{grand:>10,.2f}")
print("%-12s|%5d|%9.2f" % rows[0])
widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
print(widths)
for r in rows:
    print(" ".join(str(v).rjust(w) for v, w in zip(r, widths)))
print("[" + "Summary".center(30, "~") + "]")
print("{:^30}".format("centered via format"))
print("|".join(s.zfill(4) for s in ["1", "22", "333", "4444", "55555"]))
