# TimeoutError (an OSError) from a deadline check on the virtual clock, uncaught.
import time
def wait_until(pred, timeout):
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"gave up after {timeout} s")
        time.sleep(0.5)
    return True
ticks = []
print(wait_until(lambda: ticks.append(1) or len(ticks) > 2, 5))
print(issubclass(TimeoutError, OSError), TimeoutError.__mro__[1].__name__)
try:
    wait_until(lambda: False, 1)
except OSError as e:
    print("caught:", e)
wait_until(lambda: False, 2)
