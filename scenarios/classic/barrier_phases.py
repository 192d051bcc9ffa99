# Two phases separated by a Barrier: each thread writes its own slot, waits, then reads all slots. The barrier orders
# every write of phase 1 before every read of phase 2: no race, and each thread sees the full total.
# expect: none
# expect-outcome: 'totals: [6, 6, 6]\n'
import threading

N = 3
slots = [0] * N
totals = [0] * N
barrier = threading.Barrier(N)


def worker(i):
    slots[i] = i + 1          # phase 1: write my own slot
    barrier.wait()
    totals[i] = sum(slots)    # phase 2: read everybody's


threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"totals: {totals}")
