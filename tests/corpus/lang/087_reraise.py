# Bare raise and re-raising.
# expect: exit 0
def inner():
    raise ValueError("original")
def middle():
    try:
        inner()
    except ValueError:
        print("middle logs and re-raises")
        raise
try:
    middle()
except ValueError as e:
    print("outer got:", e)
def convert():
    try:
        int("bad")
    except ValueError as e:
        raise TypeError("converted: " + str(e))
try:
    convert()
except TypeError as e:
    print("TypeError:", e)
    print("context type:", type(e.__context__).__name__)
def reraise_other():
    try:
        {}["k"]
    except KeyError as e:
        err = e
    raise err
try:
    reraise_other()
except KeyError as e:
    print("re-raised stored exception", repr(e))
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise RuntimeError("retry")
        print("succeeded after", count)
        break
    except RuntimeError as e:
        print("attempt", count, "failed:", e)
try:
    try:
        raise IndexError("deep")
    except IndexError:
        try:
            raise
        except IndexError as again:
            print("caught bare re-raise:", again)
            raise
except LookupError as e:
    print("finally caught as LookupError:", e)
