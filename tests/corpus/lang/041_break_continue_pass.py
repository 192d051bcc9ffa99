# break, continue, pass in various positions.
# expect: exit 0
out = []
for i in range(20):
    if i % 2 == 0:
        continue
    if i > 13:
        break
    out.append(i)
print(out)
def first_negative(xs):
    for idx, x in enumerate(xs):
        if x < 0:
            return idx
    return None
print(first_negative([3, 4, -1, -2]), first_negative([1]))
class Empty:
    pass
def todo():
    pass
print(todo(), type(Empty()).__name__)
for _ in range(2):
    pass
i = 0
while i < 10:
    i += 1
    if i in (3, 4):
        continue
    if i == 8:
        break
    print("i", i)
pairs = []
for a in range(4):
    for b in range(4):
        if b > a:
            break
        if (a + b) % 2:
            continue
        pairs.append((a, b))
print(pairs)
total = 0
for x in range(100):
    if x % 7:
        continue
    total += x
print(total)
try:
    pass
finally:
    print("finally after pass")
