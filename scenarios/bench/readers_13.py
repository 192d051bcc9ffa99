# BENCHMARKS.md readers(N) with N = 13, unchanged otherwise: one writer of x, N readers of x, unsynchronised
# by design, so races. Optimal DPOR: 2^N = 8192 executions.
# weft: --strategy dpor
# expect: race
# expect-executions: 8192
# readers(N)
import threading
N = 13
x = 0

def writer():
    global x
    x = 42

def reader():
    r = x

ts = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(N)]
for t in ts: t.start()
for t in ts: t.join()
