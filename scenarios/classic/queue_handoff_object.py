# Handing a mutable object from producer to consumer through a Queue: put() happens-before the get() that returns it,
# so the producer's writes and the consumer's reads and writes of the object are ordered. No race.
# expect: none
# expect-outcome: "consumer: {'id': 1, 'payload': 'hello', 'seen': True}\n"
import queue
import threading

q = queue.Queue()


def producer():
    message = {}
    message["id"] = 1
    message["payload"] = "hello"
    q.put(message)


def consumer():
    message = q.get()
    message["seen"] = True
    print(f"consumer: {message}")


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
