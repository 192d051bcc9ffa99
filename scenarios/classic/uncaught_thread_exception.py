# An uncaught exception in a worker thread: CPython prints "Exception in thread ..." to stderr and ends that thread
# only; the main thread and the other worker carry on and the program exits normally.
# expect: exception
# expect-message: bad value 2
# expect-outcome: 'worker 1: ok\nmain: still running\n'
import threading


def worker(n):
    if n == 2:
        raise ValueError(f"bad value {n}")
    print(f"worker {n}: ok")


threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("main: still running")
