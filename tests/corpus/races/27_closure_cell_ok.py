# A counter in a closure cell (`nonlocal count`) shared by two threads, updated under a lock.
# No race.
import threading


def run():
    count = 0
    lock = threading.Lock()

    def work():
        nonlocal count
        with lock:
            count += 1

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count


assert run() == 2
print("ok")
