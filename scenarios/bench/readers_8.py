# BENCHMARKS.md readers(N) with N = 8, unchanged otherwise: one writer of x, N readers of x, unsynchronised
# by design, so races. Optimal DPOR: 2^N = 256 executions.
# weft: --strategy dpor
# expect: race
# expect-executions: 256
# readers(N)
import threading
N = 8
x = 0

def writer():
    global x
    x = 42

def reader():
    r = x

ts = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(N)]
for t in ts: t.start()
for t in ts: t.join()
