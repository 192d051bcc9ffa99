# The same method without the lock: the race is reported on `stats.hits`, the name the program
# uses for the object, with both sites at the `+=` line.
# race: stats.hits 13 13
import threading


class Stats:
    def __init__(self):
        self.hits = 0
        self.lock = threading.Lock()

    def record(self):
        self.hits += 1


stats = Stats()
threads = [threading.Thread(target=stats.record) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(stats.hits)
