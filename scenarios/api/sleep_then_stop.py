# Issue 13's sleep-then-stop pattern: a producer and a consumer that never block on each other run until the main
# thread, after sleeping 0.1 s, sets an Event. In strict time the work of the busy threads moves the clock (10 us a
# step), so the main thread wakes after their 10,000th step and the program ends, as under CPython.
# weft: --strategy random --iterations 4
# expect: none
# expect-outcome: "{'produced': True, 'consumed': True}\n"
import queue
import threading
import time


def producer(q, stop):
    made = 0
    while not stop.is_set():
        q.put(made)
        made += 1
    q.put(None)
    report["produced"] = made > 0


def consumer(q):
    seen = 0
    while True:
        item = q.get()
        if item is None:
            break
        seen += 1
    report["consumed"] = seen > 0


report = {}
q = queue.Queue()
stop = threading.Event()
threads = [threading.Thread(target=producer, args=(q, stop)), threading.Thread(target=consumer, args=(q,))]
for t in threads:
    t.start()
time.sleep(0.1)
stop.set()
for t in threads:
    t.join()
print(dict(sorted(report.items(), reverse=True)))
