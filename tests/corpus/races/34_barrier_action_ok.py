# A Barrier's action runs once all parties have arrived and before any leaves: it reads every
# party's slot, and the parties read its total and each other's slot afterwards. No race.
import threading

parts = [0, 0]
total = [0]
seen = [None, None]


def combine():
    total[0] = parts[0] + parts[1]


barrier = threading.Barrier(2, action=combine)


def party(i):
    parts[i] = (i + 1) * 10
    barrier.wait()
    seen[i] = (total[0], parts[1 - i])


threads = [threading.Thread(target=party, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(seen)
