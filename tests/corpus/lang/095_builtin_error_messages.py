# Messages of common builtin errors.
# expect: exit 0
half = 1.5
five = 5
cases = [
    lambda: [].pop(),
    lambda: [1, 2].remove(3),
    lambda: [1, 2].index(3),
    lambda: (1, 2)[5],
    lambda: "abc"[9],
    lambda: "abc".index("z"),
    lambda: {}.pop("k"),
    lambda: set().pop(),
    lambda: int("12x"),
    lambda: float("1.2.3"),
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: len(5),
    lambda: None.attr,
    lambda: (5).foo,
    lambda: 1 / 0,
    lambda: "x" * "y",
    lambda: [1, 2, 3][half],
    lambda: {[1]: 2},
    lambda: hash([]),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: five(),
    lambda: "abc"[0:1:0],
    lambda: {1: 2}[3],
    lambda: sorted([1, "a"]),
    lambda: 2 < "a",
    lambda: "abc".nope,
    lambda: [].nope,
]
for i, fn in enumerate(cases):
    try:
        fn()
        print(i, "no error")
    except Exception as e:
        print(i, type(e).__name__ + ":", e)
