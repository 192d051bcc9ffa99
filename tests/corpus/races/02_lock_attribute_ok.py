# Two threads update an account's balance with explicit acquire/release (try/finally): the lock
# orders every access to `acct.balance`. No race.
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


threads = [threading.Thread(target=deposit, args=(n,)) for n in (10, 20)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert acct.balance == 130
print(acct.balance)
