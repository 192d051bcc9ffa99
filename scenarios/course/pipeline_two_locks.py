# Course notes 004, "Producer-Consumer Using Lock": the article's Pipeline with a producer lock and a consumer lock, each
# released by the other thread. WRITTEN from the description: print instead of logging, messages 1..5 instead of random.
# expect: none
# expect-outcome: 'Consumer storing message: 1\nConsumer storing message: 2\nConsumer storing message: 3\nConsumer storing message: 4\nConsumer storing message: 5\n'
import concurrent.futures
import threading

SENTINEL = object()


class Pipeline:
    """Class to allow a single element pipeline between producer and consumer."""

    def __init__(self):
        self.message = 0
        self.producer_lock = threading.Lock()
        self.consumer_lock = threading.Lock()
        self.consumer_lock.acquire()

    def get_message(self, name):
        self.consumer_lock.acquire()
        message = self.message
        self.producer_lock.release()
        return message

    def set_message(self, message, name):
        self.producer_lock.acquire()
        self.message = message
        self.consumer_lock.release()


def producer(pipeline):
    """Pretend we're getting a message from the network."""
    for index in range(5):
        message = index + 1
        pipeline.set_message(message, "Producer")

    # Send a sentinel message to tell consumer we're done
    pipeline.set_message(SENTINEL, "Producer")


def consumer(pipeline):
    """Pretend we're saving a number in the database."""
    message = 0
    while message is not SENTINEL:
        message = pipeline.get_message("Consumer")
        if message is not SENTINEL:
            print(f"Consumer storing message: {message}")


if __name__ == "__main__":
    pipeline = Pipeline()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
        executor.submit(producer, pipeline)
        executor.submit(consumer, pipeline)
