# collections.deque.
# expect: exit 0
from collections import deque
d = deque()
d.append(1)
d.append(2)
d.appendleft(0)
d.appendleft(-1)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend([5, 6, 7])
d.extendleft([9, 8])
print(d, list(d))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
print(3 in d, 6 in d, d.count(5), d.index(6) if 6 in d else None)
bounded = deque(maxlen=3)
for i in range(6):
    bounded.append(i)
    print(list(bounded))
print(bounded, bounded.maxlen)
bounded.appendleft(100)
print(bounded)
q = deque(["a", "b", "c"])
order = []
while q:
    x = q.popleft()
    order.append(x)
    if x == "a":
        q.append("d")
print(order)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    deque().popleft()
except IndexError as e:
    print("IndexError:", e)
r = deque(range(5))
r.rotate(1)
print(r, r.copy() == r, deque([1, 2]) == deque([1, 2]))
r.clear()
print(r, bool(r))
last3 = deque("abcdefg", 3)
print("".join(last3), list(reversed(last3)))
