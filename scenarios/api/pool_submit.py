# Issue 13's pool class: four tasks submitted to a 2-worker ThreadPoolExecutor, results collected in order.
# Before the API-level steps: over 200,000 executions, incomplete. Budget kept small for `weft test`; docs/BENCHMARKS.md has the full counts.
# weft: --strategy dpor --max-executions 300
# expect: none
# expect-outcome: '[0, 1, 4, 9]\n'
from concurrent.futures import ThreadPoolExecutor

def sq(x):
    return x * x

with ThreadPoolExecutor(max_workers=2) as ex:
    futs = [ex.submit(sq, i) for i in range(4)]
    print([f.result() for f in futs])
