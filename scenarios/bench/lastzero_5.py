# BENCHMARKS.md lastzero(N) with N = 5, unchanged otherwise: the reader scans a[] down for the last zero while
# writer j sets a[j] = a[j-1] + 1. Unsynchronised by design: races. Optimal DPOR: (N+3)*2^(N-2) = 64 executions.
# weft: --strategy dpor
# expect: race
# expect-executions: 64
# lastzero(N)
import threading
N = 5
a = [0] * (N + 1)

def reader():
    i = N
    while a[i] != 0:
        i -= 1

def writer(j):
    a[j] = a[j - 1] + 1

ts = [threading.Thread(target=reader)] + [threading.Thread(target=writer, args=(j,)) for j in range(1, N + 1)]
for t in ts: t.start()
for t in ts: t.join()
