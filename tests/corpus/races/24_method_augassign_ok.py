# An augmented assignment to an attribute inside a method, `self.hits += 1`, guarded by the
# object's lock. No race.
import threading


class Stats:
    def __init__(self):
        self.hits = 0
        self.lock = threading.Lock()

    def record(self):
        with self.lock:
            self.hits += 1


stats = Stats()
threads = [threading.Thread(target=stats.record) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert stats.hits == 2
print(stats.hits)
