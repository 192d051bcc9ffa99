# A deque used with its atomic methods only: the producer appends, the consumer pops with
# popleft() and handles IndexError. Builtin method calls do not race with each other. No race.
import threading
from collections import deque

jobs = deque()


def producer():
    jobs.append("job")


def consumer():
    try:
        print(jobs.popleft())
    except IndexError:
        print("empty")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
