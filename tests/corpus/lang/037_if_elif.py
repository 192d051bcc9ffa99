# if / elif / else.
# expect: exit 0
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in [-5, 0, 3, 42, 1000]:
    print(n, classify(n))
def fizz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
print(" ".join(fizz(i) for i in range(1, 21)))
x = []
if x:
    print("nonempty")
else:
    print("empty")
if not x and len(x) == 0:
    print("really empty")
y = 5
if y > 3:
    if y > 4:
        print("nested >4")
    else:
        print("nested <=4")
if y: pass
print("after pass")
grade = 87
letter = "A" if grade >= 90 else "B" if grade >= 80 else "C"
print(letter)
