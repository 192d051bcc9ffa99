# A Barrier(3) with only two threads: it can never fill, both wait forever.
# expect: hang
# expect-message: Barrier(3) has 2 of 3 parties and no thread left to arrive
import threading

barrier = threading.Barrier(3)


def worker(name):
    print(f"{name}: waiting at the barrier")
    barrier.wait()
    print(f"{name}: passed")


threads = [threading.Thread(target=worker, args=(f"worker-{i}",)) for i in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
