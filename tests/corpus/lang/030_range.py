# range objects.
# expect: exit 0
r = range(10)
print(r, len(r), r[0], r[-1], r[3], list(r))
print(range(2, 10, 3), list(range(2, 10, 3)), len(range(2, 10, 3)))
print(list(range(10, 0, -1)), list(range(10, 0, -3)), list(range(0, -10, -2)))
print(list(range(5, 5)), list(range(5, 0)), len(range(5, 0)), len(range(0, 100, 7)))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(range(0, 20, 5)[2], range(10, 0, -2)[-1], range(3)[-3])
print(sum(range(101)), max(range(7)), min(range(3, 9)))
print(list(reversed(range(4))), sorted(range(3), reverse=True))
print(range(3) == range(3), range(0) == range(5, 2))
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
big = range(10 ** 12)
print(len(big), big[-1], 10 ** 12 - 1 in big)
total = 0
for i in range(3, -4, -2):
    total += i
    print(i, end=" ")
print(total)
