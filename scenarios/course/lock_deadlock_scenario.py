# Course notes 001, "Lock / Deadlock scenario", unchanged. Both threads run thread_one (t2 is not given thread_two), which
# releases lock2 that nobody acquired: RuntimeError in the first thread, which dies holding lock1, so the other waits forever.
# expect: exception, hang
# expect-message: release unlocked lock
from threading import *
import time

def thread_one(lock1, lock2):
    lock1.acquire()
    time.sleep(1)
    lock2.release()

def thread_two(lock1, lock2):
    lock2.acquire()
    time.sleep(1)
    lock1.release()

if __name__ == "__main__":
    lock1 = Lock()
    lock2 = Lock()

    t1 = Thread(target=thread_one, args=(lock1, lock2))
    t2 = Thread(target=thread_one, args=(lock1, lock2))

    t1.start()
    t2.start()

    t1.join()
    t2.join()
