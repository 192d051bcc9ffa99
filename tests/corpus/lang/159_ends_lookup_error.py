# LookupError catches KeyError and IndexError; a LookupError of its own ends the program.
table = {"a": 1}
items = [1, 2]
for get in (lambda: table["b"], lambda: items[5], lambda: "abc"[9]):
    try:
        get()
    except LookupError as e:
        print(type(e).__name__, repr(e))
def find(name):
    for k in table:
        if k == name:
            return table[k]
    raise LookupError(f"no entry named {name!r}")
print(find("a"))
find("zzz")
