# int() with a base out of range and invalid literals: ValueError with CPython's messages.
# expect: exit 0
for args in [("12", 1), ("12", 37), ("12", -1), ("z", 36), ("0x1f", 0), ("0b101", 0), ("12", 0), ("9", 8)]:
    try:
        print(args, int(*args))
    except ValueError as e:
        print(args, "ValueError:", e)
