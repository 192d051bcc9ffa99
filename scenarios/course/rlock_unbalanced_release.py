# Course notes 001, "RLock": "Must release as many times as acquired, otherwise lock remains locked, other threads get
# blocked". WRITTEN from the description: acquired twice, released once, the owner ends; the other thread waits forever.
# expect: hang
import threading
import time

rlock = threading.RLock()


def greedy():
    rlock.acquire()
    rlock.acquire()
    print("greedy: acquired twice")
    rlock.release()
    print("greedy: released once and finished")


def waiter():
    time.sleep(0.1)  # arrive after greedy
    with rlock:
        print("waiter: got the lock")


threads = [threading.Thread(target=greedy), threading.Thread(target=waiter)]
for t in threads:
    t.start()
for t in threads:
    t.join()
