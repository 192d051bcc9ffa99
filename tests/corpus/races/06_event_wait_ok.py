# The writer fills in `config` and then sets an Event; the reader waits for it before reading.
# set() happens-before the wait() that returns True. No race.
import threading

config = {"mode": None}
ready = threading.Event()


def writer():
    config["mode"] = "fast"
    ready.set()


def reader():
    ready.wait()
    print(config["mode"])


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
