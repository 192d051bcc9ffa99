# An uncaught plain Exception raised two calls deep, after handlers that catch by base class.
def check(n):
    if n > 2:
        raise Exception(f"too many: {n}")
    return n

def run(items):
    return [check(i) for i in items]

try:
    run([1, 5])
except Exception as e:
    print("caught", type(e).__name__, e.args)
print(issubclass(Exception, BaseException), isinstance(Exception("x"), BaseException))
run([1, 2, 3])
