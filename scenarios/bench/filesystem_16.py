# BENCHMARKS.md filesystem(N) with N = 16, unchanged otherwise: every access under its inode or block lock, locks
# always taken inode then block. No finding. Optimal DPOR: 2^(N-13) = 8 executions.
# weft: --strategy dpor
# expect: none
# expect-executions: 8
# filesystem(N)
import threading
N = 16
NUMBLOCKS = 26
NUMINODE = 32
locki = [threading.Lock() for _ in range(NUMINODE)]
inode = [0] * NUMINODE
lockb = [threading.Lock() for _ in range(NUMBLOCKS)]
busy = [False] * NUMBLOCKS

def thread(tid):
    i = tid % NUMINODE
    with locki[i]:
        if inode[i] == 0:
            b = (i * 2) % NUMBLOCKS
            while True:
                with lockb[b]:
                    if not busy[b]:
                        busy[b] = True
                        inode[i] = b + 1
                        break
                b = (b + 1) % NUMBLOCKS

ts = [threading.Thread(target=thread, args=(tid,)) for tid in range(N)]
for t in ts: t.start()
for t in ts: t.join()
