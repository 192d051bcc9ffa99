# The main thread reads `seen['last']` before taking the results of map(): unordered with the
# task's write.
# race: seen['last'] 10 16
from concurrent.futures import ThreadPoolExecutor

seen = {"last": None}


def square(n):
    seen["last"] = n
    return n * n


with ThreadPoolExecutor(max_workers=1) as pool:
    it = pool.map(square, [3])
    print(seen["last"])
    print(list(it))
