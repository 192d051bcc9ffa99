# Iterating strings, chr/ord, building strings.
# expect: exit 0
word = "Python"
for i, ch in enumerate(word):
    print(i, ch, ord(ch), ch.isupper())
print([chr(c) for c in range(65, 71)])
print("".join(chr(ord(c) + 1) for c in "HAL"))
def caesar(text, k):
    out = []
    for c in text:
        if c.isalpha():
            base = ord("a") if c.islower() else ord("A")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
vowels = 0
for c in "the quick brown fox":
    if c in "aeiou":
        vowels += 1
print(vowels)
print(chr(97), ord("a"), chr(8364), ord("€"), ord("\n"))
counts = {}
for c in "mississippi":
    counts[c] = counts.get(c, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
