# Each iteration builds a 10 MB string: the work counts toward the instruction limit.
n = 0
while n < 10**6:
    if n == "a" * 10**7:
        break
    n += 1
print(n)
