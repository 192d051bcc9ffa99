# Course notes 001 "Barrier": "Can also abort() to break deadlocks; threads will experience BrokenBarrierError".
# WRITTEN from the description: two of three parties wait, the main thread gives up after 1 s and aborts the barrier.
# expect: none
# expect-outcome: 'worker-1: barrier broken\nworker-2: barrier broken\nmain: aborted\n'
# expect-outcome: 'worker-2: barrier broken\nworker-1: barrier broken\nmain: aborted\n'
import threading
import time

barrier = threading.Barrier(3)


def worker(name):
    try:
        barrier.wait()
        print(f"{name}: passed")
    except threading.BrokenBarrierError:
        print(f"{name}: barrier broken")


threads = [threading.Thread(target=worker, args=(f"worker-{i}",)) for i in (1, 2)]
for t in threads:
    t.start()
time.sleep(1)
barrier.abort()
for t in threads:
    t.join()
print("main: aborted")
