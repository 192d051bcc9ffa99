# The writer sets the Event before filling in `config`: the reader's read after wait() is not
# ordered with the write that comes after set().
# race: config['mode'] 12 17
import threading

config = {"mode": None}
ready = threading.Event()


def writer():
    ready.set()
    config["mode"] = "fast"


def reader():
    ready.wait()
    print(config["mode"])


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
