# Check-then-act on a shared dict done under a lock: `if key not in cache: cache[key] = ...` and
# the read that follows are atomic as a whole. No race.
import threading

cache = {}
lock = threading.Lock()
results = [None, None]


def get_or_create(i, who):
    with lock:
        if "config" not in cache:
            cache["config"] = who
        results[i] = cache["config"]


threads = [threading.Thread(target=get_or_create, args=(0, "A")), threading.Thread(target=get_or_create, args=(1, "B"))]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert results[0] == results[1]
print(results[0] in ("A", "B"))
