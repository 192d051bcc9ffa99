# The main thread reads `slots[1]` while the worker may be writing it.
# race: slots[1] 9 14
import threading

slots = [None, None]


def fill():
    slots[1] = "filled"


t = threading.Thread(target=fill)
t.start()
print(slots[1])
t.join()
