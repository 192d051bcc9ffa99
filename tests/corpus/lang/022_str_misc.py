# More string operations: comparisons, multiplication, str of numbers, misc.
# expect: exit 0
s = "Hello"
print(s.lower() == "hello", s.upper() < s, s * 3)
print(s.center(11, "="), s.ljust(8, "-") + "|")
print(s.count("l"), s.find("l"), s.rfind("l"), s.index("o"))
name = "ada lovelace"
print(name.title(), name.capitalize(), name.split()[1].upper())
csv = "3,1,2"
nums = [int(x) for x in csv.split(",")]
print(nums, sum(nums), ",".join(str(n) for n in sorted(nums)))
print("abc".upper().lower().title())
print(str(1 / 4), str(10 ** 3), str(-5).zfill(4))
print(len("a\tb"), "a\tb".upper())
print("%s|%s" % ("a".rjust(3), "b".ljust(3)))
sentence = "the cat sat on the mat"
print(sentence.replace("the", "a").capitalize())
print(sentence.split(" ", 2)[-1])
words = sentence.split()
print(max(words, key=len), min(words), sorted(set(words)))
print(" ".join(w[::-1] for w in words))
