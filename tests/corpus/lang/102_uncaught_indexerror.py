# Ends with an uncaught IndexError.
# expect: uncaught IndexError
items = [10, 20, 30]
i = 0
while True:
    print("item", items[i])
    i += 1
