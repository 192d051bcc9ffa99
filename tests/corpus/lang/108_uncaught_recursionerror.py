# Ends with RecursionError from unbounded recursion.
# expect: uncaught RecursionError
def forever(n):
    return forever(n + 1)
print("about to recurse")
forever(0)
