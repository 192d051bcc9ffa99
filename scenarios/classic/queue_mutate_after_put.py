# The producer keeps writing to an object after put() has handed it to the consumer: those writes are not ordered
# with the consumer's reads, a race (the consumer may print either status).
# expect: race
# expect-outcome: 'consumer: status=new\n'
# expect-outcome: 'consumer: status=sent\n'
import queue
import threading

q = queue.Queue()


class Message:
    def __init__(self):
        self.status = "new"


def producer():
    message = Message()
    q.put(message)
    message.status = "sent"  # too late: the consumer may already be reading it


def consumer():
    message = q.get()
    print(f"consumer: status={message.status}")


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
