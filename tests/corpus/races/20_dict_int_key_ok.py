# Two threads update the entry `cache[7]` of a shared dict under one lock. No race.
import threading

cache = {7: 0}
lock = threading.Lock()


def bump():
    with lock:
        cache[7] = cache[7] + 1


threads = [threading.Thread(target=bump) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert cache[7] == 2
print(cache)
