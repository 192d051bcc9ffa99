# with calls __exit__ when the body raises.
# expect: exit 0
class Logger:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        if et is None:
            print("exit", self.name, "clean")
        else:
            print("exit", self.name, "with", et.__name__, ev.args)
        return False
def work(n):
    with Logger("work" + str(n)):
        if n == 1:
            raise ValueError("n is one")
        return n * 10
print(work(2))
try:
    work(1)
except ValueError as e:
    print("caught", e)
try:
    with Logger("outer"):
        with Logger("inner"):
            [][1]
except IndexError:
    print("IndexError after both exits")
def nested_fn():
    with Logger("fn"):
        deeper()
def deeper():
    raise KeyError("deep key")
try:
    nested_fn()
except KeyError as e:
    print("deep", e)
class Suppress:
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        print("suppressing", et.__name__ if et else "nothing")
        return et is not None and issubclass(et, ArithmeticError)
with Suppress():
    1 / 0
print("after suppressed ZeroDivisionError")
try:
    with Suppress():
        raise TypeError("not arithmetic")
except TypeError as e:
    print("TypeError escaped:", e)
