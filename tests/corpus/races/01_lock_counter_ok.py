# Two threads increment a global counter inside `with lock:`: the lock's release -> acquire edge
# orders the read-modify-writes. No race.
import threading

counter = 0
lock = threading.Lock()


def work():
    global counter
    with lock:
        counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == 2
print(counter)
