# Course notes 004, "Producer-Consumer Using Queue": the article's queue + Event pipeline, WRITTEN from the description
# (print instead of logging, counting messages instead of random ones). Its consumer loop has a latent bug: it can call
# get() on an empty queue just before the producer sees the event and stops, and then waits forever (a hang).
# The producer and consumer never both block, so main's sleep(0.1) needs --time=free to end in virtual time.
# weft: --time=free --strategy random --iterations 300 --max-steps 50000
# expect: hang
import concurrent.futures
import queue
import threading
import time


def producer(queue, event):
    """Pretend we're getting a number from the network."""
    message = 0
    while not event.is_set():
        message += 1
        queue.put(message)
    print("Producer received event. Exiting")


def consumer(queue, event):
    """Pretend we're saving a number in the database."""
    while not event.is_set() or not queue.empty():
        message = queue.get()
    print("Consumer received event. Exiting")


if __name__ == "__main__":
    pipeline = queue.Queue(maxsize=10)
    event = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        executor.submit(producer, pipeline, event)
        executor.submit(consumer, pipeline, event)

        time.sleep(0.1)
        print("Main: about to set event")
        event.set()
