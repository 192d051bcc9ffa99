# The fix of abba_deadlock.py: both threads take the locks in the same order (a, then b). No deadlock, no inversion.
# expect: none
# expect-outcome: 't1: has a and b\nt2: has a and b\n'
# expect-outcome: 't2: has a and b\nt1: has a and b\n'
import threading

a = threading.Lock()
b = threading.Lock()


def t1():
    with a:
        with b:
            print("t1: has a and b")


def t2():
    with a:
        with b:
            print("t2: has a and b")


threads = [threading.Thread(target=t1), threading.Thread(target=t2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
