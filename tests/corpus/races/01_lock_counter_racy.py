# The same counter without the lock: `counter += 1` is a read then a write, and the two threads'
# accesses are unordered (a lost update is possible).
# race: counter 12 12
import threading

counter = 0
lock = threading.Lock()


def work():
    global counter
    counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
