# Check-then-act on the deque: `if jobs:` is a plain read of its length, not an atomic method
# call, and nothing orders it with the producer's append.
# race: jobs 11 15
import threading
from collections import deque

jobs = deque()


def producer():
    jobs.append("job")


def consumer():
    if jobs:
        print(jobs.popleft())
    else:
        print("empty")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
