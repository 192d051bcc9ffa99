# Publishing a value through a flag: the flag is an Event, and is_set() returning True observes
# the set() and everything the writer did before it. No race.
import threading

data = 0
published = threading.Event()


def writer():
    global data
    data = 42
    published.set()


def reader():
    if published.is_set():
        print(data)


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
