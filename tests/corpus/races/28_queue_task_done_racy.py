# The main thread reads `done['count']` without waiting on queue.join(): unordered with the
# worker's write.
# race: done['count'] 13 20
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
print(done["count"])
t.join()
