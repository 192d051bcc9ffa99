# Ends with an AssertionError that has a message.
# expect: uncaught AssertionError
def check_positive(x):
    assert x > 0, f"expected positive, got {x}"
    return x
print(check_positive(5))
check_positive(-2)
