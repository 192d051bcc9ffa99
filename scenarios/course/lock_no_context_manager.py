# Course notes 000 anti-pattern "Not using Context Manager" and 004 "If a thread does not give Lock up the program will
# freeze". WRITTEN from the description: acquire()/release() without try/finally; the None item raises between them,
# so that thread dies holding the lock and any thread that comes after it waits forever.
# expect: exception, hang
# expect-message: cannot add None
# expect-outcome: '[1, 3]\n'
import threading

lock = threading.Lock()
items = []


def add(item):
    lock.acquire()
    if item is None:
        raise ValueError("cannot add None")
    items.append(item)
    lock.release()


threads = [threading.Thread(target=add, args=(item,)) for item in (1, 3, None)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(items))
