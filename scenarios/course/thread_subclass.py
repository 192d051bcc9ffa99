# Course notes 001, "Subclassing Thread": WRITTEN from the description. Override only __init__ (calling
# Thread.__init__ first) and run(); args/kwargs are not passed to run, so the subclass keeps its own attributes.
# expect: none
# expect-outcome: 'worker-1: sum of 1..3 = 6\nworker-2: sum of 1..4 = 10\nmain: done\n'
# expect-outcome: 'worker-2: sum of 1..4 = 10\nworker-1: sum of 1..3 = 6\nmain: done\n'
import threading


class SumThread(threading.Thread):
    def __init__(self, name, count):
        threading.Thread.__init__(self, name=name)  # must be invoked when the constructor is overridden
        self.count = count

    def run(self):
        total = 0
        for i in range(1, self.count + 1):
            total += i
        print(f"{self.name}: sum of 1..{self.count} = {total}")


w1 = SumThread("worker-1", 3)
w2 = SumThread("worker-2", 4)
w1.start()
w2.start()
w1.join()
w2.join()
print("main: done")
