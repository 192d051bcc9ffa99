# Course notes 000 anti-pattern "Coordinating Threads with sleep": the consumer sleeps 0.1 s and assumes the producer
# has written `data`. In strict virtual time (as usually in CPython) it works, but the accesses are unordered: a race.
# expect: race
# expect-outcome: 'consumer: data=[1, 2, 3]\n'
import threading
import time

data = None


def producer():
    global data
    data = [1, 2, 3]


def consumer():
    time.sleep(0.1)  # "enough time for the producer"
    assert data is not None, "producer not done yet"
    print(f"consumer: data={data}")


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
