# The same parties without the barrier: each reads the other's slot unordered with its write.
# race: slots[0] 12 13
# race: slots[1] 12 13
import threading

slots = [0, 0]
barrier = threading.Barrier(2)
seen = [0, 0]


def party(i):
    slots[i] = i + 1
    seen[i] = slots[1 - i]


threads = [threading.Thread(target=party, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(seen)
