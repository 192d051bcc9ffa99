# zfill, center, ljust, rjust.
# expect: exit 0
for n in ["42", "-42", "+7", "12345", ""]:
    print(repr(n.zfill(5)))
for w in ["a", "ab", "abc", "abcdef"]:
    print("[" + w.center(6) + "]", "[" + w.center(7, "*") + "]", "[" + w.ljust(5, ".") + "]", "[" + w.rjust(5) + "]")
rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("watermelon", 1, 3.0)]
for name, qty, price in rows:
    print(name.ljust(12) + str(qty).rjust(4) + ("%.2f" % price).rjust(8))
print("x".center(4), "|" + "x".center(4) + "|", "|" + "xy".center(5) + "|")
print(str(7).zfill(3), str(-7).zfill(4), "abc".zfill(2))
