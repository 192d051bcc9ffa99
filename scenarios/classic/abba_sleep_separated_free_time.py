# abba_sleep_separated.py under --time=free: a sleeping thread may wake at any point, so the sleep no longer keeps
# the two threads apart and the inversion deadlocks in some schedules.
# weft: --time=free
# expect: deadlock, lock-order
# expect-outcome: 't1: has a and b\nt2: has b and a\n'
import threading
import time

a = threading.Lock()
b = threading.Lock()


def t1():
    with a:
        with b:
            print("t1: has a and b")


def t2():
    time.sleep(1)  # "surely t1 is done by now": coordinating threads with sleep
    with b:
        with a:
            print("t2: has b and a")


threads = [threading.Thread(target=t1), threading.Thread(target=t2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
