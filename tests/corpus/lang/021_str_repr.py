# repr and str of strings and containers of strings.
# expect: exit 0
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "tab\t", "nl\n", "back\\", "", "\x00\x7f", "é", "\u20ac"]:
    print(repr(s), len(s))
print(["a", "b'c", 'd"e'])
print(("x",), ("x", "y"))
print({"key": "val", "q'": '"'})
print(str("abc"), repr(repr("abc")))
print(repr("\r\x1b"))
