# split, rsplit, join, splitlines.
# expect: exit 0
s = "  the quick  brown\tfox\njumps  "
print(s.split())
print(s.split(" "))
print("a,b,,c,".split(","))
print("a,b,c,d".split(",", 2), "a,b,c,d".split(",", maxsplit=1))
print("a,b,c,d".rsplit(",", 1), "a b c".rsplit())
print("".split(), "".split(","), "abc".split("x"))
print("one::two::three".split("::"))
print("  lead".split(None, 1), "x  y  z".split(None, 1))
print("-".join(["a", "b", "c"]), ", ".join([]), "".join(["x"]))
print(" ".join(str(i) for i in range(5)))
text = "line one\nline two\r\nline three\n\nlast"
print(text.splitlines())
print(text.splitlines(True))
print("no newline".splitlines(), "".splitlines(), "a\n".splitlines())
parts = "k1=v1;k2=v2;k3=v3".split(";")
pairs = [p.split("=") for p in parts]
print(pairs)
print({k: v for k, v in pairs})
print("a-b_c d".replace("-", " ").replace("_", " ").split())
print("x".join("abc"), "ab".join(["1", "2", "3"]))
