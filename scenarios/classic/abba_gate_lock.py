# The ABBA inversion of abba_deadlock.py, but both threads first take a common gate lock: the inversion can never
# deadlock, so neither a deadlock nor a lock-order finding is expected.
# expect: none
# expect-outcome: 't1: has a and b\nt2: has b and a\n'
# expect-outcome: 't2: has b and a\nt1: has a and b\n'
import threading

gate = threading.Lock()
a = threading.Lock()
b = threading.Lock()


def t1():
    with gate:
        with a:
            with b:
                print("t1: has a and b")


def t2():
    with gate:
        with b:
            with a:
                print("t2: has b and a")


threads = [threading.Thread(target=t1), threading.Thread(target=t2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
