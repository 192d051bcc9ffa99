# A pool task raises; the exception is kept in its Future and re-raised by result() in the main thread, where nobody
# catches it: an uncaught exception in main (the `with` block still waits for the other tasks).
# weft: --strategy random --iterations 200 --max-steps 20000
# expect: exception
# expect-message: bad input 2
# expect-outcome: '0\n10\n'
import concurrent.futures


def task(x):
    if x == 2:
        raise ValueError(f"bad input {x}")
    return x * 10


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(task, i) for i in range(4)]
    for future in futures:
        print(future.result())
