# Course notes 004, "Producer-Consumer Using Queue": the article's queue + Event pipeline, WRITTEN from the description
# (print instead of logging, counted messages instead of random ones, and the producer sleeps 0.01 s after each put:
# messages "come in over a network at odd intervals"). The consumer loop `while not event.is_set() or not
# queue.empty(): queue.get()` has a latent bug: it calls get() on the empty queue, the event is set while the
# producer sleeps, the producer then stops without putting, and the consumer waits forever: a hang.
# weft: --strategy random --iterations 100 --max-steps 50000
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
        time.sleep(0.01)
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
