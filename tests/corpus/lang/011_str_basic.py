# String basics: indexing, concat, repeat, membership, escapes.
# expect: exit 0
s = "hello, world"
print(s, len(s), s[0], s[-1], s[4], s[-5])
print(s + "!", s * 2, "-" * 10, 3 * "ab")
print("world" in s, "World" in s, "" in s, "xyz" not in s)
print("tab\there", "new\nline", 'single \'quote\'', "back\\slash")
print("a" "b" "c", len("\n\t"), len(""))
print("""triple
quoted""")
print('mixed "quotes"', "it's")
print(s == "hello, world", s != "Hello, world", s < "help")
t = ""
for ch in "abc":
    t = ch + t
print(t)
print(str(123) + str(4.5) + str(True))
print("x".join(["1", "2", "3"]), "".join(reversed("stressed")))
print("\x41\x42", "\u00e9", len("\u00e9"), ord("\u00e9"))
print(max("hello"), min("hello"), sorted("hello"))
print(list("abc"), tuple("ab"))
print("abc" * 0, repr("abc" * 0))
