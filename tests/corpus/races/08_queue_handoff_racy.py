# The producer keeps writing to the job after put() handed it over: that write is unordered with
# the consumer's write and read after get().
# race: job.status 20 25
# race: job.status 20 26
import queue
import threading

q = queue.Queue()


class Job:
    def __init__(self, n):
        self.n = n
        self.status = "new"


def producer():
    job = Job(1)
    q.put(job)
    job.status = "queued"


def consumer():
    job = q.get()
    job.status = "done"
    print(job.n, job.status)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
