# strip family, replace, find, count, index.
# expect: exit 0
s = "xxhello worldxx"
print(s.strip("x"), s.lstrip("x"), s.rstrip("x"))
print(repr("  pad  ".strip()), repr("  pad  ".lstrip()), repr("  pad  ".rstrip()))
print(repr("\t\n ws \n".strip()), "abcba".strip("ab"), "www.example.com".strip("cmowz."))
t = "banana"
print(t.replace("a", "o"), t.replace("a", "o", 2), t.replace("na", ""), t.replace("x", "y"))
print(t.replace("", "-"))
print(t.find("na"), t.find("na", 3), t.find("x"), t.rfind("na"), t.find(""), t.find("a", 2, 4))
print(t.count("a"), t.count("na"), t.count("x"), t.count(""), "aaaa".count("aa"))
print(t.index("n"), t.rindex("n"), t.index("a", 2))
try:
    t.index("z")
except ValueError as e:
    print("ValueError:", e)
print(t.startswith("ban"), t.endswith("ana"), t.startswith("na", 2), t.endswith(("x", "na")))
print(t.startswith(("a", "b")), "".startswith(""), t.endswith(""))
