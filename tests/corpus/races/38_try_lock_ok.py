# A non-blocking acquire: a thread touches `stock['apples']` only when its acquire succeeded, so
# every access is inside the lock. A failed acquire gives no happens-before edge. No race.
import threading

stock = {"apples": 5}
lock = threading.Lock()


def take():
    if lock.acquire(blocking=False):
        try:
            stock["apples"] -= 1
        finally:
            lock.release()


threads = [threading.Thread(target=take) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(stock["apples"] in (3, 4))
