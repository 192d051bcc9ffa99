# BaseException is not caught by `except Exception`; a user subclass of it ends the program.
class Stop(BaseException):
    pass

def worker():
    try:
        raise Stop("halt now")
    except Exception:
        print("not reached")

try:
    worker()
except BaseException as e:
    print("outer caught", repr(e), isinstance(e, Exception))
raise BaseException("the end", 42)
