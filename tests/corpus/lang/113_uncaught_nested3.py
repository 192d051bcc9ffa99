# Ends with an exception raised three frames deep.
# expect: uncaught IndexError
def outer(data):
    print("outer", len(data))
    return middle(data)
def middle(data):
    print("middle")
    return inner(data, 3)
def inner(data, i):
    print("inner", i)
    return data[i]
outer([1, 2, 3])
