# Both threads guard `balance` with the same lock. No race.
import threading

balance = 0
lock_a = threading.Lock()
lock_b = threading.Lock()


def deposit():
    global balance
    with lock_a:
        balance += 10


def withdraw():
    global balance
    with lock_a:
        balance -= 5


threads = [threading.Thread(target=deposit), threading.Thread(target=withdraw)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert balance == 5
print(balance)
