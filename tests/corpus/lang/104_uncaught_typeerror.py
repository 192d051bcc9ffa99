# Ends with an uncaught TypeError.
# expect: uncaught TypeError
def label(name, count):
    return name + ": " + count
print(label("apples", "3"))
print(label("pears", 4))
