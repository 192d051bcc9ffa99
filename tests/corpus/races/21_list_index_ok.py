# A worker writes `slots[1]`; the main thread reads it after join(). No race.
import threading

slots = [None, None]


def fill():
    slots[1] = "filled"


t = threading.Thread(target=fill)
t.start()
t.join()
print(slots[1])
