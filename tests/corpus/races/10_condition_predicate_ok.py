# A Condition with a predicate loop: the consumer waits `while not ready`, the producer sets the
# data and the flag under the condition's lock and notifies. Every access is under the lock. No race.
import threading

cond = threading.Condition()
ready = False
data = None


def producer():
    global ready, data
    with cond:
        data = "payload"
        ready = True
        cond.notify()


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
