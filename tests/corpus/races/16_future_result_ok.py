# A pool task writes `report['rows']`; the main thread reads it after future.result(): the task's
# completion happens-before result() returns. No race.
from concurrent.futures import ThreadPoolExecutor

report = {"rows": 0}


def task():
    report["rows"] = 3
    return "done"


with ThreadPoolExecutor(max_workers=1) as pool:
    future = pool.submit(task)
    future.result()
    print(report["rows"])
