# for/else with break and continue, nested loops.
# expect: exit 0
def find_prime_factor(n):
    for d in range(2, n):
        if n % d == 0:
            print(n, "has factor", d)
            break
    else:
        print(n, "is prime")
for n in [2, 9, 13, 15, 17]:
    find_prime_factor(n)
for x in []:
    print("never")
else:
    print("empty loop else")
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if i + j == 3:
            break
        print(i, j)
    else:
        print("inner completed for", i)
target = 6
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v == target:
            print("found", v)
            break
    else:
        continue
    break
else:
    print("not found")
for ch in "abc":
    pass
print("last ch", ch)
for i in range(5):
    pass
print("last i", i)
