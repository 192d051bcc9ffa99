# Course notes 004, "Using a ThreadPoolExecutor / Bugs": a function that takes no parameters passed to .map() with an
# argument fails with TypeError inside each task, but the error is stored in the futures and never shown (the map
# iterator is never consumed): no output, no error. WRITTEN from the description. No exception escapes any thread.
# weft: --strategy random --iterations 200 --max-steps 20000
# expect: none
# expect-outcome: 'main: finished, no error shown\n'
import concurrent.futures


def task():
    print("task ran")


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
    executor.map(task, [1, 2, 3])

print("main: finished, no error shown")
