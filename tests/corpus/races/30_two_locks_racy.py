# Misplaced synchronisation: each thread takes a different lock, which orders nothing between
# them.
# race: balance 14 20
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
    with lock_b:
        balance -= 5


threads = [threading.Thread(target=deposit), threading.Thread(target=withdraw)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(balance)
