# counter_race.py under --switch-points=gil: CPython 3.12/3.13 with the GIL cannot switch between the read and the write
# (no checkpoint there), so the total is always 4; the accesses are still unsynchronised, so the race is reported.
# weft: --switch-points=gil
# expect: race
# expect-outcome: '4\n'
import threading

counter = 0


def worker():
    global counter
    for _ in range(2):
        tmp = counter
        counter = tmp + 1


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
assert counter == 4
