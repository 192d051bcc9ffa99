# sleep_coordination.py under --time=free: the sleep may end before the producer ran, so besides the race the
# consumer's assert fails in some schedules.
# weft: --time=free
# expect: race, assertion
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
