# Course notes 001 "Barrier" and 003/004: WRITTEN from the description. Three threads wait at a Barrier(3) whose action
# runs once, in one of them, before any is released; wait() returns each thread's arrival index (0, 1, 2).
# expect: none
# expect-outcome: 'barrier: all 3 arrived\n[0, 1, 2]\n'
import threading

indexes = [None] * 3


def all_arrived():
    print("barrier: all 3 arrived")


barrier = threading.Barrier(3, action=all_arrived)


def worker(i):
    indexes[i] = barrier.wait()


threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(indexes))
