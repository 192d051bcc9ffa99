# A Thread subclass stores its result in an attribute; the main thread reads `worker.result`
# after join(). No race.
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
worker.join()
print(worker.result)
