# Ends with an uncaught NameError.
# expect: uncaught NameError
def compute():
    base = 10
    return base * multiplier_qqq
print("start")
print(compute())
