# Case and classification methods.
# expect: exit 0
words = ["hello world", "HELLO", "Hello World", "mIxEd CaSe", "123abc", "it's a dog's life", ""]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize())
for s in ["123", "12a", "", "abc", "ABC", "a b", "3.5", "0", "Zz"]:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower())
print("   ".isspace(), "x".isspace())
print("hello".upper().isupper(), "Hello".lower().islower())
