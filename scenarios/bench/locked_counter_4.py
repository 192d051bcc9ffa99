# BENCHMARKS.md locked counter(N) with N = 4: N threads each `with lock: counter += 1` (the table gives no code; this
# is the program it describes, plus a final assert in main after the joins). No finding. Optimal DPOR: N! = 24.
# weft: --strategy dpor
# expect: none
# expect-executions: 24
# locked counter(N)
import threading
N = 4
counter = 0
lock = threading.Lock()

def worker():
    global counter
    with lock:
        counter += 1

ts = [threading.Thread(target=worker) for _ in range(N)]
for t in ts: t.start()
for t in ts: t.join()
assert counter == N
