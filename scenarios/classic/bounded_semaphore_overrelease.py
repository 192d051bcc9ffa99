# A BoundedSemaphore released more often than acquired raises ValueError in the releasing thread.
# expect: exception
# expect-message: Semaphore released too many times
# expect-outcome: 'worker: used the resource\nmain: done\n'
import threading

sem = threading.BoundedSemaphore(1)


def worker():
    with sem:
        print("worker: used the resource")
    sem.release()  # one release too many


t = threading.Thread(target=worker)
t.start()
t.join()
print("main: done")
