# Course notes 001, "Lock": "Can pass floating point timeout to acquire to not be blocked indefinitely; method returns
# true if lock acquired". WRITTEN from the description: a 1 s timed acquire fails while another thread holds the lock 2 s.
# expect: none
# expect-outcome: 'impatient: acquired=False\nimpatient: got it at last\n'
import threading
import time

lock = threading.Lock()


def holder():
    with lock:
        time.sleep(2)


def impatient():
    time.sleep(0.5)  # let the holder take the lock first
    got = lock.acquire(timeout=1)
    print(f"impatient: acquired={got}")
    if got:
        lock.release()
    with lock:
        print("impatient: got it at last")


threads = [threading.Thread(target=holder), threading.Thread(target=impatient)]
for t in threads:
    t.start()
for t in threads:
    t.join()
