# Condition.wait_for with a predicate over a shared list: the producer appends under the lock and
# notifies; the consumer reads the first item after wait_for returns, still holding the lock. No race.
import threading

cond = threading.Condition()
items = []


def producer():
    with cond:
        items.append("a")
        cond.notify_all()


def consumer():
    with cond:
        cond.wait_for(lambda: len(items) > 0)
        first = items[0]
    print(first)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
