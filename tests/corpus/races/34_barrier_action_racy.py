# The second party fills in its slot after the barrier: the barrier orders the action before it,
# but the first party's read of that slot after the barrier is unordered with the late write.
# race: parts[1] 23 24
import threading

parts = [0, 0]
total = [0]
seen = [None, None]


def combine():
    total[0] = parts[0] + parts[1]


barrier = threading.Barrier(2, action=combine)


def party(i):
    if i == 0:
        parts[i] = 10
    barrier.wait()
    if i == 1:
        parts[i] = 20
    seen[i] = (total[0], parts[1 - i])


threads = [threading.Thread(target=party, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(seen)
