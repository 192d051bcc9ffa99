# The producer writes the data after leaving the condition's block: the consumer, woken by the
# notify, may read it before or after, and nothing orders the two.
# race: data 16 23
import threading

cond = threading.Condition()
ready = False
data = None


def producer():
    global ready, data
    with cond:
        ready = True
        cond.notify()
    data = "payload"


def consumer():
    with cond:
        while not ready:
            cond.wait()
        print(data)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
