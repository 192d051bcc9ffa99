# The same check-then-act without the lock: the membership test, the store and the read of the
# key race with the other thread's store.
# race: cache['config'] 14 15
# race: cache['config'] 15 15
# race: cache['config'] 15 16
import threading

cache = {}
lock = threading.Lock()
results = [None, None]


def get_or_create(i, who):
    if "config" not in cache:
        cache["config"] = who
    results[i] = cache["config"]


threads = [threading.Thread(target=get_or_create, args=(0, "A")), threading.Thread(target=get_or_create, args=(1, "B"))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results[0] in ("A", "B"))
