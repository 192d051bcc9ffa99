# The caller's writes before submit() happen-before the task: the task's read of `job.size` is
# ordered. No race.
from concurrent.futures import ThreadPoolExecutor


class Job:
    size = 0


job = Job()


def task():
    return job.size * 2


with ThreadPoolExecutor(max_workers=1) as pool:
    job.size = 21
    future = pool.submit(task)
    print(future.result())
