# The ABBA deadlock: one thread takes lock a then b, the other b then a. Some schedules deadlock; the others still show
# the lock-order inversion.
# expect: deadlock, lock-order
# expect-message: Thread-1 (t1) holds a (taken at scenarios/classic/abba_deadlock.py:14) and waits for b at scenarios/classic/abba_deadlock.py:15, held by Thread-2 (t2); Thread-2 (t2) holds b
# expect-outcome: 't1: has a and b\nt2: has b and a\n'
# expect-outcome: 't2: has b and a\nt1: has a and b\n'
import threading

a = threading.Lock()
b = threading.Lock()


def t1():
    with a:
        with b:
            print("t1: has a and b")


def t2():
    with b:
        with a:
            print("t2: has b and a")


threads = [threading.Thread(target=t1), threading.Thread(target=t2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
