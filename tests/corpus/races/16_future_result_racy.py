# The main thread reads the entry before waiting for the future: unordered with the task's write.
# race: report['rows'] 9 15
from concurrent.futures import ThreadPoolExecutor

report = {"rows": 0}


def task():
    report["rows"] = 3
    return "done"


with ThreadPoolExecutor(max_workers=1) as pool:
    future = pool.submit(task)
    print(report["rows"])
    future.result()
