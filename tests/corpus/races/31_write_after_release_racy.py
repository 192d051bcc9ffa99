# The write moved just after the critical section: the lock orders only what came before the
# release, so the write is unordered with the reader's locked read.
# race: status.phase 18 23
import threading


class Status:
    phase = "init"


status = Status()
lock = threading.Lock()


def writer():
    with lock:
        pass
    status.phase = "running"


def reader():
    with lock:
        print(status.phase)


threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in threads:
    t.start()
for t in threads:
    t.join()
