# The read-modify-write counter race: two threads do `tmp = counter; counter = tmp + 1` twice each, unsynchronised.
# A switch between the read and the write loses updates (2 or 3 instead of 4; CPython's GIL build never switches there).
# expect: race, assertion
# expect-outcome: '4\n'
# expect-outcome: '3\n'
# expect-outcome: '2\n'
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
