# BENCHMARKS.md philosophers(N) with N = 4, ORDERED = True (lower-numbered fork first, one meal), unchanged
# otherwise. No deadlock, no lock-order inversion. Optimal DPOR: 2^N - 2 = 14 executions.
# weft: --strategy dpor
# expect: none
# expect-executions: 14
# philosophers(N), one meal; ORDERED = True takes the lower-numbered fork first
import threading
N = 4
ORDERED = True
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
