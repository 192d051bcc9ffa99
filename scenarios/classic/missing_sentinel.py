# A missing queue sentinel: two consumers, but the producer puts only one None, so one consumer blocks in get()
# forever and the main thread's join never returns.
# expect: hang
# expect-message: the queue q is empty and every thread that could put an item has finished or is blocked
import queue
import threading

q = queue.Queue()


def consumer(name):
    while True:
        item = q.get()
        if item is None:
            break
        print(f"{name}: consumed {item}")


consumers = [threading.Thread(target=consumer, args=(f"consumer-{i}",)) for i in (1, 2)]
for c in consumers:
    c.start()
for item in range(3):
    q.put(item)
q.put(None)  # one sentinel for two consumers
for c in consumers:
    c.join()
