# The same, but a thread whose acquire failed updates the stock anyway: a failed acquire orders
# nothing, so that update races with the other thread's locked one.
# race: stock['apples'] 13 17
import threading

stock = {"apples": 5}
lock = threading.Lock()


def take():
    if lock.acquire(blocking=False):
        try:
            stock["apples"] -= 1
        finally:
            lock.release()
    else:
        stock["apples"] -= 1


threads = [threading.Thread(target=take) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(stock["apples"])
