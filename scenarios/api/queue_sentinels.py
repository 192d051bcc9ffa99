# Issue 13's queue class: two producers and two consumers on one Queue, each producer ending with a sentinel.
# weft: --strategy dpor --max-executions 300
# expect: none
# expect-outcome: '[0, 1, 10, 11]\n'
import queue
import threading

q = queue.Queue()
results = []
SENTINEL = None

def producer(base):
    for i in range(2):
        q.put(base + i)
    q.put(SENTINEL)

def consumer():
    while True:
        item = q.get()
        if item is SENTINEL:
            break
        results.append(item)

threads = [threading.Thread(target=producer, args=(10 * k,)) for k in range(2)]
threads += [threading.Thread(target=consumer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
