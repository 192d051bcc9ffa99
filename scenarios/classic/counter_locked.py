# The fix of counter_race.py: the read-modify-write is done holding a Lock. No race, always 4.
# expect: none
# expect-outcome: '4\n'
import threading

counter = 0
lock = threading.Lock()


def worker():
    global counter
    for _ in range(2):
        with lock:
            tmp = counter
            counter = tmp + 1


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
assert counter == 4
