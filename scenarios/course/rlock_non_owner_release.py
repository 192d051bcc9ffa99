# Course notes 001, "RLock": "Only owner thread can release; non-owner release() invoke = RuntimeError". WRITTEN from
# the description: another thread releases the main thread's RLock and dies with RuntimeError; main carries on.
# expect: exception
# expect-message: cannot release un-acquired lock
# expect-outcome: 'main: released its own lock\n'
import threading

rlock = threading.RLock()


def intruder():
    rlock.release()
    print("intruder: released somebody else's lock")


rlock.acquire()
t = threading.Thread(target=intruder)
t.start()
t.join()
rlock.release()
print("main: released its own lock")
