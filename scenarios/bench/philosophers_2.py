# BENCHMARKS.md philosophers(N) with N = 2, ORDERED = False (left fork then right, one meal), unchanged otherwise.
# Exactly one execution deadlocks; the fork cycle is a lock-order inversion. Optimal DPOR: 2^N - 1 = 3 executions.
# weft: --strategy dpor
# expect: deadlock, lock-order
# expect-executions: 3
# philosophers(N), one meal; ORDERED = True takes the lower-numbered fork first
import threading
N = 2
ORDERED = False
forks = [threading.Lock() for _ in range(N)]

def philosopher(i):
    a, b = i, (i + 1) % N
    if ORDERED and a > b:
        a, b = b, a
    with forks[a]:
        with forks[b]:
            pass

ts = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
for t in ts: t.start()
for t in ts: t.join()
