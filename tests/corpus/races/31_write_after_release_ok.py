# The writer updates `status.phase` inside the critical section; the reader reads it inside its
# own. No race.
import threading


class Status:
    phase = "init"


status = Status()
lock = threading.Lock()


def writer():
    with lock:
        status.phase = "running"


def reader():
    with lock:
        print(status.phase)


threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in threads:
    t.start()
for t in threads:
    t.join()
