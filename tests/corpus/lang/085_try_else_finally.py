# try/except/else/finally ordering.
# expect: exit 0
def run(x):
    log = []
    try:
        log.append("try")
        r = 10 / x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append("else " + str(r))
    finally:
        log.append("finally")
    return log
print(run(2))
print(run(0))
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
nested()
def finally_propagates():
    try:
        raise KeyError("k")
    finally:
        print("cleanup before propagation")
try:
    finally_propagates()
except KeyError as e:
    print("caught after finally", e)
def else_raises():
    try:
        pass
    except Exception:
        print("not here")
    else:
        raise RuntimeError("from else")
    finally:
        print("finally after else")
try:
    else_raises()
except RuntimeError as e:
    print("caught", e)
try:
    print("no exception")
finally:
    print("finally without except")
