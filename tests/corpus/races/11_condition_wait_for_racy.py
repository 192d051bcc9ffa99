# The producer replaces the first item after notifying, outside the lock: the consumer's read of
# `items[0]` is not ordered with that write.
# race: items[0] 14 20
import threading

cond = threading.Condition()
items = []


def producer():
    with cond:
        items.append("a")
        cond.notify_all()
    items[0] = "b"


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
