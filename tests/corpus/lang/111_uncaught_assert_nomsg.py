# Ends with an AssertionError without a message.
# expect: uncaught AssertionError
values = [1, 2, 3]
assert len(values) == 3
print("first assert passed")
assert sum(values) == 7
print("unreachable")
