# Executor.map: each item's completion happens-before the next() that yields its result, so the
# main thread's read of `seen[...]` after taking the results is ordered. No race.
from concurrent.futures import ThreadPoolExecutor

seen = {"last": None}


def square(n):
    seen["last"] = n
    return n * n


with ThreadPoolExecutor(max_workers=1) as pool:
    results = list(pool.map(square, [3]))
    print(results, seen["last"])
