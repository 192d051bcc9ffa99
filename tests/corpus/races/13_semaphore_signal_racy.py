# The producer releases the semaphore before writing: the consumer's read after acquire is not
# ordered with the write that comes after the release.
# race: box.value 17 22
import threading


class Box:
    value = None


box = Box()
filled = threading.Semaphore(0)


def producer():
    filled.release()
    box.value = 99


def consumer():
    filled.acquire()
    print(box.value)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
