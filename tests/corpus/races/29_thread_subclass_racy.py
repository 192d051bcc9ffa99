# The main thread reads the result attribute before join(): unordered with the write in run().
# race: worker.result 13 18
import threading


class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None

    def run(self):
        self.result = self.n * self.n


worker = Worker(7)
worker.start()
print(worker.result)
worker.join()
