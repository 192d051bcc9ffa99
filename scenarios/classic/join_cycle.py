# Two threads join each other (after an Event says both have started): a wait-for cycle made of joins, a deadlock.
# expect: deadlock
import threading

go = threading.Event()


def first():
    go.wait()
    t2.join()


def second():
    go.wait()
    t1.join()


t1 = threading.Thread(target=first)
t2 = threading.Thread(target=second)
t1.start()
t2.start()
go.set()
t1.join()
