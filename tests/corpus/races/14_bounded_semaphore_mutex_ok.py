# A BoundedSemaphore(1) used as a mutex (`with sem:`) around a shared dict entry. No race.
import threading

stats = {"hits": 0}
sem = threading.BoundedSemaphore(1)


def hit():
    with sem:
        stats["hits"] += 1


threads = [threading.Thread(target=hit) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert stats["hits"] == 2
print(stats)
