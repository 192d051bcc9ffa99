# Ends with an uncaught KeyError.
# expect: uncaught KeyError
prices = {"apple": 3, "pear": 4}
for fruit in ["apple", "pear"]:
    print(fruit, prices[fruit])
total = prices["apple"] + prices["banana"]
print(total)
