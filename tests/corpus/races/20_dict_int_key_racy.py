# The same update of `cache[7]` without the lock.
# race: cache[7] 10 10
import threading

cache = {7: 0}
lock = threading.Lock()


def bump():
    cache[7] = cache[7] + 1


threads = [threading.Thread(target=bump) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(cache)
