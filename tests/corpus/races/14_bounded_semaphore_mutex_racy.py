# One thread takes the semaphore, the other updates the entry without it: unordered accesses to
# `stats['hits']`.
# race: stats['hits'] 12 16
import threading

stats = {"hits": 0}
sem = threading.BoundedSemaphore(1)


def hit():
    with sem:
        stats["hits"] += 1


def hit_unlocked():
    stats["hits"] += 1


threads = [threading.Thread(target=hit), threading.Thread(target=hit_unlocked)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(stats)
