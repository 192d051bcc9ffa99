# The caller writes `job.size` after submit(): the task's read is unordered with it.
# race: job.size 14 19
from concurrent.futures import ThreadPoolExecutor


class Job:
    size = 0


job = Job()


def task():
    return job.size * 2


with ThreadPoolExecutor(max_workers=1) as pool:
    future = pool.submit(task)
    job.size = 21
    print(future.result())
