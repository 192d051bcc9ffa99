# A write just after releasing a lock is not protected by it: the other thread's later acquire orders only what came
# before the release, so `x = 1` (after the release) and the other thread's read of x are a race.
# expect: race
# expect-message: x
# expect-outcome: 'reader: x=0\n'
# expect-outcome: 'reader: x=1\n'
import threading

lock = threading.Lock()
x = 0


def writer():
    global x
    with lock:
        pass
    x = 1  # outside the lock


def reader():
    with lock:
        pass
    print(f"reader: x={x}")


threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in threads:
    t.start()
for t in threads:
    t.join()
