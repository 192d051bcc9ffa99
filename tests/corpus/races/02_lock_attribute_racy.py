# The same deposits, but the second thread's withdrawal skips the lock: the first thread's locked
# write and the second thread's unlocked read and write of `acct.balance` are unordered.
# race: acct.balance 19 25
import threading


class Account:
    def __init__(self):
        self.balance = 100
        self.lock = threading.Lock()


acct = Account()


def deposit(amount):
    acct.lock.acquire()
    try:
        acct.balance = acct.balance + amount
    finally:
        acct.lock.release()


def withdraw(amount):
    acct.balance = acct.balance - amount


threads = [threading.Thread(target=deposit, args=(10,)), threading.Thread(target=withdraw, args=(20,))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(acct.balance)
