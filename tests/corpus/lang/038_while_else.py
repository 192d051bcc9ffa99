# while loops, while/else, break/continue.
# expect: exit 0
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("while completed normally")
i = 10
while i > 0:
    if i == 7:
        print("breaking at", i)
        break
    i -= 1
else:
    print("never printed")
k = 0
while False:
    k += 1
else:
    print("zero iterations, else runs", k)
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
def collatz(x):
    steps = 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
    return steps
print([collatz(x) for x in range(1, 12)])
count = 0
while True:
    count += 1
    if count >= 3:
        break
print("count", count)
stack = [1, 2, 3]
while stack:
    print("pop", stack.pop())
