# queue.join() returns after every task_done(): the worker's writes to `done[...]` before
# task_done() happen-before the main thread's read after join(). No race.
import queue
import threading

q = queue.Queue()
done = {"count": 0}


def worker():
    item = q.get()
    done["count"] = item
    q.task_done()


t = threading.Thread(target=worker, daemon=True)
t.start()
q.put(5)
q.join()
print(done["count"])
