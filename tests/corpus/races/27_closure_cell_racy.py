# The closure cell updated without the lock: the race is reported on the cell's name, `count`.
# race: count 12 12
import threading


def run():
    count = 0
    lock = threading.Lock()

    def work():
        nonlocal count
        count += 1

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count


print(run())
