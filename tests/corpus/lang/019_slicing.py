# Slicing with steps and negatives on str, list, tuple.
# expect: exit 0
s = "abcdefghij"
l = list(range(10))
t = tuple(range(10))
for seq in (s, l, t):
    print(seq[2:5], seq[:3], seq[7:], seq[-3:], seq[:-3], seq[::2], seq[1::3])
    print(seq[::-1], seq[::-2], seq[8:2:-2], seq[-1:-4:-1], seq[5:1], seq[100:], seq[-100:2])
    print(seq[:], seq[3:3], seq[::3][::-1])
print(s[1:-1:2], s[-2::-3], s[2:8][::-1])
print(l[len(l):], l[0:0], len(l[1:9:4]))
i, j = 2, 6
print(s[i:j], l[i:j], t[i:j])
print("hello"[::-1], "hello"[1:4:1])
