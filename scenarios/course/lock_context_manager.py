# Course notes 000 "Not using Context Manager" / 001 "With": the fix of lock_no_context_manager.py. `with lock:` releases
# the lock even when the block raises, so only the failing thread is lost. WRITTEN from the description.
# expect: exception
# expect-message: cannot add None
# expect-outcome: '[1, 3]\n'
import threading

lock = threading.Lock()
items = []


def add(item):
    with lock:
        if item is None:
            raise ValueError("cannot add None")
        items.append(item)


threads = [threading.Thread(target=add, args=(item,)) for item in (1, None, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(items))
