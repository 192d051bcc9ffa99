# Ends with an exception that propagates through finally blocks and a with.
# expect: uncaught ValueError
class Guard:
    def __enter__(self):
        print("guard on")
        return self
    def __exit__(self, et, ev, tb):
        print("guard off", et.__name__ if et else None)
        return False
def step(n):
    try:
        with Guard():
            if n > 1:
                raise ValueError(f"step {n} failed")
            print("step", n, "ok")
    finally:
        print("finally for step", n)
step(1)
step(2)
