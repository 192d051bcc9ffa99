# The main thread holds a lock while joining a thread that needs that lock: main waits for the thread, the thread
# waits for the lock held by main, a deadlock.
# expect: deadlock
import threading

lock = threading.Lock()


def worker():
    with lock:
        print("worker: got the lock")


with lock:
    t = threading.Thread(target=worker)
    t.start()
    t.join()
print("main: done")
