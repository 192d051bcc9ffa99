# Issue 13's readers-writer class: a readers-writer lock built from one Condition, two readers and a writer.
# expect: none
# expect-outcome: '[0, 0] 1\n'
# expect-outcome: '[1, 1] 1\n'
# expect-outcome: '[0, 1] 1\n'
import threading

class RWLock:
    def __init__(self):
        self.cond = threading.Condition()
        self.readers = 0
        self.writer = False

    def acquire_read(self):
        with self.cond:
            while self.writer:
                self.cond.wait()
            self.readers += 1

    def release_read(self):
        with self.cond:
            self.readers -= 1
            if self.readers == 0:
                self.cond.notify_all()

    def acquire_write(self):
        with self.cond:
            while self.writer or self.readers:
                self.cond.wait()
            self.writer = True

    def release_write(self):
        with self.cond:
            self.writer = False
            self.cond.notify_all()

rw = RWLock()
data = {"v": 0}
seen = []

def reader():
    rw.acquire_read()
    seen.append(data["v"])
    rw.release_read()

def writer():
    rw.acquire_write()
    data["v"] += 1
    rw.release_write()

ts = [threading.Thread(target=reader), threading.Thread(target=reader), threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(seen), data["v"])
