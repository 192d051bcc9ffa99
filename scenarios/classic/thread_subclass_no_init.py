# Course notes 001 "Subclassing Thread": "Thread.__init__() must be invoked if subclass overrides constructor".
# Here it is not: start() raises RuntimeError in the main thread, before any thread runs.
# expect: exception
# expect-message: __init__() not called
# expect-outcome: 'main: starting\n'
import threading


class Worker(threading.Thread):
    def __init__(self, n):
        self.n = n  # forgot: threading.Thread.__init__(self)

    def run(self):
        print(f"worker {self.n}")


print("main: starting")
w = Worker(1)
w.start()
w.join()
print("main: done")
