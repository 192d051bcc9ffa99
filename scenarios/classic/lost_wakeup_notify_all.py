# Lost wakeup with notify_all(): the same bug as lost_wakeup.py; waking "all" waiters wakes nobody when the
# consumer has not started waiting yet, and nobody notifies again.
# expect: hang
# expect-message: notify_all() at line 22 ran before this wait() and found no waiter: a lost wakeup
# expect-outcome: 'consumer: got item\n'
import threading

cond = threading.Condition()
items = []


def consumer():
    with cond:
        cond.wait()  # should be: while not items: cond.wait()
        item = items.pop()
    print(f"consumer: got {item}")


def producer():
    with cond:
        items.append("item")
        cond.notify_all()


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
