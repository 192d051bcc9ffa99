# A producer builds an object and hands it over with put(); only the consumer touches it after
# the get() that returned it. put() happens-before that get(). No race.
import queue
import threading

q = queue.Queue()


class Job:
    def __init__(self, n):
        self.n = n
        self.status = "new"


def producer():
    job = Job(1)
    job.status = "queued"
    q.put(job)


def consumer():
    job = q.get()
    job.status = "done"
    print(job.n, job.status)


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
