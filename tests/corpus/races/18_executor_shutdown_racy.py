# The main thread reads a slot inside the block, before shutdown waited for the tasks.
# race: out[1] 9 15
from concurrent.futures import ThreadPoolExecutor

out = [None, None]


def task(i):
    out[i] = i * 10


with ThreadPoolExecutor(max_workers=1) as pool:
    pool.submit(task, 0)
    pool.submit(task, 1)
    print(out[1])
