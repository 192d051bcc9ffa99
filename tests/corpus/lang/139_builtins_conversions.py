# list(), tuple(), dict(), set(), str(), bool(), int(), float() constructors.
# expect: exit 0
print(list(), list("ab"), list((1, 2)), list({"k": 1}), list(range(3)), list({3: 0}.values()))
print(tuple(), tuple([1, 2]), tuple("xy"), tuple({"a": 1}.items()))
print(dict(), dict([(1, 2)]), dict(a=1), dict(zip("ab", [1, 2])), dict({"c": 3}))
print(sorted(set("hello")), sorted(set([3, 3, 1])), set() == set([]), len(set(range(5))))
print(str(), str(12), str(1.0), str([1, "a"]), str((1,)), str({"a": [1]}), str(None), str(True))
print(bool(), bool(0), bool(0.1), bool("False"), bool([[]]), bool(()))
print(int(), int("7"), int(7.9), int(-7.9), int("-0"), int(False))
print(float(), float(1), float("2.5"), float("-0.0"), float("1e-3"), float("inf"))
print(list(map(int, ["1", "2"])), tuple(map(float, "12")))
x = [1, 2]
y = list(x)
y.append(3)
print(x, y, list(x) is x)
print(repr(str(repr("a"))), repr(1), repr(1.5), repr(None), repr([None, "s"]))
