# A Semaphore(0) used as a signal: the producer writes `box.value` then releases; the consumer's
# acquire obtains that unit, so the release happens-before it. No race.
import threading


class Box:
    value = None


box = Box()
filled = threading.Semaphore(0)


def producer():
    box.value = 99
    filled.release()


def consumer():
    filled.acquire()
    print(box.value)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
