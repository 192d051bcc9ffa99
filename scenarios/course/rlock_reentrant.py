# Course notes 001 "RLock" (and 003, 004): WRITTEN from the description. A re-entrant lock can be re-acquired by its owner;
# deposit_twice holds the RLock while calling deposit, which takes it again; it must be released as often as acquired.
# expect: none
# expect-outcome: 'balance: 30\n'
import threading


class Account:
    def __init__(self):
        self.lock = threading.RLock()
        self.balance = 0

    def deposit(self, amount):
        with self.lock:
            self.balance += amount

    def deposit_twice(self, amount):
        with self.lock:
            self.deposit(amount)
            self.deposit(amount)


account = Account()
threads = [threading.Thread(target=account.deposit_twice, args=(n,)) for n in (5, 10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance: {account.balance}")
