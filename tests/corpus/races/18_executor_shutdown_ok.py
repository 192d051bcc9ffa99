# Leaving the `with ThreadPoolExecutor()` block waits for every task (shutdown(wait=True)): the
# tasks' writes to their own slots happen-before the main thread's reads after the block. No race.
from concurrent.futures import ThreadPoolExecutor

out = [None, None]


def task(i):
    out[i] = i * 10


with ThreadPoolExecutor(max_workers=1) as pool:
    pool.submit(task, 0)
    pool.submit(task, 1)
print(out)
