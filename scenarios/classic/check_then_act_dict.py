# Check-then-act on a shared dict: `if key not in cache: cache[key] = create(...)` is not atomic. Both threads can see
# the key missing and both create; then they disagree on the cached object and the assert fails.
# expect: race, assertion
# expect-outcome: "['A', 'A']\n"
# expect-outcome: "['A', 'B']\n"
import threading

cache = {}
results = [None, None]


def create(who):
    return who


def get_or_create(key, who):
    if key not in cache:
        cache[key] = create(who)
    return cache[key]


def worker(i, who):
    results[i] = get_or_create("config", who)


threads = [threading.Thread(target=worker, args=(0, "A")), threading.Thread(target=worker, args=(1, "B"))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
assert results[0] == results[1], "two different objects were cached"
