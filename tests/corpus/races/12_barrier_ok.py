# Two threads each fill in their own slot, meet at a Barrier, then read the other's slot: every
# party's actions before wait() happen-before every party's actions after it. No race.
import threading

slots = [0, 0]
barrier = threading.Barrier(2)
seen = [0, 0]


def party(i):
    slots[i] = i + 1
    barrier.wait()
    seen[i] = slots[1 - i]


threads = [threading.Thread(target=party, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert seen == [2, 1]
print(seen)
