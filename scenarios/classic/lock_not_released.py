# A thread acquires a lock and ends without releasing it. If the other thread comes second, it waits forever for a
# lock held by a finished thread (no wait-for cycle): a hang.
# expect: hang
# expect-message: held by Thread-1 (forgetful), which took it at scenarios/classic/lock_not_released.py:12
# expect-outcome: 'polite: got the lock\nforgetful: got the lock\n'
import threading

lock = threading.Lock()


def forgetful():
    lock.acquire()
    print("forgetful: got the lock")
    # returns without lock.release()


def polite():
    with lock:
        print("polite: got the lock")


threads = [threading.Thread(target=forgetful), threading.Thread(target=polite)]
for t in threads:
    t.start()
for t in threads:
    t.join()
