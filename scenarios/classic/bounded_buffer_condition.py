# A correct bounded buffer (capacity 2) with one Condition and predicates checked in `while` loops: one producer, one
# consumer, four items. No race, no hang; the consumer always prints the items in order.
# expect: none
# expect-outcome: 'got 0\ngot 1\ngot 2\ngot 3\n'
import threading

CAPACITY = 2
cond = threading.Condition()
buffer = []


def producer():
    for item in range(4):
        with cond:
            while len(buffer) >= CAPACITY:
                cond.wait()
            buffer.append(item)
            cond.notify_all()


def consumer():
    for _ in range(4):
        with cond:
            while not buffer:
                cond.wait()
            item = buffer.pop(0)
            cond.notify_all()
        print(f"got {item}")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
